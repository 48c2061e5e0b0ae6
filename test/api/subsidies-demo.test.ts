/**
 * `npm start`'s demo seed loads the subsidies: the six Jilin baselines, Changchun's raised
 * guarantee loan and settling-in allowance, and Tonghua's three years of full interest subsidy —
 * visible on the public routes without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ seedDemo: true });
});
afterAll(async () => t?.stop());

const GRADUATE_FOUNDER = { category: "graduate", graduationDate: "2018-07-01" };

describe("the demo subsidies", () => {
  it("are loaded by the demo seed", () => {
    expect(t.stack.seeded?.loaded).toBe(true);
  });

  it("list the six Jilin baselines, written by demo-seed", async () => {
    const token = await t.token("province-admin", { provinceId: "jl" });
    const res = await t.call("GET", "/v1/provinces/jl/subsidy-programs", { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.programs.map((p: { code: string }) => p.code)).toEqual([
      "family_service_base_subsidy",
      "guarantee_loan",
      "returnee_base_subsidy",
      "rural_training_subsidy",
      "skill_upgrade_subsidy",
      "startup_subsidy",
    ]);
    for (const program of res.body.programs)
      expect(program).toMatchObject({ version: 1, writtenBy: "demo-seed" });
  });

  it("show Changchun's raised guarantee loan in its public catalogue", async () => {
    const res = await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-06-15");
    expect(res.status, res.text).toBe(200);
    const loan = res.body.programs.find((p: { code: string }) => p.code === "guarantee_loan");
    expect(loan.params.tiers.find((x: { key: string }) => x.key === "graduate").amount).toBe(300000);
    expect(loan.basis.map((b: { level: string }) => b.level)).toEqual(["province", "city"]);
    expect(res.body.programs.map((p: { code: string; source: string }) => `${p.source}:${p.code}`)).toContain(
      "local:settling_in_allowance",
    );
  });

  it("give the Changchun graduate founder 300,000 and the same profile in Jilin City 150,000", async () => {
    const changchun = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(changchun.status, changchun.text).toBe(200);
    expect(changchun.body.maxLoan).toBe("300000.00");
    expect(changchun.body.programs.find((p: { code: string }) => p.code === "guarantee_loan")).toMatchObject({
      baselineAmount: "150000.00",
      topUpAmount: "150000.00",
    });
    const jilin = await t.call("POST", "/v1/public/tenants/jilin/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(jilin.body.maxLoan).toBe("150000.00");
  });

  it("show Tonghua's three years of full interest subsidy", async () => {
    const res = await t.call("POST", "/v1/public/tenants/tonghua/entitlements", {
      body: { profile: { category: "veteran" }, date: "2019-06-15" },
    });
    expect(res.status, res.text).toBe(200);
    const loan = res.body.programs.find((p: { code: string }) => p.code === "guarantee_loan");
    expect(loan).toMatchObject({
      eligible: true,
      amount: "100000.00",
      terms: { fullInterestSubsidyYears: 3 },
    });
    expect(res.body.maxLoan).toBe("100000.00");
  });

  it("answer on the documented profile fields alone, and refuse any other field", async () => {
    const worker = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: {
        profile: { unemploymentInsuranceYears: 3, certificateLevel: "senior", certificateDate: "2019-06-01" },
        date: "2019-12-01",
      },
    });
    expect(worker.status, worker.text).toBe(200);
    expect(
      worker.body.programs.find((p: { code: string }) => p.code === "skill_upgrade_subsidy"),
    ).toMatchObject({
      eligible: true,
      amount: "2000.00",
    });
    for (const field of ["founder", "employedByEnterprise", "baseLevel"]) {
      const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
        body: { profile: { category: "graduate", [field]: true } },
      });
      expect(res.status, field).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([`body.profile.${field}`]);
    }
  });
});
