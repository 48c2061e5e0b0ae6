import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  type IndicatorLine,
  overridesSchema,
  type ScoringInput,
  scoreYear,
} from "../../../../../shared/domain/scoring";
import { byId, input, rulebook, tenant } from "../../../../support/scoring-builders";

function base(): ScoringInput {
  return input(
    [tenant("a", 1, 100, 15), tenant("b", 2, 90, 15), tenant("c", 3, 110, 5)],
    rulebook({ gradeQuotas: { 优秀: 0.4 } }),
  );
}

function applied(overrides: unknown): ScoringInput {
  const result = applyOverrides(base(), overrides);
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.input;
}

function errorsOf(overrides: unknown): Array<{ path: string; message: string }> {
  const result = applyOverrides(base(), overrides);
  if (!("errors" in result)) throw new Error("expected errors");
  return result.errors;
}

const jobsLine = (r: ReturnType<typeof scoreYear>[number]) =>
  r.lines.find((l): l is IndicatorLine => l.kind === "indicator" && l.code === "jobs");

describe("applyOverrides: valid overrides", () => {
  it("no overrides: the same input, same results", () => {
    expect(scoreYear(applied({}))).toEqual(scoreYear(base()));
  });

  it("weights change the points", () => {
    const results = scoreYear(applied({ weights: { jobs: 70 } }));
    expect(jobsLine(byId(results, "b"))?.points).toBe("63.00");
    expect(byId(results, "b").total).toBe("98.00");
  });

  it("caps let completion count above the target", () => {
    const results = scoreYear(applied({ caps: { jobs: 1.2 } }));
    expect(jobsLine(byId(results, "c"))).toMatchObject({ cap: 1.2, points: "66.00", flags: [] });
  });

  it("tolerances change a ceiling indicator", () => {
    const over: ScoringInput = {
      ...base(),
      tenants: [{ ...tenant("a", 1, 100, 15), reports: { "2019-12": { jobs: 100, rate: 4.2 } } }],
    };
    const before = scoreYear(over);
    const after = applyOverrides(over, { tolerances: { rate: 1 } });
    if ("errors" in after) throw new Error("unexpected errors");
    const rateOf = (r: ReturnType<typeof scoreYear>) =>
      r[0]?.lines.find((l) => l.kind === "indicator" && l.code === "rate");
    expect(rateOf(before)).toMatchObject({ points: "12.00" }); // 20 × (1 − 0.2 ÷ 0.5)
    expect(rateOf(scoreYear(after.input))).toMatchObject({ points: "16.00", tolerance: 1 }); // 20 × (1 − 0.2 ÷ 1)
  });

  it("thresholds, quotas and the removal of a quota", () => {
    // a 95, b 89, c 85 → without the quota and with 优秀 at 85 all three would be 优秀
    expect(scoreYear(base()).map((r) => r.grade)).toEqual(["优秀", "良好", "良好"]);
    expect(scoreYear(applied({ thresholds: { 优秀: 85 } })).map((r) => r.grade)).toEqual([
      "优秀",
      "良好",
      "良好",
    ]);
    expect(
      scoreYear(applied({ thresholds: { 优秀: 85 }, quotas: { 优秀: null } })).map((r) => r.grade),
    ).toEqual(["优秀", "优秀", "优秀"]);
    expect(applied({ quotas: { 优秀: null } }).rulebook.gradeQuotas).toBeUndefined();
    const moved = scoreYear(applied({ thresholds: { 优秀: 85 }, quotas: { 优秀: 0.34, 良好: 0.34 } }));
    expect(moved.map((r) => [r.grade, r.gradeByScore ?? null])).toEqual([
      ["优秀", null],
      ["良好", "优秀"],
      ["合格", "优秀"],
    ]);
  });

  it("targets are merged per tenant and indicator", () => {
    const next = applied({ targets: { b: { jobs: 90 } } });
    expect(next.tenants.find((t) => t.tenantId === "b")?.targets).toEqual({ jobs: 90, rate: 4 });
    expect(byId(scoreYear(next), "b").total).toBe("95.00");
  });

  it("bonusMax and deductionMax (null removes the limit)", () => {
    const t = tenant("a", 1, 100, 15, {
      bonuses: [{ points: 5, reason: "甲" }],
      deductions: [{ points: 12, reason: "乙" }],
    });
    const one = { ...base(), tenants: [t] };
    const result = applyOverrides(one, { bonusMax: 5, deductionMax: null });
    if ("errors" in result) throw new Error("unexpected errors");
    expect(result.input.rulebook.deductionMax).toBeUndefined();
    const [r] = scoreYear(result.input);
    expect([r?.bonusPoints, r?.deductionPoints, r?.total]).toEqual(["5.00", "12.00", "88.00"]);
    expect(scoreYear(one)[0]?.total).toBe("88.00"); // 95 + 3 − 10
  });

  it("actuals are the year-end values, merged into the December report (the line is final)", () => {
    const notFinal: ScoringInput = {
      ...base(),
      tenants: [{ ...tenant("a", 1, 100, 15), reports: { "2019-11": { jobs: 70, rate: 4 } } }],
    };
    expect(jobsLine(scoreYear(notFinal)[0] as ReturnType<typeof scoreYear>[number])).toMatchObject({
      actual: 70,
      flags: ["notFinal"],
    });
    const result = applyOverrides(notFinal, { actuals: { a: { jobs: 90 } } });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    expect(result.input.tenants[0]?.reports).toEqual({
      "2019-11": { jobs: 70, rate: 4 },
      "2019-12": { jobs: 90 },
    });
    const [r] = scoreYear(result.input);
    expect(jobsLine(r as ReturnType<typeof scoreYear>[number])).toMatchObject({
      actual: 90,
      period: "2019-12",
      points: "54.00",
      flags: [],
    });
    // b's December report keeps its other values
    const next = applied({ actuals: { b: { jobs: 100 } } });
    expect(next.tenants.find((t) => t.tenantId === "b")?.reports["2019-12"]).toEqual({ jobs: 100, rate: 4 });
    expect(byId(scoreYear(next), "b").total).toBe("95.00");
  });

  it("reviews: item scores merged, adjustments replaced, a veto set or removed", () => {
    const scored = scoreYear(applied({ reviews: { b: { items: { review: 20 } } } }));
    expect(byId(scored, "b").total).toBe("94.00"); // 54 + 20 + 20
    const adjusted = applied({
      reviews: {
        a: { bonuses: [{ points: 2, reason: "创新" }], deductions: [{ points: 1, reason: "迟报" }] },
      },
    });
    expect(adjusted.tenants.find((t) => t.tenantId === "a")?.review).toEqual({
      items: { review: 15 },
      bonuses: [{ points: 2, reason: "创新" }],
      deductions: [{ points: 1, reason: "迟报" }],
    });
    expect(byId(scoreYear(adjusted), "a").total).toBe("96.00"); // 60 + 20 + 15 + 2 − 1
    const vetoed = applied({ reviews: { a: { veto: { reason: "重大责任事故" } } } });
    const a = byId(scoreYear(vetoed), "a");
    expect([a.vetoed, a.grade]).toEqual([true, "不合格"]);
    const withVeto: ScoringInput = {
      ...base(),
      tenants: [tenant("a", 1, 100, 15, { veto: { reason: "甲" } })],
    };
    const lifted = applyOverrides(withVeto, { reviews: { a: { veto: null } } });
    if ("errors" in lifted) throw new Error(JSON.stringify(lifted.errors));
    expect(lifted.input.tenants[0]?.review?.veto).toBeUndefined();
    expect(scoreYear(lifted.input)[0]?.vetoed).toBe(false);
  });

  it("reviews of a tenant without a review start from an empty one", () => {
    const unreviewed: ScoringInput = {
      ...base(),
      tenants: [
        {
          tenantId: "a",
          displayOrder: 1,
          targets: { jobs: 100, rate: 4 },
          reports: { "2019-12": { jobs: 100, rate: 4 } },
        },
      ],
    };
    const result = applyOverrides(unreviewed, { reviews: { a: { items: { review: 10 } } } });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    expect(result.input.tenants[0]?.review).toEqual({ items: { review: 10 }, bonuses: [], deductions: [] });
    expect(scoreYear(result.input)[0]?.total).toBe("90.00");
  });

  it("does not change the input", () => {
    const input = base();
    const copy = structuredClone(input);
    applyOverrides(input, {
      actuals: { a: { jobs: 5 } },
      reviews: { a: { items: { review: 1 }, veto: { reason: "x" } } },
      weights: { jobs: 1 },
      thresholds: { 优秀: 50 },
      quotas: { 优秀: null },
      targets: { a: { jobs: 1 } },
    });
    expect(input).toEqual(copy);
  });
});

describe("applyOverrides: invalid overrides", () => {
  it.each([
    [{ weights: { foo: 1 } }, "overrides.weights.foo"],
    [{ caps: { foo: 1 } }, "overrides.caps.foo"],
    [{ tolerances: { foo: 1 } }, "overrides.tolerances.foo"],
    [{ tolerances: { jobs: 1 } }, "overrides.tolerances.jobs"],
    [{ thresholds: { 卓越: 95 } }, "overrides.thresholds.卓越"],
    [{ quotas: { 卓越: 0.1 } }, "overrides.quotas.卓越"],
    [{ targets: { nobody: { jobs: 1 } } }, "overrides.targets.nobody"],
    [{ targets: { a: { foo: 1 } } }, "overrides.targets.a.foo"],
    [{ targets: { a: { constructor: 1 } } }, "overrides.targets.a.constructor"],
    [{ actuals: { nobody: { jobs: 1 } } }, "overrides.actuals.nobody"],
    [{ actuals: { a: { foo: 1 } } }, "overrides.actuals.a.foo"],
    [{ reviews: { nobody: { items: {} } } }, "overrides.reviews.nobody"],
    [{ reviews: { a: { items: { foo: 1 } } } }, "overrides.reviews.a.items.foo"],
    [{ reviews: { a: { items: { constructor: 1 } } } }, "overrides.reviews.a.items.constructor"],
    [{ reviews: { a: { items: { review: 21 } } } }, "overrides.reviews.a.items.review"],
  ])("%j: unknown code at %s", (overrides, path) => {
    expect(errorsOf(overrides)).toEqual([
      {
        path,
        message: expect.any(String),
        zh: expect.stringMatching(/^(考评细则中没有|本次考评不包括|.*不能设置容差|.*超过满分)/),
      },
    ]);
  });

  it.each([
    [{ weights: { jobs: 0 } }, "overrides.weights.jobs"],
    [{ caps: { jobs: 2.5 } }, "overrides.caps.jobs"],
    [{ caps: { rate: 1.1 } }, "overrides.caps.rate"],
    [{ tolerances: { rate: -1 } }, "overrides.tolerances.rate"],
    [{ thresholds: { 良好: 95 } }, "overrides.thresholds.良好"],
    [{ thresholds: { 不合格: 10 } }, "overrides.thresholds.不合格"],
    [{ quotas: { 优秀: 1.5 } }, "overrides.quotas.优秀"],
    [{ quotas: { 不合格: 0.5 } }, "overrides.quotas.不合格"],
    [{ bonusMax: -1 }, "overrides.bonusMax"],
    [{ deductionMax: -1 }, "overrides.deductionMax"],
  ])("%j: the overridden rulebook is invalid at %s", (overrides, path) => {
    expect(errorsOf(overrides).map((e) => e.path)).toContain(path);
  });

  it("a threshold that breaks another grade's order is reported at the rulebook path", () => {
    // 优秀 at 70 makes 良好 (80) not strictly lower than the grade before
    expect(errorsOf({ thresholds: { 优秀: 70 } })).toEqual([
      {
        path: "overrides.grades.1.minScore",
        message: expect.stringContaining("strictly lower"),
        zh: "等次“良好”的最低分须低于上一等次“优秀”的最低分70",
      },
    ]);
  });

  it("is strict about the shape", () => {
    expect(overridesSchema.safeParse({ weight: {} }).success).toBe(false);
    expect(errorsOf({ weight: { jobs: 1 } })[0]?.path).toBe("overrides");
    expect(errorsOf({ weights: { jobs: "1" } })[0]?.path).toBe("overrides.weights.jobs");
    expect(errorsOf({ targets: { a: { jobs: -1 } } })[0]?.path).toBe("overrides.targets.a.jobs");
    // a target is > 0, as on PUT …/targets/{t}
    expect(errorsOf({ targets: { a: { jobs: 0 } } })[0]?.path).toBe("overrides.targets.a.jobs");
    expect(errorsOf(null)[0]?.path).toBe("overrides");
    expect(errorsOf({ reviews: { a: { items: { review: -1 } } } })[0]?.path).toBe(
      "overrides.reviews.a.items.review",
    );
    expect(errorsOf({ reviews: { a: { bonuses: [{ points: 0, reason: "x" }] } } })[0]?.path).toBe(
      "overrides.reviews.a.bonuses.0.points",
    );
    expect(errorsOf({ reviews: { a: { note: "x" } } })[0]?.path).toBe("overrides.reviews.a");
  });
});
