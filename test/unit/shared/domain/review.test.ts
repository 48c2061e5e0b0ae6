import { describe, expect, it } from "vitest";
import { reviewSchema, validateReviewAgainstRulebook } from "../../../../shared/domain/review";
import { type BonusLine, type DeductionLine, scoreYear } from "../../../../shared/domain/scoring";
import { input, review, rulebook, tenant } from "../../../support/scoring-builders";

describe("reviewSchema", () => {
  it("accepts a full review and defaults bonuses/deductions to empty lists", () => {
    expect(reviewSchema.parse({ items: { review: 9.5 } })).toEqual({
      items: { review: 9.5 },
      bonuses: [],
      deductions: [],
    });
    const full = {
      items: { review: 0 },
      bonuses: [{ points: 1.5, reason: "创业博览会" }],
      deductions: [{ points: 2, reason: "数据迟报" }],
      veto: { reason: "重大安全事故" },
    };
    expect(reviewSchema.parse(full)).toEqual(full);
  });

  it.each([
    ["an unknown field", { items: {}, extra: 1 }],
    ["a negative score", { items: { review: -1 } }],
    ["zero bonus points", { items: {}, bonuses: [{ points: 0, reason: "x" }] }],
    ["negative deduction points", { items: {}, deductions: [{ points: -1, reason: "x" }] }],
    ["an empty reason", { items: {}, bonuses: [{ points: 1, reason: "  " }] }],
    ["a reason over 500 characters", { items: {}, deductions: [{ points: 1, reason: "长".repeat(501) }] }],
    ["an unknown field in an adjustment", { items: {}, bonuses: [{ points: 1, reason: "x", note: "y" }] }],
    ["an empty veto reason", { items: {}, veto: { reason: "" } }],
    ["missing items", { bonuses: [] }],
  ])("rejects %s", (_, value) => {
    expect(reviewSchema.safeParse(value).success).toBe(false);
  });
});

describe("validateReviewAgainstRulebook", () => {
  const rb = rulebook();
  it("accepts known items within their maxScore", () => {
    expect(validateReviewAgainstRulebook(review({ review: 20 }), rb)).toEqual([]);
  });

  it("rejects an unknown item code at its path", () => {
    expect(validateReviewAgainstRulebook(review({ review: 1, nope: 2 }), rb)).toEqual([
      { path: "items.nope", message: expect.stringContaining("nope"), zh: "考评细则中没有评审项目“nope”" },
    ]);
    // an inherited property name is still unknown
    expect(validateReviewAgainstRulebook(review({ constructor: 1 }), rb).map((e) => e.path)).toEqual([
      "items.constructor",
    ]);
  });

  it("rejects a score above maxScore, naming the maxScore", () => {
    const errors = validateReviewAgainstRulebook(review({ review: 20.01 }), rb);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("items.review");
    expect(errors[0]?.message).toContain("20");
  });
});

describe("review lines, bonus and deduction", () => {
  const lineOf = <K extends "bonus" | "deduction">(r: ReturnType<typeof scoreYear>[number], kind: K) =>
    r.lines.find((l) => l.kind === kind) as K extends "bonus" ? BonusLine : DeductionLine;

  it("a review item scores round2(score)", () => {
    const [r] = scoreYear(input([tenant("a", 1, 100, 9.755)]));
    expect(r?.lines.find((l) => l.kind === "review")).toEqual({
      kind: "review",
      code: "review",
      name: "评审",
      maxScore: 20,
      score: 9.755,
      points: "9.76",
      flags: [],
    });
    expect(r?.reviewPoints).toBe("9.76");
  });

  it("a missing review item scores 0, flagged", () => {
    const t = { ...tenant("a", 1, 100, 0), review: review({}) };
    const [r] = scoreYear(input([t]));
    expect(r?.lines.find((l) => l.kind === "review")).toMatchObject({
      score: null,
      points: "0.00",
      flags: ["missing"],
    });
    expect(r?.total).toBe("80.00");
  });

  it("no review at all: every item missing, empty bonus and deduction lines, no veto", () => {
    const { review: _, ...t } = tenant("a", 1, 100, 0);
    const [r] = scoreYear(input([t]));
    expect(r?.lines.filter((l) => l.kind === "review")).toEqual([
      {
        kind: "review",
        code: "review",
        name: "评审",
        maxScore: 20,
        score: null,
        points: "0.00",
        flags: ["missing"],
      },
    ]);
    expect(r?.lines.filter((l) => l.kind === "bonus")).toEqual([
      { kind: "bonus", points: "0.00", limit: 3, items: [] },
    ]);
    expect(r?.lines.filter((l) => l.kind === "deduction")).toEqual([
      { kind: "deduction", points: "0.00", limit: 10, items: [] },
    ]);
    expect(r?.lines.some((l) => l.kind === "veto")).toBe(false);
    expect(r?.vetoed).toBe(false);
  });

  it("ignores review items the rulebook does not have", () => {
    const t = { ...tenant("a", 1, 100, 5), review: review({ review: 5, other: 50 }) };
    expect(scoreYear(input([t]))[0]?.reviewPoints).toBe("5.00");
  });

  it("bonus is capped at bonusMax", () => {
    const bonuses = [
      { points: 2, reason: "甲" },
      { points: 2, reason: "乙" },
    ];
    const [r] = scoreYear(input([tenant("a", 1, 50, 10, { bonuses })]));
    expect(r?.bonusPoints).toBe("3.00");
    expect(r && lineOf(r, "bonus")).toEqual({ kind: "bonus", points: "3.00", limit: 3, items: bonuses });
    expect(r?.total).toBe("63.00"); // 30 + 20 + 10 + 3
  });

  it("bonus below bonusMax counts in full", () => {
    const [r] = scoreYear(input([tenant("a", 1, 50, 10, { bonuses: [{ points: 1.25, reason: "甲" }] })]));
    expect(r?.bonusPoints).toBe("1.25");
    expect(r?.total).toBe("61.25");
  });

  it("without bonusMax no bonus counts (default 0)", () => {
    const { bonusMax: _, ...rest } = rulebook();
    const [r] = scoreYear(input([tenant("a", 1, 50, 10, { bonuses: [{ points: 2, reason: "甲" }] })], rest));
    expect(r?.bonusPoints).toBe("0.00");
    expect(r && lineOf(r, "bonus").limit).toBe(0);
    expect(r?.total).toBe("60.00");
  });

  it("deductions are capped at deductionMax", () => {
    const deductions = [
      { points: 6, reason: "甲" },
      { points: 7, reason: "乙" },
    ];
    const [r] = scoreYear(input([tenant("a", 1, 100, 20, { deductions })]));
    expect(r?.deductionPoints).toBe("10.00");
    expect(r && lineOf(r, "deduction")).toEqual({
      kind: "deduction",
      points: "10.00",
      limit: 10,
      items: deductions,
    });
    expect(r?.total).toBe("90.00");
  });

  it("deductions without a limit count in full", () => {
    const { deductionMax: _, ...rest } = rulebook();
    const deductions = [
      { points: 6, reason: "甲" },
      { points: 7.5, reason: "乙" },
    ];
    const [r] = scoreYear(input([tenant("a", 1, 100, 20, { deductions })], rest));
    expect(r?.deductionPoints).toBe("13.50");
    expect(r && lineOf(r, "deduction").limit).toBeNull();
    expect(r?.total).toBe("86.50");
  });

  it("the total never goes below 0", () => {
    const { deductionMax: _, ...rest } = rulebook();
    const [r] = scoreYear(
      input([tenant("a", 1, 10, 1, { deductions: [{ points: 50, reason: "严重问题" }] })], rest),
    );
    expect(r?.deductionPoints).toBe("50.00");
    expect(r?.total).toBe("0.00"); // 6 + 20 + 1 − 50 < 0
    expect(r?.grade).toBe("不合格");
  });
});
