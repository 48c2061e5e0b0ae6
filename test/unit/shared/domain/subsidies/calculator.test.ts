import { describe, expect, it } from "vitest";
import type { Catalogue, Profile, ProgramVersion, TopUpVersion } from "#shared/domain/subsidies";
import { addDays, buildCatalogue, calculateEntitlements } from "#shared/domain/subsidies";
import {
  asVersion,
  fixedProgram,
  perUnitProgram,
  tieredProgram,
  topUpVersion,
} from "#test/support/subsidy-programs";

const DATE = "2019-07-01";

function calc(
  provincePrograms: ProgramVersion[],
  profile: Profile,
  date = DATE,
  topUps: TopUpVersion[] = [],
  localPrograms: ProgramVersion[] = [],
) {
  return calculateEntitlements(
    buildCatalogue({ provincePrograms, topUps, localPrograms, date }),
    profile,
    date,
  );
}

function only(
  provincePrograms: ProgramVersion[],
  profile: Profile,
  date = DATE,
  topUps: TopUpVersion[] = [],
) {
  const result = calc(provincePrograms, profile, date, topUps);
  expect(result.programs).toHaveLength(1);
  const [program] = result.programs;
  if (!program) throw new Error("no program");
  return program;
}

describe("program kinds", () => {
  it("fixed: pays the amount when every condition holds", () => {
    const program = asVersion(
      fixedProgram({ eligibility: [{ field: "firstBusiness", op: "eq", value: true }] }),
    );
    expect(only([program], { firstBusiness: true })).toMatchObject({
      eligible: true,
      amount: "5000.00",
      baselineAmount: "5000.00",
      topUpAmount: "0.00",
      unmet: [],
      tier: null,
      basis: [{ level: "province", document: "省〔2019〕1号", clause: "（一）" }],
    });
  });

  it("lists every unmet condition and pays nothing when ineligible", () => {
    const program = asVersion(
      fixedProgram({
        eligibility: [
          { field: "category", op: "in", value: ["graduate", "hard_to_employ"] },
          { field: "firstBusiness", op: "eq", value: true },
          { field: "businessOperatingMonths", op: "gte", value: 12 },
        ],
      }),
    );
    const result = only([program], { category: "veteran", businessOperatingMonths: 11 });
    expect(result).toMatchObject({
      eligible: false,
      amount: "0.00",
      baselineAmount: "0.00",
      topUpAmount: "0.00",
    });
    expect(result.unmet).toEqual([
      { field: "category", op: "in", value: ["graduate", "hard_to_employ"], actual: "veteran" },
      { field: "firstBusiness", op: "eq", value: true, actual: "missing" },
      { field: "businessOperatingMonths", op: "gte", value: 12, actual: 11 },
    ]);
  });

  it("tiered: the first tier whose conditions hold wins", () => {
    const program = asVersion(
      tieredProgram({
        eligibility: [],
        params: {
          tiers: [
            { key: "senior", when: [{ field: "certificateLevel", op: "eq", value: "senior" }], amount: 2000 },
            {
              key: "any_certificate",
              when: [{ field: "certificateLevel", op: "in", value: ["senior", "intermediate"] }],
              amount: 1500,
            },
            { key: "fallback", when: [], amount: 100 },
          ],
        },
        topUpLimits: undefined,
      }),
    );
    expect(only([program], { certificateLevel: "senior" })).toMatchObject({
      tier: "senior",
      amount: "2000.00",
    });
    expect(only([program], { certificateLevel: "intermediate" })).toMatchObject({
      tier: "any_certificate",
      amount: "1500.00",
    });
    expect(only([program], {})).toMatchObject({ tier: "fallback", amount: "100.00", eligible: true });
  });

  it("tiered: no tier holds → not eligible, every tier's failed conditions listed with their tier", () => {
    const result = only([asVersion(tieredProgram())], { unemploymentInsuranceYears: 2 });
    expect(result.eligible).toBe(false);
    expect(result.amount).toBe("0.00");
    expect(result.unmet).toEqual([
      { field: "unemploymentInsuranceYears", op: "gte", value: 3, actual: 2 },
      { field: "certificateLevel", op: "eq", value: "senior", actual: "missing", tier: "senior" },
      { field: "certificateLevel", op: "eq", value: "intermediate", actual: "missing", tier: "intermediate" },
      { field: "certificateLevel", op: "eq", value: "junior", actual: "missing", tier: "junior" },
    ]);
  });

  it("tiered: a tier that holds does not make up for unmet eligibility", () => {
    const result = only([asVersion(tieredProgram())], {
      certificateLevel: "junior",
      unemploymentInsuranceYears: 1,
    });
    expect(result).toMatchObject({ eligible: false, tier: null, amount: "0.00" });
    expect(result.unmet).toHaveLength(1);
  });

  it("per_unit without a cap: rate × units", () => {
    expect(only([asVersion(perUnitProgram())], { trainingHours: 120 }).amount).toBe("960.00");
  });

  it("per_unit rounds half-up to the fen, exactly", () => {
    const program = asVersion(perUnitProgram({ params: { rate: 0.15, unitsField: "trainingHours" } }));
    expect(only([program], { trainingHours: 0.1 }).amount).toBe("0.02");
    expect(only([program], { trainingHours: 0.3 }).amount).toBe("0.05");
  });

  it("per_unit with a cap: min(rate × units, cap)", () => {
    const program = asVersion(perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 800 } }));
    expect(only([program], { trainingHours: 99 }).amount).toBe("792.00");
    expect(only([program], { trainingHours: 100 }).amount).toBe("800.00");
    expect(only([program], { trainingHours: 101 }).amount).toBe("800.00");
  });

  it("per_unit needs the units field present and > 0", () => {
    expect(only([asVersion(perUnitProgram())], {}).unmet).toEqual([
      { field: "trainingHours", op: "gt", value: 0, actual: "missing" },
    ]);
    expect(only([asVersion(perUnitProgram())], { trainingHours: 0 })).toMatchObject({
      eligible: false,
      unmet: [{ field: "trainingHours", op: "gt", value: 0, actual: 0 }],
    });
  });
});

describe("effective dating", () => {
  const program = asVersion(fixedProgram({ effectiveFrom: "2019-03-01", effectiveTo: "2019-06-30" }));
  it.each([
    [addDays("2019-03-01", -1), 0],
    ["2019-03-01", 1],
    ["2019-06-30", 1],
    [addDays("2019-06-30", 1), 0],
  ])("on %s the program is listed %i times", (date, count) => {
    expect(calc([program], {}, date).programs).toHaveLength(count);
  });

  it("uses the version in force among overlapping versions", () => {
    const v1 = asVersion(fixedProgram({ effectiveFrom: "2018-01-01", params: { amount: 3000 } }), 1);
    const v2 = asVersion(fixedProgram({ effectiveFrom: "2019-01-01", params: { amount: 4000 } }), 2);
    const v3 = asVersion(fixedProgram({ effectiveFrom: "2019-01-01", params: { amount: 5000 } }), 3);
    const v4 = asVersion(fixedProgram({ effectiveFrom: "2020-01-01", params: { amount: 6000 } }), 4);
    const all = [v4, v1, v3, v2];
    expect(only(all, {}, "2018-12-31").amount).toBe("3000.00");
    expect(only(all, {}, "2019-01-01").amount).toBe("5000.00");
    expect(only(all, {}, "2019-12-31").amount).toBe("5000.00");
    expect(only(all, {}, "2020-01-01").amount).toBe("6000.00");
  });

  it("skips catalogue entries not in force on the calculation date, and ignores a top-up not in force", () => {
    const catalogue: Catalogue = buildCatalogue({
      provincePrograms: [
        asVersion(fixedProgram({ effectiveFrom: "2019-01-01", effectiveTo: "2019-07-01" })),
        asVersion(fixedProgram({ code: "other" })),
      ],
      topUps: [
        topUpVersion({ programCode: "other", overrides: { amount: 8000 }, effectiveTo: "2019-07-01" }),
      ],
      localPrograms: [],
      date: "2019-07-01",
    });
    const later = calculateEntitlements(catalogue, {}, "2019-07-02");
    expect(later.programs.map((p) => [p.code, p.amount, p.topUpAmount])).toEqual([
      ["other", "5000.00", "0.00"],
    ]);
    expect(later.programs[0]?.basis.map((b) => b.level)).toEqual(["province"]);
  });

  it("refuses a malformed date", () => {
    expect(() => calc([], {}, "2019-02-29")).toThrow(RangeError);
  });
});

describe("top-ups and local programs", () => {
  const province = asVersion(fixedProgram());

  it("amount = baseline + top-up, both documents cited", () => {
    const result = only([province], {}, DATE, [topUpVersion({ overrides: { amount: 8000 } })]);
    expect(result).toMatchObject({ amount: "8000.00", baselineAmount: "5000.00", topUpAmount: "3000.00" });
    expect(result.basis).toEqual([
      { level: "province", document: "省〔2019〕1号", clause: "（一）" },
      { level: "city", document: "市〔2019〕9号", clause: "第三条" },
    ]);
  });

  it("uses the top-up version in force on the date", () => {
    const topUps = [
      topUpVersion({ overrides: { amount: 6000 }, effectiveFrom: "2019-01-01" }, 1),
      topUpVersion({ overrides: { amount: 7000 }, effectiveFrom: "2019-07-01" }, 2),
    ];
    const since2018 = asVersion(fixedProgram({ effectiveFrom: "2018-01-01" }));
    expect(only([since2018], {}, "2018-12-31", topUps).amount).toBe("5000.00");
    expect(only([since2018], {}, "2019-01-01", topUps).amount).toBe("6000.00");
    expect(only([since2018], {}, "2019-06-30", topUps).amount).toBe("6000.00");
    expect(only([since2018], {}, "2019-07-01", topUps).amount).toBe("7000.00");
  });

  it("a later baseline above the top-up wins; the city is never below the baseline", () => {
    const v2 = asVersion(fixedProgram({ effectiveFrom: "2020-01-01", params: { amount: 9000 } }), 2);
    const result = only([province, v2], {}, "2020-01-01", [topUpVersion({ overrides: { amount: 8000 } })]);
    expect(result).toMatchObject({ amount: "9000.00", baselineAmount: "9000.00", topUpAmount: "0.00" });
    expect(result.basis.map((b) => b.level)).toEqual(["province"]);
  });

  it("a tier raise only adds money, and the city's document, for the tier that applies", () => {
    const topUps = [
      topUpVersion({ programCode: "skill_upgrade_subsidy", overrides: { "tiers.senior": 3000 } }),
    ];
    const atLevel = (certificateLevel: "junior" | "senior") =>
      only([asVersion(tieredProgram())], { certificateLevel, unemploymentInsuranceYears: 3 }, DATE, topUps);
    const senior = atLevel("senior");
    expect(senior).toMatchObject({ amount: "3000.00", baselineAmount: "2000.00", topUpAmount: "1000.00" });
    expect(senior.basis).toHaveLength(2);
    const junior = atLevel("junior");
    expect(junior).toMatchObject({ amount: "1000.00", baselineAmount: "1000.00", topUpAmount: "0.00" });
    expect(junior.basis).toHaveLength(1);
  });

  it("per_unit rate and cap raises", () => {
    const program = asVersion(perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 800 } }));
    const topUps = [
      topUpVersion({ programCode: "rural_training_subsidy", overrides: { rate: 10, cap: 1200 } }),
    ];
    expect(only([program], { trainingHours: 150 }, DATE, topUps)).toMatchObject({
      amount: "1200.00",
      baselineAmount: "800.00",
      topUpAmount: "400.00",
    });
  });

  it("local programs: source local, baseline 0, the whole amount from the city's document", () => {
    const local = asVersion(
      fixedProgram({ code: "settling_in", basis: { document: "市〔2019〕2号" }, params: { amount: 80000 } }),
    );
    const result = calc([province], {}, DATE, [], [local]);
    expect(result.programs.map((p) => [p.code, p.source])).toEqual([
      ["fixed_grant", "province"],
      ["settling_in", "local"],
    ]);
    expect(result.programs[1]).toMatchObject({
      amount: "80000.00",
      baselineAmount: "0.00",
      topUpAmount: "80000.00",
      basis: [{ level: "city", document: "市〔2019〕2号", clause: null }],
    });
    expect(result.totalGrant).toBe("85000.00");
  });

  it("totalGrant sums eligible grants only; maxLoan is the largest eligible loan, never added to grants", () => {
    const loanA = asVersion(fixedProgram({ code: "loan_a", benefit: "loan", params: { amount: 100000 } }));
    const loanB = asVersion(fixedProgram({ code: "loan_b", benefit: "loan", params: { amount: 150000 } }));
    const loanC = asVersion(
      fixedProgram({
        code: "loan_c",
        benefit: "loan",
        params: { amount: 900000 },
        eligibility: [{ field: "category", op: "eq", value: "enterprise" }],
      }),
    );
    const grant2 = asVersion(fixedProgram({ code: "grant_2", params: { amount: 0.5 } }));
    const result = calc([province, loanA, loanB, loanC, grant2], { category: "graduate" });
    expect(result.totalGrant).toBe("5000.50");
    expect(result.maxLoan).toBe("150000.00");
    expect(calc([province], {}).maxLoan).toBe("0.00");
  });

  it("shows terms, merged with the city's, for eligible and ineligible programs", () => {
    const program = asVersion(
      fixedProgram({
        terms: { years: 0, marginPp: 3 },
        eligibility: [{ field: "firstBusiness", op: "eq", value: true }],
      }),
    );
    const topUps = [topUpVersion({ overrides: { "terms.years": 3 } })];
    const result = only([program], {}, DATE, topUps);
    expect(result.terms).toEqual({ years: 3, marginPp: 3 });
    expect(result.eligible).toBe(false);
    const eligible = only([program], { firstBusiness: true }, DATE, topUps);
    expect(eligible.topUpAmount).toBe("0.00");
    expect(eligible.basis.map((b) => b.level)).toEqual(["province", "city"]);
  });
});
