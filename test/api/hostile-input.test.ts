/** Oversized bodies, huge arrays and deep nesting on every route that takes a body: 400/413, never 5xx. */
import { describe, expect, it } from "vitest";
import { routeTable } from "../../functions/routes";
import { routeCases, samplePath } from "../support/route-samples";
import { credentialFor, TARGET, useWorldStack } from "../support/world";

const withBody = routeTable.filter((r) => r.body);

const ctx = useWorldStack();

const bodies: Array<[string, string, number[]]> = [
  ["a 2 MB body", JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), [413]],
  ["a 300 KB body", JSON.stringify({ name: "中".repeat(100 * 1024) }), [413]],
  ["an array of 40,000 numbers", JSON.stringify({ name: new Array(40_000).fill(1) }), [400]],
  ["20,000 levels of nesting", `${"[".repeat(20_000)}${"]".repeat(20_000)}`, [400]],
  ["5,000 nested objects", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`, [400]],
  [
    "50,000 keys",
    JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))),
    [400, 413],
  ],
];

describe("hostile bodies", () => {
  it("has routes with bodies to test", () => {
    expect(withBody.length).toBeGreaterThan(3);
  });

  it.each(routeCases(withBody))("%s refuses them cleanly", async (_name, route) => {
    for (const [label, rawBody, statuses] of bodies) {
      const started = performance.now();
      const res = await ctx.t.call(route.method, samplePath(route, TARGET), {
        ...credentialFor(ctx.world, route),
        rawBody,
        headers: { "content-type": "application/json" },
      });
      expect(statuses, `${label}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(performance.now() - started, label).toBeLessThan(3000);
    }
  });
});
