/** When storage cannot be reached, requests fail fast with a 503 problem that says nothing internal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, type Db, setDb } from "../../shared/data/client";
import { freePort } from "../support/ports";
import { startTestStack, type TestStack } from "../support/stack";

let t: TestStack;
let healthy: Db;

beforeAll(async () => {
  t = await startTestStack();
  healthy = t.stack.db;
  const dead = await freePort();
  setDb({
    table: healthy.table,
    doc: createDocumentClient({ endpoint: `http://127.0.0.1:${dead}`, region: "local" }),
  });
});
afterAll(async () => {
  setDb(healthy);
  await t?.stop();
});

describe("storage unreachable", () => {
  it("answers health with 503 problem+json, quickly", async () => {
    const started = performance.now();
    const res = await t.call<{ status: number; detail: string }>("GET", "/v1/health");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|at \w+ \(/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("answers an authenticated write with 503, not 500", async () => {
    const token = await t.token("platform-admin");
    const res = await t.call("PUT", "/v1/provinces/jl", {
      token,
      body: { name: "吉林省", authorityName: "吉林省人民政府" },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.text).not.toContain("ECONNREFUSED");
  });

  it("answers an API key call with 503 when the key store is unreachable", async () => {
    const res = await t.call("GET", "/v1/tenants/changchun/api-keys", {
      apiKey: `ek.changchun.0123456789abcdef.${"a".repeat(43)}`,
    });
    expect(res.status).toBe(503);
  });
});
