import { describe, expect, it } from "vitest";
import {
  applyTopUp,
  checkTopUp,
  topUpSchema,
  topUpVersionSchema,
  validateTopUp,
} from "#shared/domain/subsidies";
import {
  asVersion,
  fixedProgram,
  perUnitProgram,
  tieredProgram,
  topUp,
  WRITTEN_AT,
} from "#test/support/subsidy-programs";

/** tieredProgram()'s senior tier: 2000 yuan from the province, which a city may raise to 5000 at most. */
const SENIOR_TIER = { path: "tiers.senior", baseline: 2000, limit: 5000 };

describe("validateTopUp", () => {
  it("accepts raises within the limits, including a value equal to the baseline or the limit", () => {
    expect(validateTopUp(tieredProgram(), { "tiers.senior": 5000, "tiers.junior": 1000 })).toEqual([]);
    expect(validateTopUp(fixedProgram(), { amount: 8000.5 })).toEqual([]);
    expect(
      validateTopUp(perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 800 } }), {
        rate: 10,
        cap: 1000,
      }),
    ).toEqual([]);
    expect(validateTopUp(fixedProgram({ terms: { years: 2 } }), { "terms.years": 3 })).toEqual([]);
  });

  it("refuses a value below the baseline, naming path, baseline and limit", () => {
    expect(validateTopUp(tieredProgram(), { "tiers.senior": 1999 })).toEqual([
      {
        ...SENIOR_TIER,
        message: expect.stringContaining("2000"),
        zh: "职工技能提升补贴的“senior”档的金额不得低于省级标准2000元（市级只能提高标准）",
      },
    ]);
    expect(validateTopUp(fixedProgram(), { amount: 4999.99 })).toEqual([
      {
        path: "amount",
        message: expect.stringContaining("baseline"),
        zh: "定额补贴的补贴金额不得低于省级标准5000元（市级只能提高标准）",
        baseline: 5000,
        limit: null,
      },
    ]);
    expect(validateTopUp(fixedProgram({ terms: { years: 2 } }), { "terms.years": 1 })).toEqual([
      {
        path: "terms.years",
        message: expect.stringContaining("baseline"),
        zh: "定额补贴的附加条款“years”不得低于省级标准2（市级只能提高标准）",
        baseline: 2,
        limit: null,
      },
    ]);
  });

  it("refuses a value over the limit", () => {
    expect(validateTopUp(tieredProgram(), { "tiers.senior": 5000.01 })).toEqual([
      {
        ...SENIOR_TIER,
        message: expect.stringContaining("5000"),
        zh: "职工技能提升补贴的“senior”档的金额不得高于省级规定的提标上限5000元",
      },
    ]);
  });

  it("refuses an unknown path, an unknown tier key or term, and paths that do not fit the kind", () => {
    const errors = validateTopUp(tieredProgram(), {
      "tiers.expert": 3000,
      amount: 9000,
      rate: 10,
      "terms.years": 3,
      "params.tiers": 1,
    });
    expect(errors.map((e) => e.path)).toEqual([
      "tiers.expert",
      "amount",
      "rate",
      "terms.years",
      "params.tiers",
    ]);
    for (const e of errors)
      expect(e).toMatchObject({ baseline: null, limit: null, message: expect.any(String) });
    expect(errors[0]?.message).toContain("senior, intermediate, junior");
    expect(errors[0]?.zh).toBe(
      "职工技能提升补贴不能按“tiers.expert”提标：没有“expert”档；现有档次：senior、intermediate、junior",
    );
    expect(validateTopUp(fixedProgram(), { "tiers.senior": 3000 })[0]?.message).toContain("tiered");
    expect(validateTopUp(perUnitProgram(), { cap: 1000 })[0]?.message).toContain("no cap");
  });

  it("refuses money with more than 2 decimals, and reports every bad path", () => {
    const errors = validateTopUp(fixedProgram({ terms: { years: 2 } }), {
      amount: 6000.001,
      "terms.years": 2.5,
      x: 1,
    });
    expect(errors.map((e) => e.path)).toEqual(["amount", "x"]);
  });
});

describe("checkTopUp: the provincial version in force on the top-up's effectiveFrom", () => {
  const v1 = asVersion(fixedProgram({ effectiveFrom: "2018-01-01", effectiveTo: "2019-12-31" }), 1);
  const v2 = asVersion(fixedProgram({ effectiveFrom: "2020-01-01", params: { amount: 7000 } }), 2);

  it("validates against the version in force on effectiveFrom", () => {
    expect(checkTopUp([v1, v2], topUp({ overrides: { amount: 6000 }, effectiveFrom: "2019-06-01" }))).toEqual(
      [],
    );
    expect(checkTopUp([v1, v2], topUp({ overrides: { amount: 6000 }, effectiveFrom: "2020-01-01" }))).toEqual(
      [
        {
          path: "amount",
          message: expect.any(String),
          zh: expect.stringContaining("7000元"),
          baseline: 7000,
          limit: null,
        },
      ],
    );
  });

  it("refuses a top-up that starts before the program is in force, or for an unknown program", () => {
    expect(checkTopUp([v1], topUp({ effectiveFrom: "2017-12-31" }))).toEqual([
      {
        path: "effectiveFrom",
        message: expect.stringContaining("2017-12-31"),
        zh: "定额补贴在2017年12月31日没有有效的省级版本",
        baseline: null,
        limit: null,
      },
    ]);
    expect(checkTopUp([v1], topUp({ programCode: "other" }))[0]?.path).toBe("programCode");
  });
});

describe("applyTopUp: clamped to [baseline, limit] of the version it is applied to", () => {
  it("applies raises to each kind", () => {
    expect(applyTopUp(fixedProgram(), { amount: 8000 })).toMatchObject({
      kind: "fixed",
      params: { amount: 8000 },
      raised: ["amount"],
    });
    const tiered = applyTopUp(tieredProgram(), { "tiers.senior": 3000 });
    expect(tiered.kind === "tiered" && tiered.params.tiers.map((t) => t.amount)).toEqual([3000, 1500, 1000]);
    const perUnit = applyTopUp(
      perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 800 } }),
      {
        rate: 10,
        cap: 1000,
      },
    );
    expect(perUnit.params).toEqual({ rate: 10, unitsField: "trainingHours", cap: 1000 });
  });

  it("a later baseline above the city's value wins", () => {
    const applied = applyTopUp(fixedProgram({ params: { amount: 9000 } }), { amount: 8000 });
    expect(applied.params).toEqual({ amount: 9000 });
    expect(applied.raised).toEqual([]);
    expect(applied.notes).toEqual([
      { path: "amount", value: 8000, effective: 9000, reason: expect.stringContaining("baseline") },
    ]);
  });

  it("a value above the current limit is held to the limit; unknown paths are not applied", () => {
    const applied = applyTopUp(tieredProgram(), { "tiers.senior": 6000, "tiers.expert": 1 });
    expect(applied.kind === "tiered" && applied.params.tiers[0]?.amount).toBe(5000);
    expect(applied.notes.map((n) => [n.path, n.effective])).toEqual([
      ["tiers.senior", 5000],
      ["tiers.expert", null],
    ]);
  });

  it("never adds a cap the province does not have", () => {
    const applied = applyTopUp(perUnitProgram(), { cap: 100 });
    expect(applied.params).toEqual({ rate: 8, unitsField: "trainingHours" });
  });
});

describe("top-up schema", () => {
  it("accepts a top-up and a stored version", () => {
    expect(topUpSchema.safeParse(topUp()).success).toBe(true);
    expect(topUpVersionSchema.safeParse({ ...topUp(), version: 1, writtenAt: WRITTEN_AT }).success).toBe(
      true,
    );
  });

  it("rejects unknown fields, empty overrides and reversed dates", () => {
    expect(topUpSchema.safeParse({ ...topUp(), extra: 1 }).success).toBe(false);
    expect(topUpSchema.safeParse(topUp({ overrides: {} })).success).toBe(false);
    const reversed = topUpSchema.safeParse(topUp({ effectiveFrom: "2019-02-01", effectiveTo: "2019-01-31" }));
    expect(reversed.error?.issues.map((i) => i.path.join("."))).toEqual(["effectiveTo"]);
  });

  it("leaves unknown paths to validateTopUp (a business rule, 422)", () => {
    expect(topUpSchema.safeParse(topUp({ overrides: { "tiers.nope": 1 } })).success).toBe(true);
  });
});
