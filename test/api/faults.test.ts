/**
 * Faults a real DynamoDB Local cannot produce on demand — throttling and transaction conflicts —
 * injected at the SDK client: the SDK's bounded retries (and ours for transaction conflicts) run,
 * then the request fails as a 503 problem; a transient fault is absorbed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";

let t: TestStack;
let platform: string;
const injected: string[] = [];

beforeAll(async () => {
  t = await startTestStack();
  platform = await t.token("platform-admin");
});
afterEach(() => {
  for (const name of injected.splice(0)) t.stack.db.doc.middlewareStack.remove(name);
});
afterAll(async () => t?.stop());

function inject(
  name: string,
  fault: (command: string, attempt: number) => Error | undefined,
): { attempts: () => number } {
  let attempts = 0;
  t.stack.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      attempts++;
      const error = fault(String(context.commandName), attempts);
      if (error) throw error;
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name },
  );
  injected.push(name);
  return { attempts: () => attempts };
}

const throttling = () =>
  Object.assign(new Error("Rate of requests exceeds the allowed throughput"), {
    name: "ProvisionedThroughputExceededException",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });

const conflict = () =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: "TransactionConflict" }, { Code: "None" }],
  });

describe("injected faults", () => {
  it("retries throttling a bounded number of times, then answers 503 with Retry-After", async () => {
    const probe = inject("throttle-all", () => throttling());
    const started = performance.now();
    const res = await t.call("PUT", "/v1/provinces/jl", {
      token: platform,
      body: { name: "吉林省", authorityName: "吉林省人民政府" },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.text).not.toContain("ProvisionedThroughputExceeded");
    expect(probe.attempts()).toBeGreaterThan(1);
    expect(probe.attempts()).toBeLessThanOrEqual(6);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("absorbs a transient throttle", async () => {
    inject("throttle-once", (_command, attempt) => (attempt === 1 ? throttling() : undefined));
    const res = await t.call("PUT", "/v1/provinces/jl", {
      token: platform,
      body: { name: "吉林省", authorityName: "吉林省人民政府" },
    });
    expect(res.status).toBeLessThan(300);
  });

  it("retries transaction conflicts, then answers 503", async () => {
    const admin = await t.token("province-admin", { provinceId: "jl" });
    const probe = inject("conflict-all", (command) =>
      command.startsWith("TransactWrite") ? conflict() : undefined,
    );
    const res = await t.call("PUT", "/v1/provinces/jl/tenants/changchun", {
      token: admin,
      body: { name: "长春市", authorityName: "长春市政府", displayOrder: 1 },
    });
    expect(res.status).toBe(503);
    expect(res.text).not.toContain("TransactionConflict");
    expect(probe.attempts()).toBeGreaterThan(2);
    expect(probe.attempts()).toBeLessThan(20);
  });

  it("gets through a transient transaction conflict", async () => {
    const admin = await t.token("province-admin", { provinceId: "jl" });
    let transactions = 0;
    inject("conflict-once", (command) => {
      if (!command.startsWith("TransactWrite")) return undefined;
      transactions++;
      return transactions === 1 ? conflict() : undefined;
    });
    const res = await t.call("PUT", "/v1/provinces/jl/tenants/changchun", {
      token: admin,
      body: { name: "长春市", authorityName: "长春市政府", displayOrder: 1 },
    });
    expect(res.status).toBeLessThan(300);
    expect(transactions).toBe(2);
  });

  it("answers 429 with Retry-After once an API key exceeds its rate", async () => {
    const limited = await startTestStack({ apiKeyRatePerMinute: 5 });
    try {
      const platformToken = await limited.token("platform-admin");
      await limited.call("PUT", "/v1/provinces/jl", {
        token: platformToken,
        body: { name: "吉林省", authorityName: "吉林省人民政府" },
      });
      const admin = await limited.token("province-admin", { provinceId: "jl" });
      await limited.call("PUT", "/v1/provinces/jl/tenants/changchun", {
        token: admin,
        body: { name: "长春市", authorityName: "长春市政府", displayOrder: 1 },
      });
      const cityAdmin = await limited.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
      const key = await limited.call<{ key: string }>("POST", "/v1/tenants/changchun/api-keys", {
        token: cityAdmin,
        body: { name: "HR" },
      });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 7; i++) {
        const res = await limited.call("GET", "/v1/tenants/changchun", { apiKey: key.body.key });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get("retry-after");
          expect(res.headers.get("content-type")).toContain("application/problem+json");
        }
      }
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      // tokens are not rate limited per key
      expect((await limited.call("GET", "/v1/tenants/changchun", { token: cityAdmin })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
