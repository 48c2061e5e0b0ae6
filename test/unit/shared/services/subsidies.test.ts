/**
 * The pure parts of the subsidies service: how a PUT body becomes a program (400 vs 422), how a
 * top-up is checked against the provincial versions (422 items naming the path, the baseline and
 * the limit), what DynamoDB could not store, and what a stored version shows.
 */
import { describe, expect, it } from "vitest";
import type { StoredProgram } from "../../../../shared/data/stores/subsidies";
import type { Program, TopUp } from "../../../../shared/domain/subsidies";
import { BusinessRuleError, ValidationError } from "../../../../shared/lib/errors";
import {
  assertStorable,
  parseProgram,
  toProgramResponse,
  topUpErrors,
} from "../../../../shared/services/subsidies";

const tiered = {
  name: "创业担保贷款",
  basis: { document: "吉政发〔2015〕号", clause: "（十一）" },
  kind: "tiered",
  benefit: "loan",
  params: {
    tiers: [
      { key: "graduate", when: [{ field: "category", op: "eq", value: "graduate" }], amount: 150000 },
      { key: "individual", when: [], amount: 100000 },
    ],
  },
  terms: { fullInterestSubsidyYears: 0 },
  eligibility: [],
  topUpLimits: { "tiers.graduate": { max: 300000 } },
  effectiveFrom: "2016-01-01",
  effectiveTo: null,
} as const;

function stored(program: Program, version: number, writtenAt = "2019-01-01T00:00:00.000Z"): StoredProgram {
  return { ...program, version, writtenAt, writtenBy: "admin" };
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("parseProgram", () => {
  it("takes the code from the path when the body leaves it out, or when it agrees", () => {
    expect(parseProgram("guarantee_loan", tiered).code).toBe("guarantee_loan");
    expect(parseProgram("guarantee_loan", { ...tiered, code: "guarantee_loan" }).code).toBe("guarantee_loan");
  });

  it("refuses a body code that differs from the path with 400 on body.code", () => {
    const error = catchError(() => parseProgram("guarantee_loan", { ...tiered, code: "other" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ path: "body.code" })]);
  });

  it("answers the domain's cross-field rules with 422 naming each path", () => {
    const error = catchError(() =>
      parseProgram("guarantee_loan", {
        ...tiered,
        effectiveTo: "2015-12-31",
        topUpLimits: { "tiers.graduate": { max: 100 }, "tiers.nobody": { max: 1 } },
      }),
    );
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).errors?.map((e) => e.path).sort()).toEqual([
      "body.effectiveTo",
      'body.topUpLimits["tiers.graduate"].max',
      'body.topUpLimits["tiers.nobody"]',
    ]);
  });
});

describe("topUpErrors", () => {
  const loan = parseProgram("guarantee_loan", tiered);
  const topUp = (overrides: Record<string, number>, effectiveFrom = "2019-01-01"): TopUp => ({
    programCode: "guarantee_loan",
    overrides,
    basis: { document: "长政发〔2019〕1号" },
    effectiveFrom,
  });

  it("accepts a raise within the limit", () => {
    expect(topUpErrors([stored(loan, 1)], topUp({ "tiers.graduate": 300000 }), "jl")).toEqual([]);
  });

  it("names the path, the baseline and the limit of each refused value", () => {
    const errors = topUpErrors(
      [stored(loan, 1)],
      topUp({
        "tiers.graduate": 149999.99,
        "tiers.individual": 99999,
        "terms.fullInterestSubsidyYears": 3,
        rate: 9,
      }),
      "jl",
    );
    expect(errors).toEqual([
      expect.objectContaining({ path: "body.overrides.tiers.graduate", baseline: 150000, limit: 300000 }),
      expect.objectContaining({ path: "body.overrides.tiers.individual", baseline: 100000, limit: null }),
      expect.objectContaining({ path: "body.overrides.rate", baseline: null, limit: null }),
    ]);
    const over = topUpErrors([stored(loan, 1)], topUp({ "tiers.graduate": 300001 }), "jl");
    expect(over).toEqual([
      {
        path: "body.overrides.tiers.graduate",
        message: expect.stringContaining("limit"),
        zh: expect.stringContaining("不得高于省级规定的提标上限300000元"),
        baseline: 150000,
        limit: 300000,
      },
    ]);
  });

  it("checks against the provincial version in force on the top-up's effectiveFrom", () => {
    if (loan.kind !== "tiered") throw new Error("tiered expected");
    const raised: Program = {
      ...loan,
      params: { tiers: loan.params.tiers.map((t) => (t.key === "graduate" ? { ...t, amount: 200000 } : t)) },
      topUpLimits: { "tiers.graduate": { max: 400000 } },
      effectiveFrom: "2020-01-01",
    };
    const versions = [stored(loan, 1), stored(raised, 2)];
    expect(topUpErrors(versions, topUp({ "tiers.graduate": 180000 }), "jl")).toEqual([]);
    expect(topUpErrors(versions, topUp({ "tiers.graduate": 180000 }, "2020-01-01"), "jl")).toEqual([
      expect.objectContaining({ path: "body.overrides.tiers.graduate", baseline: 200000, limit: 400000 }),
    ]);
  });

  it("refuses a program the province lacks (code) and a start before the program (effectiveFrom)", () => {
    expect(topUpErrors([], topUp({ amount: 1 }), "jl")).toEqual([
      expect.objectContaining({ path: "path.code", baseline: null, limit: null }),
    ]);
    expect(topUpErrors([stored(loan, 1)], topUp({ "tiers.graduate": 200000 }, "2015-12-31"), "jl")).toEqual([
      expect.objectContaining({ path: "body.effectiveFrom", baseline: null, limit: null }),
    ]);
  });
});

describe("assertStorable", () => {
  it("accepts what DynamoDB stores", () => {
    expect(() =>
      assertStorable({ a: [0, -0, 1e-130, 9.99e125, -5, "汉字"], b: { c: true, d: null } }),
    ).not.toThrow();
  });

  it("refuses numbers out of DynamoDB's range and lone surrogates, naming the path", () => {
    const error = catchError(() =>
      assertStorable({ terms: { x: 5e-324 }, tiers: [{ amount: 1e200 }], name: "\ud800" }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.map((e) => e.path)).toEqual([
      "body.terms.x",
      "body.tiers[0].amount",
      "body.name",
    ]);
  });
});

describe("toProgramResponse", () => {
  it("shows the writer only when asked and makes an open end explicit", () => {
    const { effectiveTo: _drop, ...open } = parseProgram("guarantee_loan", tiered);
    const version = stored(open as Program, 3);
    expect(toProgramResponse(version, { withWriter: true })).toMatchObject({
      writtenBy: "admin",
      effectiveTo: null,
      version: 3,
    });
    const hidden = toProgramResponse(version, { withWriter: false });
    expect(hidden).not.toHaveProperty("writtenBy");
    expect(hidden).toMatchObject({ code: "guarantee_loan", writtenAt: "2019-01-01T00:00:00.000Z" });
  });
});
