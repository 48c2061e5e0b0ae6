/**
 * The assessment API tests' stack: the world (province jl, its roles, changchun and jilin), five
 * extra tenants of jl — one per scenario, so scenarios do not share report histories — with city
 * tokens, and the fixture's 2019 rulebook and targets for every one of them. A test file calls
 * `useAssessmentStack()` once; `t` and `world` are live bindings, set by its `beforeAll`.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { setNow } from "../../shared/lib/clock";
import { EXTRA, fixture, type Report, rulebook, SOURCE, values, YEAR } from "./assessment-data";
import type { Problem } from "./responses";
import { startTestStack, type TestStack } from "./stack";
import { auth, buildWorld, type World } from "./world";

export let t: TestStack;
export let world: World;
const tokens = new Map<string, string>();

export const as = (label: string) => auth(world.get(label));
export const cityToken = (tenantId: string, role: "city-admin" | "city-reporter" = "city-reporter") => {
  const token = tokens.get(`${tenantId}/${role}`);
  if (!token) throw new Error(`no token for ${tenantId}/${role}`);
  return { token };
};

export function putReport(
  who: { token?: string; apiKey?: string },
  tenantId: string,
  period: string,
  body: Record<string, unknown>,
  ifMatch?: number,
) {
  return t.call<Report & Problem>("PUT", `/v1/tenants/${tenantId}/years/${YEAR}/reports/${period}`, {
    ...who,
    body,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  });
}

/**
 * A city reporter of `tenantId` (or `who`) submits the fixture's values of `month` (1–12) of the
 * year from the usual source; `reason` and `ifMatch` for a revision.
 */
export function putMonthlyReport(
  tenantId: string,
  month: number,
  options: { who?: { token?: string; apiKey?: string }; reason?: string; ifMatch?: number } = {},
) {
  const period = `${YEAR}-${String(month).padStart(2, "0")}`;
  const { who, reason, ifMatch } = options;
  return putReport(
    who ?? cityToken(tenantId),
    tenantId,
    period,
    { values: values(tenantId, month), source: SOURCE, ...(reason !== undefined ? { reason } : {}) },
    ifMatch,
  );
}

export function useAssessmentStack(): void {
  beforeAll(async () => {
    t = await startTestStack();
    world = await buildWorld(t);
    const admin = as("jl/province-admin");
    let order = 10;
    for (const tenantId of EXTRA) {
      const res = await t.call("PUT", `/v1/provinces/jl/tenants/${tenantId}`, {
        ...admin,
        body: { name: `${tenantId}市`, authorityName: `${tenantId}市政府`, displayOrder: order++ },
      });
      expect(res.status).toBe(201);
    }
    for (const tenantId of ["changchun", "jilin", ...EXTRA]) {
      for (const role of ["city-admin", "city-reporter"] as const) {
        tokens.set(`${tenantId}/${role}`, await t.token(role, { provinceId: "jl", tenantId }));
      }
    }
    const put = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/rulebook`, { ...admin, body: rulebook });
    expect(put.status, put.text).toBe(201);
    for (const tenantId of ["changchun", "jilin", ...EXTRA]) {
      const res = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/${tenantId}`, {
        ...admin,
        body: { targets: fixture.targets.changchun },
      });
      expect(res.status, res.text).toBe(201);
    }
  });
  afterEach(() => setNow(null));
  afterAll(async () => t?.stop());
}
