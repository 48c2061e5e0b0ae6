import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Entitlements, Profile } from "../../../../../shared/domain/subsidies";
import {
  buildCatalogue,
  calculateEntitlements,
  programSchema,
  stampVersions,
  validateTopUp,
} from "../../../../../shared/domain/subsidies";
import {
  checkSubsidyDataSet,
  type SubsidyDataSet,
  subsidyDataSetSchema,
} from "../../../../../shared/domain/subsidies/data-set";
import { CHANGCHUN_SETTLING_IN } from "../../../../support/demo-facts";

const raw: unknown = JSON.parse(
  readFileSync(new URL("../../../../../infra/local/demo/subsidies.json", import.meta.url), "utf8"),
);
const WRITTEN_AT = "2019-01-01T00:00:00.000Z";

function demo(): SubsidyDataSet {
  const parsed = subsidyDataSetSchema.safeParse(raw);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

function entitlements(tenantId: string, profile: Profile, date: string): Entitlements {
  const data = demo();
  const catalogue = buildCatalogue({
    provincePrograms: stampVersions(data.provincePrograms, (p) => p.code, WRITTEN_AT),
    topUps: stampVersions(data.topUps[tenantId] ?? [], (t) => t.programCode, WRITTEN_AT),
    localPrograms: stampVersions(data.localPrograms[tenantId] ?? [], (p) => p.code, WRITTEN_AT),
    date,
  });
  return calculateEntitlements(catalogue, profile, date);
}

function program(result: Entitlements, code: string) {
  const found = result.programs.find((p) => p.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

const DATE = "2019-07-01";
const freshGraduateFounder: Profile = { category: "graduate", graduationDate: "2019-06-30" };

describe("the Jilin demo data", () => {
  it("validates against the schemas and the business rules", () => {
    expect(subsidyDataSetSchema.safeParse(raw).success).toBe(true);
    expect(checkSubsidyDataSet(demo())).toEqual([]);
  });

  it("holds the six provincial baselines with their sources", () => {
    const programs = demo().provincePrograms;
    expect(programs.map((p) => [p.code, p.kind, p.benefit, p.basis.clause])).toEqual([
      ["startup_subsidy", "fixed", "grant", "（七）"],
      ["skill_upgrade_subsidy", "tiered", "grant", "（二十）"],
      ["rural_training_subsidy", "per_unit", "grant", "（十三）"],
      ["guarantee_loan", "tiered", "loan", "（十一）"],
      ["returnee_base_subsidy", "fixed", "grant", "（十一）"],
      ["family_service_base_subsidy", "fixed", "grant", "（二十一）"],
    ]);
    for (const p of programs) {
      expect(programSchema.safeParse(p).success).toBe(true);
      if (p.code !== "guarantee_loan") expect(p.basis.document).toBe("吉政发〔2017〕32号");
    }
  });

  it("Tonghua's top-up raises a term, and the demo's top-ups would be refused if lowered", () => {
    const loan = demo().provincePrograms.find((p) => p.code === "guarantee_loan");
    if (!loan) throw new Error("no guarantee_loan");
    expect(validateTopUp(loan, { "terms.fullInterestSubsidyYears": 3 })).toEqual([]);
    expect(validateTopUp(loan, { "tiers.graduate": 100000 })[0]).toMatchObject({
      path: "tiers.graduate",
      baseline: 150000,
    });
  });
});

describe("end to end on the demo data", () => {
  it("a fresh graduate founder in Changchun may borrow 300000: 150000 baseline + 150000 city top-up", () => {
    const result = entitlements("changchun", freshGraduateFounder, DATE);
    expect(result.maxLoan).toBe("300000.00");
    expect(program(result, "guarantee_loan")).toMatchObject({
      eligible: true,
      tier: "graduate",
      amount: "300000.00",
      baselineAmount: "150000.00",
      topUpAmount: "150000.00",
    });
    expect(program(result, "guarantee_loan").basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(result.totalGrant).toBe("0.00");
  });

  it("the same applicant elsewhere may borrow 150000", () => {
    for (const city of ["jilin", "siping"]) {
      const result = entitlements(city, freshGraduateFounder, DATE);
      expect(result.maxLoan).toBe("150000.00");
      expect(program(result, "guarantee_loan")).toMatchObject({
        baselineAmount: "150000.00",
        topUpAmount: "0.00",
      });
      expect(result.programs.some((p) => p.source === "local")).toBe(false);
    }
  });

  it("Changchun's raise is not in force before 2019", () => {
    const result = entitlements(
      "changchun",
      { ...freshGraduateFounder, graduationDate: "2018-06-30" },
      "2018-12-31",
    );
    expect(result.maxLoan).toBe("150000.00");
  });

  it("in Tonghua an individual founder gets 3 years of full interest subsidy as a term, the principal unchanged", () => {
    const result = entitlements("tonghua", freshGraduateFounder, DATE);
    const loan = program(result, "guarantee_loan");
    expect(loan).toMatchObject({ amount: "150000.00", topUpAmount: "0.00" });
    expect(loan.terms).toEqual({ interestSubsidyMarginPp: 3, fullInterestSubsidyYears: 3 });
    expect(loan.basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(program(entitlements("jilin", freshGraduateFounder, DATE), "guarantee_loan").terms).toEqual({
      interestSubsidyMarginPp: 3,
      fullInterestSubsidyYears: 0,
    });
  });

  it("a graduate more than 2 years out falls to the individual tier; an enterprise may borrow 4000000", () => {
    const older = entitlements("changchun", { category: "graduate", graduationDate: "2017-06-30" }, DATE);
    expect(program(older, "guarantee_loan")).toMatchObject({
      tier: "individual",
      amount: "100000.00",
      topUpAmount: "0.00",
    });
    expect(entitlements("changchun", { category: "enterprise" }, DATE).maxLoan).toBe("4000000.00");
  });

  it("not a person or an enterprise (a base): no loan, with each tier's reasons", () => {
    const result = entitlements("changchun", { category: "returnee_base" }, DATE);
    const loan = program(result, "guarantee_loan");
    expect(loan.eligible).toBe(false);
    expect(loan.unmet.map((u) => [u.tier, u.field, u.actual])).toEqual([
      ["enterprise", "category", "returnee_base"],
      ["graduate", "category", "returnee_base"],
      ["graduate", "graduationDate", "missing"],
      ["individual", "category", "returnee_base"],
    ]);
    expect(result.maxLoan).toBe("0.00");
  });

  it("Changchun's settling-in allowance for a key-university bachelor-or-higher graduate (local program)", () => {
    const profile: Profile = { category: "graduate", degree: "bachelor", keyUniversity: true };
    const result = entitlements("changchun", profile, DATE);
    expect(program(result, "settling_in_allowance")).toMatchObject(CHANGCHUN_SETTLING_IN);
    expect(result.totalGrant).toBe("80000.00");
    const notKey = entitlements("changchun", { ...profile, keyUniversity: false }, DATE);
    expect(program(notKey, "settling_in_allowance").unmet).toEqual([
      { field: "keyUniversity", op: "eq", value: true, actual: false },
    ]);
  });

  it("grants from 吉政发〔2017〕32号 add up; the loan is not added", () => {
    const founder = entitlements(
      "jilin",
      {
        category: "graduate",
        graduationDate: "2018-07-01",
        firstBusiness: true,
        businessOperatingMonths: 12,
        socialInsurancePaid: true,
      },
      DATE,
    );
    expect(program(founder, "startup_subsidy").amount).toBe("5000.00");
    expect(founder.totalGrant).toBe("5000.00");
    expect(founder.maxLoan).toBe("150000.00");

    const worker = entitlements(
      "jilin",
      {
        unemploymentInsuranceYears: 3,
        certificateLevel: "senior",
        certificateDate: "2019-03-01",
      },
      DATE,
    );
    expect(program(worker, "skill_upgrade_subsidy")).toMatchObject({ tier: "senior", amount: "2000.00" });
    const late = entitlements(
      "jilin",
      {
        category: "employee",
        unemploymentInsuranceYears: 3,
        certificateLevel: "senior",
        certificateDate: "2018-06-30",
      },
      DATE,
    );
    expect(program(late, "skill_upgrade_subsidy").unmet).toEqual([
      { field: "certificateDate", op: "withinMonths", value: 12, actual: "2018-06-30" },
    ]);

    expect(
      program(
        entitlements("jilin", { category: "rural_worker", trainingHours: 40 }, DATE),
        "rural_training_subsidy",
      ).amount,
    ).toBe("320.00");
    expect(entitlements("jilin", { category: "returnee_base" }, DATE).totalGrant).toBe("800000.00");
    expect(entitlements("jilin", { category: "family_service_training_base" }, DATE).totalGrant).toBe(
      "300000.00",
    );
    expect(entitlements("jilin", { category: "employee" }, DATE).totalGrant).toBe("0.00");
  });

  it("lists no 2017 program before 吉政发〔2017〕32号 took effect", () => {
    const codes = entitlements("jilin", {}, "2017-10-11").programs.map((p) => p.code);
    expect(codes).toEqual(["guarantee_loan"]);
    expect(entitlements("jilin", {}, "2017-10-12").programs).toHaveLength(6);
  });
});
