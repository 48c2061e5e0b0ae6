import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRollup, type RollupInput, type RollupReportInput } from "../../../../../shared/domain/rollup";
import { dec, sum } from "../../../../../shared/lib/decimal";
import { report, smallRulebook } from "../../../../support/rollup-input";

const CODES = ["jobs", "unemployment_rate", "assistance_rate"] as const;

/** A value with up to 2 decimals, as reports carry them (people, 万元, %). */
const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((cents) => cents / 100);

const tenantArb = fc.record({
  target: fc.option(
    fc.record({
      jobs: amount(1e6).filter((v) => v > 0),
      unemployment_rate: amount(100),
      assistance_rate: amount(100),
    }),
    { nil: undefined },
  ),
  reports: fc.array(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      late: fc.boolean(),
      values: fc.record(
        { jobs: amount(2e6), unemployment_rate: amount(100), assistance_rate: amount(100) },
        { requiredKeys: [] },
      ),
    }),
    { maxLength: 6 },
  ),
});

const scenarioArb = fc
  .record({
    tenants: fc.array(tenantArb, { minLength: 1, maxLength: 12 }),
    month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    orders: fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 12, maxLength: 12 }),
    seed: fc.integer(),
  })
  .map(({ tenants, month, orders, seed }): RollupInput => {
    const list = tenants.map((_, n) => ({ tenantId: `t${n}`, name: `市${n}`, displayOrder: orders[n] ?? n }));
    // Deterministic shuffle of the input order.
    const shuffled = [...list].sort(
      (a, b) => ((a.displayOrder * 7919 + seed) % 13) - ((b.displayOrder * 7919 + seed) % 13),
    );
    const targets: Record<string, Record<string, number>> = {};
    const reports: Record<string, Record<string, RollupReportInput>> = {};
    tenants.forEach((t, n) => {
      if (t.target) targets[`t${n}`] = t.target;
      const byPeriod: Record<string, RollupReportInput> = {};
      for (const r of t.reports)
        byPeriod[`2019-${String(r.month).padStart(2, "0")}`] = report(r.values, r.late);
      reports[`t${n}`] = byPeriod;
    });
    return {
      year: 2019,
      period: month === undefined ? undefined : `2019-${String(month).padStart(2, "0")}`,
      rulebook: smallRulebook,
      tenants: shuffled,
      targets,
      reports,
    };
  });

describe("computeRollup properties", () => {
  it("completion strings always have exactly 4 decimals and are actual ÷ target rounded half-up", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
        (actual, target) => {
          const rollup = computeRollup({
            year: 2019,
            period: "2019-07",
            rulebook: smallRulebook,
            tenants: [{ tenantId: "a", name: "甲", displayOrder: 1 }],
            targets: { a: { jobs: target, assistance_rate: target } },
            reports: { a: { "2019-07": report({ jobs: actual, assistance_rate: actual }) } },
          });
          for (const r of rollup.tenants[0]?.rows ?? []) {
            if (r.code === "unemployment_rate") continue;
            expect(r.completion).toMatch(/^\d+\.\d{4}$/);
            const exact = dec(actual).div(dec(target));
            expect(
              dec(r.completion ?? "NaN")
                .minus(exact)
                .abs()
                .lte("0.00005"),
            ).toBe(true);
          }
        },
      ),
    );
  });

  it("every completion in a random rollup has 4 decimals; totals of counts equal the sums of the rows", () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const rollup = computeRollup(input);
        for (const tenant of rollup.tenants)
          for (const r of tenant.rows)
            if (r.completion !== null) expect(r.completion).toMatch(/^\d+\.\d{4}$/);

        const jobs = rollup.tenants.map((t) => t.rows[0]);
        const targets = jobs.flatMap((r) => (r?.target == null ? [] : [dec(r.target)]));
        const actuals = jobs.flatMap((r) => (r?.actual == null ? [] : [dec(r.actual)]));
        const total = rollup.totals[0];
        expect(total?.code).toBe("jobs");
        expect(total?.summed).toBe(true);
        expect(total?.target).toBe(targets.length ? Number(sum(targets).toString()) : null);
        expect(total?.actual).toBe(actuals.length ? Number(sum(actuals).toString()) : null);
        if (total?.completion != null) expect(total.completion).toMatch(/^\d+\.\d{4}$/);
        for (const code of CODES.slice(1)) {
          expect(rollup.totals.find((t) => t.code === code)).toMatchObject({
            summed: false,
            target: null,
            actual: null,
          });
        }
      }),
    );
  });

  it("tenants, notReported and late come out in displayOrder whatever the input order", () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const rollup = computeRollup(input);
        const expected = [...input.tenants]
          .sort((a, b) => a.displayOrder - b.displayOrder)
          .map((t) => t.tenantId);
        expect(rollup.tenants.map((t) => t.tenantId)).toEqual(expected);
        expect(rollup.notReported).toEqual(expected.filter((id) => !input.reports[id]?.[rollup.period]));
        expect(rollup.late).toEqual(
          expected.filter((id) => input.reports[id]?.[rollup.period]?.late === true),
        );
      }),
    );
  });

  it("an actual always comes from the requested period or an earlier one of the same year", () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const rollup = computeRollup(input);
        for (const tenant of rollup.tenants)
          for (const r of tenant.rows) {
            if (r.actualPeriod === null) {
              expect(r.actual).toBeNull();
              continue;
            }
            expect(r.actualPeriod <= rollup.period).toBe(true);
            expect(input.reports[tenant.tenantId]?.[r.actualPeriod]?.values[r.code]).toBe(r.actual);
            if (
              tenant.reported &&
              input.reports[tenant.tenantId]?.[rollup.period]?.values[r.code] !== undefined
            )
              expect(r.actualPeriod).toBe(rollup.period);
          }
      }),
    );
  });
});
