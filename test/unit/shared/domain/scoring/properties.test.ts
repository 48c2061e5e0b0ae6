import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Review } from "../../../../../shared/domain/review";
import type { Rulebook } from "../../../../../shared/domain/rulebook";
import {
  ceilingPoints,
  ratioPoints,
  type ScoringTenantInput,
  scoreYear,
} from "../../../../../shared/domain/scoring";
import { input, rulebook, YEAR } from "../../../../support/scoring-builders";

const RUNS = { numRuns: 200 };

/** Integer cents of a 2-decimal string, without floats. */
const cents = (s: string): bigint => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a 2-decimal string: ${s}`);
  const v = BigInt(`${m[2]}${m[3]}`);
  return m[1] ? -v : v;
};

/** round-half-up(num / den) for num ≥ 0, den > 0, as an integer. */
const roundDiv = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

// quota shares as whole percents, so the reference limit is floor(p × N / 100) in integers
const percentArb = fc.constantFrom(1, 10, 20, 25, 29, 30, 33, 40, 50, 57, 100);

const rulebookArb: fc.Arbitrary<{ rb: Rulebook; percents: Record<string, number> }> = fc
  .record({
    top: fc.option(percentArb, { nil: undefined }),
    good: fc.option(percentArb, { nil: undefined }),
    pass: fc.option(percentArb, { nil: undefined }),
  })
  .map(({ top, good, pass }) => {
    const percents: Record<string, number> = {};
    if (top !== undefined) percents.优秀 = top;
    if (good !== undefined) percents.良好 = good;
    if (pass !== undefined) percents.合格 = pass;
    const gradeQuotas = Object.fromEntries(Object.entries(percents).map(([k, p]) => [k, p / 100]));
    return { rb: rulebook(Object.keys(gradeQuotas).length > 0 ? { gradeQuotas } : {}), percents };
  });

// small ranges so that equal totals and equal indicator points are common
const reviewArb: fc.Arbitrary<Review> = fc.record({
  items: fc.constantFrom<Record<string, number>>(
    {},
    { review: 0 },
    { review: 10 },
    { review: 15.5 },
    { review: 20 },
  ),
  bonuses: fc.array(fc.record({ points: fc.constantFrom(0.5, 1, 2), reason: fc.constant("加分") }), {
    maxLength: 3,
  }),
  deductions: fc.array(fc.record({ points: fc.constantFrom(1, 5, 20), reason: fc.constant("扣分") }), {
    maxLength: 2,
  }),
  veto: fc.option(fc.constant({ reason: "否决" }), { nil: undefined, freq: 6 }),
});

const tenantsArb: fc.Arbitrary<ScoringTenantInput[]> = fc
  .array(
    fc.record({
      displayOrder: fc.integer({ min: 1, max: 8 }), // duplicates on purpose: the tenant id breaks the last tie
      jobsTarget: fc.constantFrom(10, 20, 40),
      jobs: fc.option(fc.constantFrom(0, 5, 10, 15, 20, 40, 50), { nil: undefined, freq: 8 }),
      rate: fc.option(fc.constantFrom(3.5, 4, 4.1, 4.25, 4.6), { nil: undefined, freq: 8 }),
      december: fc.boolean(),
      review: fc.option(reviewArb, { nil: undefined, freq: 8 }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((rows) =>
    rows.map((row, i): ScoringTenantInput => {
      const values: Record<string, number> = {};
      if (row.jobs !== undefined) values.jobs = row.jobs;
      if (row.rate !== undefined) values.rate = row.rate;
      return {
        tenantId: `t${String(i).padStart(2, "0")}`,
        displayOrder: row.displayOrder,
        targets: { jobs: row.jobsTarget, rate: 4 },
        reports: { [row.december ? `${YEAR}-12` : `${YEAR}-08`]: values },
        ...(row.review ? { review: row.review } : {}),
      };
    }),
  );

const caseArb = fc.record({ rulebook: rulebookArb, tenants: tenantsArb });

describe("scoring properties", () => {
  it("ranks are a permutation of 1..N consistent with the sort keys", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb }, tenants }) => {
        const results = scoreYear(input(tenants, rb));
        expect(results.map((r) => r.rank)).toEqual(tenants.map((_, i) => i + 1));
        expect(new Set(results.map((r) => r.tenantId)).size).toBe(tenants.length);
        for (let i = 1; i < results.length; i++) {
          const a = results[i - 1];
          const b = results[i];
          if (!a || !b) throw new Error("unreachable");
          const [ta, tb] = [cents(a.total), cents(b.total)];
          const [ia, ib] = [cents(a.indicatorPoints), cents(b.indicatorPoints)];
          expect(ta >= tb).toBe(true);
          if (ta === tb) expect(ia >= ib).toBe(true);
          if (ta === tb && ia === ib) expect(a.displayOrder <= b.displayOrder).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("the total is max(0, sum of the lines), with exact cents", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb }, tenants }) => {
        for (const r of scoreYear(input(tenants, rb))) {
          const linePoints = r.lines.flatMap((l) => (l.kind === "veto" ? [] : [cents(l.points)]));
          const indicator = r.lines.flatMap((l) => (l.kind === "indicator" ? [cents(l.points)] : []));
          expect(cents(r.indicatorPoints)).toBe(indicator.reduce((x, y) => x + y, 0n));
          const sum = linePoints.reduce((x, y) => x + y, 0n) - 2n * cents(r.deductionPoints);
          expect(cents(r.total)).toBe(sum > 0n ? sum : 0n);
        }
      }),
      RUNS,
    );
  });

  it("no quota grade holds more than floor(share × N) tenants after quotas", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb, percents }, tenants }) => {
        const results = scoreYear(input(tenants, rb));
        const n = results.length;
        for (const [grade, p] of Object.entries(percents)) {
          const limit = Math.floor((p * n) / 100); // integers: exact
          expect(results.filter((r) => r.grade === grade).length).toBeLessThanOrEqual(limit);
        }
      }),
      RUNS,
    );
  });

  it("quotas only move tenants down, and record the grade earned by score", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb }, tenants }) => {
        const names = rb.grades.map((g) => g.name);
        for (const r of scoreYear(input(tenants, rb))) {
          const byScore = names.find((_, i) => cents(r.total) >= BigInt((rb.grades[i]?.minScore ?? 0) * 100));
          if (r.vetoed) continue;
          if (r.movedByQuota) {
            expect(r.gradeByScore).toBe(byScore);
            expect(names.indexOf(r.grade)).toBeGreaterThan(names.indexOf(r.gradeByScore ?? ""));
          } else {
            expect(r.gradeByScore).toBeUndefined();
            expect(r.grade).toBe(byScore);
          }
        }
      }),
      RUNS,
    );
  });

  it("a vetoed tenant always has the last grade", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb }, tenants }) => {
        const last = rb.grades.at(-1)?.name;
        for (const r of scoreYear(input(tenants, rb))) {
          const veto = tenants.find((t) => t.tenantId === r.tenantId)?.review?.veto;
          expect(r.vetoed).toBe(veto !== undefined);
          if (r.vetoed) {
            expect(r.grade).toBe(last);
            expect(r.lines.at(-1)).toEqual({ kind: "veto", reason: veto?.reason });
          }
        }
      }),
      RUNS,
    );
  });

  it("results do not depend on the input order of the tenants", () => {
    const shuffled = caseArb.chain((c) =>
      fc
        .shuffledSubarray(c.tenants, { minLength: c.tenants.length, maxLength: c.tenants.length })
        .map((order) => ({ ...c, order })),
    );
    fc.assert(
      fc.property(shuffled, ({ rulebook: { rb }, tenants, order }) => {
        expect(scoreYear(input(order, rb))).toEqual(scoreYear(input(tenants, rb)));
      }),
      RUNS,
    );
  });

  it("running twice gives deep-equal results and leaves the input unchanged", () => {
    fc.assert(
      fc.property(caseArb, ({ rulebook: { rb }, tenants }) => {
        const data = input(tenants, rb);
        const before = structuredClone(data);
        const first = scoreYear(data);
        expect(scoreYear(data)).toStrictEqual(first);
        expect(data).toEqual(before); // not strict: fast-check builds some objects without a prototype
      }),
      RUNS,
    );
  });

  it("ratio points equal an integer reference of round-half-up(weight × min(actual ÷ target, cap))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(1, 1.2, 1.5, 2),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (weight, cap, actual, target) => {
          const capTenths = BigInt(Math.round(cap * 10));
          const [w, a, t] = [BigInt(weight), BigInt(actual), BigInt(target)];
          // min(a/t, cap/10·… ) compared in integers: 10·a vs capTenths·t
          const expected =
            10n * a >= capTenths * t ? roundDiv(100n * w * capTenths, 10n) : roundDiv(100n * w * a, t);
          const result = ratioPoints(weight, cap, actual, target);
          expect(cents(result.points.toFixed(2))).toBe(expected);
          expect(result.capped).toBe(10n * a > capTenths * t);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("ceiling points equal an integer reference (values in hundredths)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 300 }), // tolerance in hundredths
        fc.integer({ min: 0, max: 2000 }), // actual in hundredths
        fc.integer({ min: 0, max: 2000 }), // target in hundredths
        (weight, tol, actual, target) => {
          const [w, tl, a, t] = [BigInt(weight), BigInt(tol), BigInt(actual), BigInt(target)];
          const over = a - t;
          const expected = over <= 0n ? 100n * w : over >= tl ? 0n : roundDiv(100n * w * (tl - over), tl);
          const result = ceilingPoints(weight, tol / 100, actual / 100, target / 100);
          expect(cents(result.points.toFixed(2))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
