/**
 * Every route, fuzzed from its own schemas with fast-check: mostly well-formed requests from an
 * allowed caller, plus wrong types, unknown fields, garbage JSON and odd path values. Whatever
 * arrives, the answer is never a 5xx, and every error is problem+json.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { routeTable } from "../../functions/routes";
import { fuzzArbitrary } from "../support/json-schema-arbitrary";
import { routeCases, samplePath } from "../support/route-samples";
import { credentialFor, TARGET, useWorldStack } from "../support/world";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const ctx = useWorldStack();

function jsonSchema(schema: z.ZodMiniType | undefined): Record<string, unknown> | undefined {
  return schema
    ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>)
    : undefined;
}

function queryString(value: unknown): string {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) params.set(k, typeof v === "string" ? v : JSON.stringify(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}

describe("fuzzing every route", () => {
  it.each(routeCases(routeTable))("%s never answers 5xx", async (_name, route) => {
    const body = fuzzArbitrary(jsonSchema(route.body));
    const query = route.query ? fuzzArbitrary(jsonSchema(route.query)) : fc.constant(undefined);
    const oddPath = fc.option(
      fc.constantFrom("..", "%00", "ÄÖ", "a".repeat(300), "2019-13", "-1", "%E4%B8%AD"),
      {
        freq: 8,
      },
    );
    const headers = credentialFor(ctx.world, route);
    await fc.assert(
      fc.asyncProperty(body, query, oddPath, fc.boolean(), async (b, q, odd, withIfMatch) => {
        let path = samplePath(route, TARGET);
        if (odd !== null) path = path.replace(/\/[^/]+$/, `/${odd}`);
        const res = await ctx.t.call(route.method, `${path}${queryString(q)}`, {
          ...headers,
          ...(route.body || route.method !== "GET" ? { body: b } : {}),
          ...(withIfMatch ? { ifMatch: 1 } : {}),
        });
        expect(res.status, `${route.method} ${path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get("content-type")).toContain("application/problem+json");
      }),
      { numRuns: RUNS },
    );
  });
});
