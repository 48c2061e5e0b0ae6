/**
 * The entitlement calculator over HTTP: the amounts of each kind, unmet conditions, every
 * operator, the documents cited.
 */
import { describe, expect, it } from "vitest";
import { CHANGCHUN_SETTLING_IN } from "../../support/demo-facts";
import { GRADUATE_FOUNDER } from "../../support/subsidies-data";
import { as, entitlements, program, t, useSubsidiesStack } from "../../support/subsidies-stack";

useSubsidiesStack();

describe("the entitlement calculator", () => {
  it("gives a Changchun graduate founder a 300,000 loan: baseline 150,000 + city top-up 150,000, both documents cited", async () => {
    const result = await entitlements("changchun", GRADUATE_FOUNDER, "2019-06-15");
    expect(result.maxLoan).toBe("300000.00");
    const loan = program(result, "guarantee_loan");
    expect(loan).toMatchObject({
      eligible: true,
      tier: "graduate",
      amount: "300000.00",
      baselineAmount: "150000.00",
      topUpAmount: "150000.00",
      unmet: [],
    });
    expect(loan.basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(loan.basis[1]?.document).toContain("吉政函〔2020〕33号");
    // Changchun's settling-in allowance (local) for a key-university master
    expect(program(result, "settling_in_allowance")).toMatchObject(CHANGCHUN_SETTLING_IN);
    expect(result.totalGrant).toBe("80000.00");
    const notKey = await entitlements(
      "changchun",
      { ...GRADUATE_FOUNDER, keyUniversity: false },
      "2019-06-15",
    );
    expect(program(notKey, "settling_in_allowance")).toMatchObject({ eligible: false, amount: "0.00" });
    expect(notKey.totalGrant).toBe("0.00");
  });

  it("gives the same profile 150,000 in Jilin City (no top-up), citing only the province", async () => {
    const result = await entitlements("jilin", GRADUATE_FOUNDER, "2019-06-15");
    expect(result.maxLoan).toBe("150000.00");
    const loan = program(result, "guarantee_loan");
    expect(loan).toMatchObject({ amount: "150000.00", baselineAmount: "150000.00", topUpAmount: "0.00" });
    expect(loan.basis.map((b) => b.level)).toEqual(["province"]);
    expect(result.programs.some((p) => p.code === "settling_in_allowance")).toBe(false);
  });

  it("shows Tonghua's 3 years of full interest subsidy in the loan's terms, citing Tonghua's document", async () => {
    const founder = { category: "registered_unemployed" };
    const tonghua = program(await entitlements("tonghua", founder, "2019-06-15"), "guarantee_loan");
    expect(tonghua).toMatchObject({
      eligible: true,
      tier: "individual",
      amount: "100000.00",
      topUpAmount: "0.00",
    });
    expect(tonghua.terms).toEqual({ interestSubsidyMarginPp: 3, fullInterestSubsidyYears: 3 });
    expect(tonghua.basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(tonghua.basis[1]?.document).toContain("通化");
    const jilin = program(await entitlements("jilin", founder, "2019-06-15"), "guarantee_loan");
    expect(jilin.terms.fullInterestSubsidyYears).toBe(0);
  });

  it("lists every unmet condition with the applicant's value, or missing", async () => {
    const result = await entitlements(
      "jilin",
      { category: "employee", unemploymentInsuranceYears: 2.5, certificateLevel: "senior" },
      "2019-06-15",
    );
    const skill = program(result, "skill_upgrade_subsidy");
    expect(skill.eligible).toBe(false);
    expect(skill.amount).toBe("0.00");
    expect(skill.unmet).toEqual([
      { field: "unemploymentInsuranceYears", op: "gte", value: 3, actual: 2.5 },
      { field: "certificateDate", op: "onOrAfter", value: "2017-01-01", actual: "missing" },
      { field: "certificateDate", op: "withinMonths", value: 12, actual: "missing" },
    ]);
    const startup = program(result, "startup_subsidy");
    expect(startup.unmet).toEqual([
      { field: "category", op: "in", value: ["graduate", "hard_to_employ"], actual: "employee" },
      { field: "firstBusiness", op: "eq", value: true, actual: "missing" },
      { field: "businessOperatingMonths", op: "gte", value: 12, actual: "missing" },
      { field: "socialInsurancePaid", op: "eq", value: true, actual: "missing" },
    ]);
    // an employee may still borrow as an individual founder
    expect(program(result, "guarantee_loan")).toMatchObject({
      eligible: true,
      tier: "individual",
      unmet: [],
    });
    expect(result.totalGrant).toBe("0.00");
    expect(result.maxLoan).toBe("100000.00");
    // a base is neither a person nor an enterprise: no tier holds, each tier's reasons given
    const base = program(
      await entitlements("jilin", { category: "returnee_base" }, "2019-06-15"),
      "guarantee_loan",
    );
    expect(base.eligible).toBe(false);
    expect(base.unmet).toContainEqual(
      expect.objectContaining({ field: "category", op: "eq", value: "enterprise", tier: "enterprise" }),
    );
    expect(base.unmet.every((u) => u.tier !== undefined)).toBe(true);
  });

  it("evaluates every operator as data", async () => {
    const body = {
      name: "运算符测试",
      basis: { document: "测试〔2019〕2号" },
      kind: "fixed",
      benefit: "grant",
      params: { amount: 1 },
      eligibility: [
        { field: "category", op: "eq", value: "graduate" },
        { field: "degree", op: "ne", value: "bachelor" },
        { field: "degree", op: "in", value: ["master", "doctor"] },
        { field: "businessOperatingMonths", op: "gte", value: 6 },
        { field: "businessOperatingMonths", op: "lte", value: 24 },
        { field: "trainingHours", op: "gt", value: 10 },
        { field: "trainingHours", op: "lt", value: 100 },
        { field: "graduationDate", op: "onOrAfter", value: "2018-01-01" },
        { field: "graduationDate", op: "withinMonths", value: 12 },
      ],
      effectiveFrom: "2019-01-01",
    };
    const put = await t.call("PUT", "/v1/tenants/jilin/local-programs/operators_test", {
      ...as("jilin/city-admin"),
      body,
    });
    expect(put.status, put.text).toBe(201);
    const meets = {
      category: "graduate",
      degree: "master",
      businessOperatingMonths: 6,
      trainingHours: 10.5,
      graduationDate: "2018-06-15",
    };
    expect(program(await entitlements("jilin", meets, "2019-06-15"), "operators_test").eligible).toBe(true);
    const fails = {
      category: "veteran",
      degree: "bachelor",
      businessOperatingMonths: 25,
      trainingHours: 100,
      graduationDate: "2017-12-31",
    };
    const unmet = program(await entitlements("jilin", fails, "2019-06-15"), "operators_test").unmet;
    expect(unmet.map((u) => [u.op, u.actual])).toEqual([
      ["eq", "veteran"],
      ["ne", "bachelor"],
      ["in", "bachelor"],
      ["lte", 25],
      ["lt", 100],
      ["onOrAfter", "2017-12-31"],
      ["withinMonths", "2017-12-31"],
    ]);
    const low = program(
      await entitlements("jilin", { ...meets, businessOperatingMonths: 5, trainingHours: 10 }, "2019-06-15"),
      "operators_test",
    ).unmet;
    expect(low.map((u) => u.op)).toEqual(["gte", "gt"]);
    // withinMonths is inclusive at 12 months back, and a day earlier fails
    expect(
      program(
        await entitlements("jilin", { ...meets, graduationDate: "2018-06-15" }, "2019-06-15"),
        "operators_test",
      ).eligible,
    ).toBe(true);
    expect(
      program(
        await entitlements("jilin", { ...meets, graduationDate: "2018-06-14" }, "2019-06-15"),
        "operators_test",
      ).unmet,
    ).toEqual([{ field: "graduationDate", op: "withinMonths", value: 12, actual: "2018-06-14" }]);
  });

  it("refuses unknown profile fields and bad values with 400 naming body.profile.<field>", async () => {
    const unknown = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: { ...GRADUATE_FOUNDER, income: 5000 } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: "body.profile.income" })]);
    const bad = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: { category: "astronaut" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: "body.profile.category" })]);
    const extra = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: {}, tenantId: "jilin" },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: "body.tenantId" })]);
  });

  it("exposes only the calculation", async () => {
    const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["date", "maxLoan", "programs", "tenantId", "totalGrant"]);
    for (const word of ["writtenBy", "writtenAt", "overrides", "eligibility", "city-admin@"])
      expect(res.text).not.toContain(word);
  });
});
