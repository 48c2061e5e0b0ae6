import { describe, expect, it } from "vitest";
import type { Condition, Profile } from "../../../../../shared/domain/subsidies";
import { conditionSchema, evaluateCondition, unmetConditions } from "../../../../../shared/domain/subsidies";

const DATE = "2019-07-01";

function parse(input: unknown): Condition {
  const result = conditionSchema.safeParse(input);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

function issues(input: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const result = conditionSchema.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));
}

describe("condition operators", () => {
  const profile: Profile = {
    category: "graduate",
    degree: "master",
    keyUniversity: true,
    unemploymentInsuranceYears: 3,
    graduationDate: "2018-07-01",
    certificateDate: "2017-01-01",
  };

  it.each([
    [{ field: "category", op: "eq", value: "graduate" }, true],
    [{ field: "category", op: "eq", value: "veteran" }, false],
    [{ field: "keyUniversity", op: "eq", value: true }, true],
    [{ field: "keyUniversity", op: "ne", value: true }, false],
    [{ field: "category", op: "ne", value: "veteran" }, true],
    [{ field: "degree", op: "in", value: ["bachelor", "master"] }, true],
    [{ field: "degree", op: "in", value: ["bachelor", "doctor"] }, false],
    [{ field: "unemploymentInsuranceYears", op: "gte", value: 3 }, true],
    [{ field: "unemploymentInsuranceYears", op: "gte", value: 3.5 }, false],
    [{ field: "unemploymentInsuranceYears", op: "lte", value: 3 }, true],
    [{ field: "unemploymentInsuranceYears", op: "lte", value: 2.99 }, false],
    [{ field: "unemploymentInsuranceYears", op: "gt", value: 3 }, false],
    [{ field: "unemploymentInsuranceYears", op: "gt", value: 2 }, true],
    [{ field: "unemploymentInsuranceYears", op: "lt", value: 3 }, false],
    [{ field: "unemploymentInsuranceYears", op: "lt", value: 4 }, true],
    [{ field: "certificateDate", op: "onOrAfter", value: "2017-01-01" }, true],
    [{ field: "certificateDate", op: "onOrAfter", value: "2017-01-02" }, false],
    [{ field: "graduationDate", op: "withinMonths", value: 12 }, true],
    [{ field: "graduationDate", op: "withinMonths", value: 11 }, false],
  ])("%j holds: %s", (input, expected) => {
    const unmet = evaluateCondition(parse(input), profile, DATE);
    expect(unmet === undefined).toBe(expected);
  });

  it("reports the condition and the actual value when it fails", () => {
    expect(
      evaluateCondition(parse({ field: "category", op: "eq", value: "veteran" }), profile, DATE),
    ).toEqual({
      field: "category",
      op: "eq",
      value: "veteran",
      actual: "graduate",
    });
  });

  it.each([
    { field: "trainingHours", op: "gte", value: 1 },
    { field: "socialInsurancePaid", op: "eq", value: false },
    { field: "socialInsurancePaid", op: "ne", value: true },
    { field: "certificateLevel", op: "in", value: ["junior"] },
    { field: "businessOperatingMonths", op: "lt", value: 12 },
    { field: "certificateDate", op: "withinMonths", value: 12 },
  ])("fails on a missing field with actual 'missing': %j", (input) => {
    const unmet = evaluateCondition(parse(input), {}, DATE);
    expect(unmet).toEqual({ ...input, actual: "missing" });
  });

  it("evaluates every condition, not just up to the first failure", () => {
    const conditions = [
      parse({ field: "category", op: "eq", value: "veteran" }),
      parse({ field: "degree", op: "eq", value: "master" }),
      parse({ field: "firstBusiness", op: "eq", value: true }),
    ];
    expect(unmetConditions(conditions, profile, DATE).map((u) => u.field)).toEqual([
      "category",
      "firstBusiness",
    ]);
  });
});

describe("withinMonths boundaries (inclusive, clamped to month end)", () => {
  const cond = parse({ field: "certificateDate", op: "withinMonths", value: 1 });
  const at = (certificateDate: string, date: string) =>
    evaluateCondition(cond, { certificateDate }, date) === undefined;

  it("includes exactly value months back and the evaluation date itself", () => {
    expect(at("2019-06-15", "2019-07-15")).toBe(true);
    expect(at("2019-06-14", "2019-07-15")).toBe(false);
    expect(at("2019-07-15", "2019-07-15")).toBe(true);
  });

  it("rejects a date after the evaluation date", () => {
    expect(at("2019-07-16", "2019-07-15")).toBe(false);
  });

  it("clamps the start to the end of a shorter month", () => {
    expect(at("2020-02-29", "2020-03-31")).toBe(true);
    expect(at("2020-02-28", "2020-03-31")).toBe(false);
    expect(at("2021-02-28", "2021-03-31")).toBe(true);
    expect(at("2021-02-27", "2021-03-31")).toBe(false);
  });

  it("12 months from a leap day", () => {
    const year = parse({ field: "certificateDate", op: "withinMonths", value: 12 });
    expect(evaluateCondition(year, { certificateDate: "2019-02-28" }, "2020-02-29")).toBeUndefined();
    expect(evaluateCondition(year, { certificateDate: "2019-02-27" }, "2020-02-29")).toBeDefined();
  });
});

describe("condition validation", () => {
  it("accepts a condition for every operator that fits its field", () => {
    for (const input of [
      { field: "category", op: "in", value: ["graduate", "veteran"] },
      { field: "businessOperatingMonths", op: "gte", value: 12 },
      { field: "graduationDate", op: "eq", value: "2019-06-30" },
      { field: "certificateDate", op: "withinMonths", value: 12 },
    ])
      expect(conditionSchema.safeParse(input).success).toBe(true);
  });

  it("rejects an unknown field, an unknown operator and extra keys", () => {
    expect(issues({ field: "age", op: "gte", value: 18 })[0]?.path).toEqual(["field"]);
    expect(conditionSchema.safeParse({ field: "category", op: "like", value: "grad%" }).success).toBe(false);
    expect(
      conditionSchema.safeParse({ field: "category", op: "eq", value: "graduate", note: "x" }).success,
    ).toBe(false);
  });

  it("needs an array for in, and each member must fit the field", () => {
    expect(conditionSchema.safeParse({ field: "category", op: "in", value: "graduate" }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: "category", op: "in", value: [] }).success).toBe(false);
    expect(issues({ field: "category", op: "in", value: ["graduate", "student"] })).toEqual([
      { path: ["value", 1], message: expect.stringContaining("category") },
    ]);
  });

  it("needs an enum member, a boolean, an integer or a date as the field demands", () => {
    expect(issues({ field: "category", op: "eq", value: "student" })[0]?.path).toEqual(["value"]);
    expect(issues({ field: "keyUniversity", op: "eq", value: "yes" })[0]?.path).toEqual(["value"]);
    expect(issues({ field: "businessOperatingMonths", op: "eq", value: 1.5 })[0]?.path).toEqual(["value"]);
    expect(issues({ field: "graduationDate", op: "ne", value: "2019-02-29" })[0]?.path).toEqual(["value"]);
  });

  it("needs a numeric field for numeric operators", () => {
    expect(issues({ field: "category", op: "gte", value: 3 })).toEqual([
      { path: ["op"], message: expect.stringContaining("numeric field") },
    ]);
    expect(conditionSchema.safeParse({ field: "trainingHours", op: "gt", value: "3" }).success).toBe(false);
  });

  it("needs a date value and a date field for onOrAfter", () => {
    expect(
      conditionSchema.safeParse({ field: "certificateDate", op: "onOrAfter", value: 2017 }).success,
    ).toBe(false);
    expect(issues({ field: "trainingHours", op: "onOrAfter", value: "2017-01-01" })[0]?.path).toEqual(["op"]);
  });

  it("needs a positive integer and a date field for withinMonths", () => {
    expect(
      conditionSchema.safeParse({ field: "certificateDate", op: "withinMonths", value: 0 }).success,
    ).toBe(false);
    expect(
      conditionSchema.safeParse({ field: "certificateDate", op: "withinMonths", value: 1.5 }).success,
    ).toBe(false);
    expect(
      conditionSchema.safeParse({ field: "certificateDate", op: "withinMonths", value: "12" }).success,
    ).toBe(false);
    expect(issues({ field: "trainingHours", op: "withinMonths", value: 12 })[0]?.path).toEqual(["op"]);
  });
});
