import { describe, expect, it } from "vitest";
import { reviewSchema, validateReviewAgainstRulebook } from "../../../../../shared/domain/review";
import { rulebookSchema } from "../../../../../shared/domain/rulebook";
import { type IndicatorLine, type ScoringInput, scoreYear } from "../../../../../shared/domain/scoring";
import { loadFixture } from "../../../../support/fixture";

function demoInput(): ScoringInput {
  const f = loadFixture();
  const rulebook = rulebookSchema.parse(f.rulebook);
  return {
    year: f.year,
    rulebook,
    tenants: f.tenants.map((t) => {
      const targets = f.targets[t.id];
      const reports = f.reports[t.id];
      if (!targets || !reports) throw new Error(`fixture lacks ${t.id}`);
      return {
        tenantId: t.id,
        displayOrder: t.displayOrder,
        targets,
        reports,
        review: reviewSchema.parse(f.reviews[t.id]),
      };
    }),
  };
}

describe("the Jilin 2019 demo case", () => {
  it("has valid reviews for its rulebook", () => {
    const input = demoInput();
    for (const t of input.tenants) {
      expect(t.review).toBeDefined();
      if (t.review) expect(validateReviewAgainstRulebook(t.review, input.rulebook)).toEqual([]);
    }
  });

  it("reproduces every expected total, rank and grade exactly", () => {
    const f = loadFixture();
    const results = scoreYear(demoInput());
    expect(results).toHaveLength(12);
    expect(
      results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank, grade: r.grade })),
    ).toEqual([...f.expected].sort((a, b) => a.rank - b.rank));
    expect(results.filter((r) => r.grade === "优秀")).toHaveLength(7);
    expect(results.filter((r) => r.grade === "良好")).toHaveLength(5);
    expect(results.every((r) => !r.vetoed && r.gradeByScore === undefined)).toBe(true);
  });

  it("takes the year-end report values as the actuals, none flagged notFinal or missing", () => {
    const f = loadFixture();
    for (const r of scoreYear(demoInput())) {
      const lines = r.lines.filter((l): l is IndicatorLine => l.kind === "indicator");
      expect(lines).toHaveLength(9);
      for (const line of lines) {
        expect(line.actual).toBe(f.actuals[r.tenantId]?.[line.code]);
        expect(line.period).toBe("2019-12");
        expect(line.flags.filter((x) => x !== "capped")).toEqual([]);
      }
    }
  });

  it("explains Changchun: lines sum to the total, formula as in the design", () => {
    const changchun = scoreYear(demoInput()).find((r) => r.tenantId === "changchun");
    expect(changchun).toBeDefined();
    if (!changchun) return;
    const jobs = changchun.lines.find((l) => l.kind === "indicator" && l.code === "urban_new_jobs");
    expect(jobs).toMatchObject({
      target: 160000,
      actual: 173317,
      ratio: "1.0832",
      points: "15.00",
      flags: ["capped"],
      formula: "15 × min(173317 ÷ 160000, 1) = 15.00",
    });
    expect(changchun.bonusPoints).toBe("2.00");
    const parts = [changchun.indicatorPoints, changchun.reviewPoints, changchun.bonusPoints].map((s) =>
      Math.round(Number(s) * 100),
    );
    const deduction = Math.round(Number(changchun.deductionPoints) * 100);
    expect(parts.reduce((a, b) => a + b, 0) - deduction).toBe(Math.round(Number(changchun.total) * 100));
  });
});
