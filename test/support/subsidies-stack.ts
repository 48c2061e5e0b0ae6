/**
 * The subsidies API tests' stack: the world, a third Jilin city (Tonghua), the six Jilin baselines
 * of the demo data through the API (guarantee_loan with top-up limits in a second version),
 * Changchun's and Tonghua's top-ups and Changchun's local program. A test file calls
 * `useSubsidiesStack()` once; `t` and `world` are live bindings, set by its `beforeAll`.
 *
 * The clock is fixed at 2019-06-15 10:00 Asia/Shanghai for every authenticated call (tokens are
 * minted on that clock); public calls move it to test the "today" default, then put it back.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { setNow } from "../../shared/lib/clock";
import { startTestStack, type TestStack } from "./stack";
import { demo, demoProgram, demoTopUp, type Entitlement, type Entitlements, NOW } from "./subsidies-data";
import { auth, buildWorld, type World } from "./world";

export let t: TestStack;
export let world: World;
export const as = (label: string) => auth(world.get(label));

export function useSubsidiesStack(): void {
  beforeAll(async () => {
    setNow(NOW);
    t = await startTestStack();
    world = await buildWorld(t);
    const admin = as("jl/province-admin");
    // a third Jilin city, for Tonghua's top-up
    const tonghua = await t.call("PUT", "/v1/provinces/jl/tenants/tonghua", {
      ...admin,
      body: { name: "通化市", authorityName: "通化市政府", displayOrder: 5 },
    });
    expect(tonghua.status).toBe(201);
    // the six Jilin baselines, through the API
    for (const program of demo.provincePrograms) {
      const res = await t.call("PUT", `/v1/provinces/jl/subsidy-programs/${program.code}`, {
        ...admin,
        body: demoProgram(program.code),
      });
      expect(res.status, res.text).toBe(201);
    }
    // guarantee_loan gets top-up limits in a second version (the graduate tier up to 300,000)
    const loan = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/guarantee_loan", {
      ...admin,
      body: {
        ...demoProgram("guarantee_loan"),
        topUpLimits: { "tiers.graduate": { max: 300000 }, "terms.fullInterestSubsidyYears": { max: 3 } },
      },
    });
    expect(loan.status, loan.text).toBe(200);
    const changchun = await t.call("PUT", "/v1/tenants/changchun/subsidy-top-ups/guarantee_loan", {
      ...as("changchun/city-admin"),
      body: demoTopUp("changchun"),
    });
    expect(changchun.status, changchun.text).toBe(201);
    const tonghuaAdmin = await t.token("city-admin", { provinceId: "jl", tenantId: "tonghua" });
    const tonghuaTopUp = await t.call("PUT", "/v1/tenants/tonghua/subsidy-top-ups/guarantee_loan", {
      token: tonghuaAdmin,
      body: demoTopUp("tonghua"),
    });
    expect(tonghuaTopUp.status, tonghuaTopUp.text).toBe(201);
    const local = demo.localPrograms.changchun?.[0];
    if (!local) throw new Error("no demo local program");
    const localRes = await t.call("PUT", `/v1/tenants/changchun/local-programs/${local.code}`, {
      ...as("changchun/city-admin"),
      body: local,
    });
    expect(localRes.status, localRes.text).toBe(201);
  });
  afterEach(() => setNow(NOW));
  afterAll(async () => t?.stop());
}

export async function entitlements(tenantId: string, profile: Record<string, unknown>, date?: string) {
  const res = await t.call<Entitlements>("POST", `/v1/public/tenants/${tenantId}/entitlements`, {
    body: { profile, ...(date ? { date } : {}) },
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export function program(result: Entitlements, code: string): Entitlement {
  const found = result.programs.find((p) => p.code === code);
  if (!found) throw new Error(`no ${code} in ${result.programs.map((p) => p.code).join(", ")}`);
  return found;
}
