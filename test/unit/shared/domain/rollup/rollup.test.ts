import { describe, expect, it } from "vitest";
import {
  computeRollup,
  type RollupInput,
  type RollupReportInput,
  type RollupRow,
  type RollupTenantInput,
} from "../../../../../shared/domain/rollup";
import { type Rulebook, rulebookSchema } from "../../../../../shared/domain/rulebook";
import { dec, sum } from "../../../../../shared/lib/decimal";
import { fixtureRollupInput, report, smallRulebook } from "../../../../support/rollup-input";

function row(rollup: ReturnType<typeof computeRollup>, tenantId: string, code: string): RollupRow {
  const found = rollup.tenants.find((t) => t.tenantId === tenantId)?.rows.find((r) => r.code === code);
  if (!found) throw new Error(`no row ${tenantId}/${code}`);
  return found;
}

describe("computeRollup on the Jilin 2019 fixture", () => {
  it("December actuals equal the fixture's year-end actuals for all 12 tenants and 9 indicators", () => {
    const { fixture, input } = fixtureRollupInput();
    const rollup = computeRollup({ ...input, period: "2019-12" });

    expect(rollup.period).toBe("2019-12");
    expect(rollup.expectedProgress).toBe("1.0000");
    expect(rollup.tenants).toHaveLength(12);
    let checked = 0;
    for (const tenant of rollup.tenants) {
      expect(tenant.rows).toHaveLength(9);
      expect(tenant.reported).toBe(true);
      for (const r of tenant.rows) {
        expect(r.actual).toBe(fixture.actuals[tenant.tenantId]?.[r.code]);
        expect(r.actualPeriod).toBe("2019-12");
        expect(r.target).toBe(fixture.targets[tenant.tenantId]?.[r.code]);
        checked++;
      }
    }
    expect(checked).toBe(12 * 9);
    expect(rollup.notReported).toEqual([]);
    expect(rollup.late).toEqual([]);
  });

  it("defaults the period to the latest period any tenant reported", () => {
    const { input } = fixtureRollupInput();
    expect(computeRollup(input).period).toBe("2019-12");
  });

  it("keeps the fixture's official display order and the rulebook's indicator order", () => {
    const { fixture, input, rulebook } = fixtureRollupInput();
    const rollup = computeRollup({ ...input, tenants: [...input.tenants].reverse() });
    expect(rollup.tenants.map((t) => t.tenantId)).toEqual(fixture.tenants.map((t) => t.id));
    expect(rollup.indicators.map((i) => i.code)).toEqual(rulebook.indicators.map((i) => i.code));
    expect(rollup.tenants[0]?.rows.map((r) => r.code)).toEqual(rulebook.indicators.map((i) => i.code));
  });

  it("describes the indicators from the rulebook, with their kinds", () => {
    const { input } = fixtureRollupInput();
    const rollup = computeRollup(input);
    expect(rollup.indicators).toContainEqual({
      code: "urban_new_jobs",
      name: "城镇新增就业人数",
      unit: "人",
      kind: "count",
      method: "ratio",
    });
    expect(rollup.indicators).toContainEqual({
      code: "registered_unemployment_rate",
      name: "城镇登记失业率",
      unit: "%",
      kind: "rate",
      method: "ceiling",
    });
  });

  it("province totals of counts are the sums of targets and actuals; rates are not summed", () => {
    const { fixture, input, rulebook } = fixtureRollupInput();
    const rollup = computeRollup({ ...input, period: "2019-12" });
    const tenantIds = fixture.tenants.map((t) => t.id);
    for (const indicator of rulebook.indicators) {
      const total = rollup.totals.find((t) => t.code === indicator.code);
      const isRate = indicator.unit === "%";
      if (isRate) {
        expect(total).toEqual({
          code: indicator.code,
          kind: "rate",
          summed: false,
          target: null,
          actual: null,
          completion: null,
          expectedProgress: null,
          lagging: false,
        });
        continue;
      }
      const targetSum = sum(tenantIds.map((id) => dec(fixture.targets[id]?.[indicator.code] ?? Number.NaN)));
      const actualSum = sum(tenantIds.map((id) => dec(fixture.actuals[id]?.[indicator.code] ?? Number.NaN)));
      expect(total?.summed).toBe(true);
      expect(total?.target).toBe(Number(targetSum.toString()));
      expect(total?.actual).toBe(Number(actualSum.toString()));
      expect(total?.completion).toBe(actualSum.div(targetSum).toFixed(4));
      expect(total?.expectedProgress).toBe("1.0000");
    }
    // Spot-check one against a hand computation: Changchun's urban_new_jobs 173317 / 160000.
    expect(row(rollup, "changchun", "urban_new_jobs").completion).toBe("1.0832");
  });

  it("a tenant missing the period is listed in notReported and falls back to its earlier values", () => {
    const { fixture, input } = fixtureRollupInput();
    const reports = { ...input.reports };
    const { "2019-12": _dropped, ...rest } = reports.changbaishan ?? {};
    reports.changbaishan = rest;
    const rollup = computeRollup({ ...input, period: "2019-12", reports });

    expect(rollup.notReported).toEqual(["changbaishan"]);
    const tenant = rollup.tenants.find((t) => t.tenantId === "changbaishan");
    expect(tenant).toMatchObject({ reported: false, late: false, submittedAt: null });
    for (const r of tenant?.rows ?? []) {
      expect(r.actualPeriod).toBe("2019-11");
      expect(r.actual).toBe(fixture.reports.changbaishan?.["2019-11"]?.[r.code]);
    }
  });

  it("falls back per indicator when this period's report lacks it", () => {
    const { fixture, input } = fixtureRollupInput();
    const december = input.reports.jilin?.["2019-12"];
    if (!december) throw new Error("fixture lacks jilin 2019-12");
    const { urban_new_jobs: _omitted, ...values } = december.values;
    const rollup = computeRollup({
      ...input,
      reports: { ...input.reports, jilin: { ...input.reports.jilin, "2019-12": { ...december, values } } },
    });
    expect(rollup.notReported).toEqual([]);
    expect(row(rollup, "jilin", "urban_new_jobs")).toMatchObject({
      actual: fixture.reports.jilin?.["2019-11"]?.urban_new_jobs,
      actualPeriod: "2019-11",
    });
    expect(row(rollup, "jilin", "unemployed_reemployed").actualPeriod).toBe("2019-12");
  });

  it("never uses a later period than the one asked for", () => {
    const { fixture, input } = fixtureRollupInput();
    const rollup = computeRollup({ ...input, period: "2019-06" });
    expect(rollup.expectedProgress).toBe("0.5000");
    expect(row(rollup, "siping", "urban_new_jobs")).toMatchObject({
      actual: fixture.reports.siping?.["2019-06"]?.urban_new_jobs,
      actualPeriod: "2019-06",
    });
  });

  it("lists late reports for the period", () => {
    const { input } = fixtureRollupInput();
    const reports = { ...input.reports };
    const december = reports.baicheng?.["2019-12"];
    if (!december) throw new Error("fixture lacks baicheng 2019-12");
    reports.baicheng = { ...reports.baicheng, "2019-12": { ...december, late: true } };
    const rollup = computeRollup({ ...input, period: "2019-12", reports });
    expect(rollup.late).toEqual(["baicheng"]);
    expect(rollup.tenants.find((t) => t.tenantId === "baicheng")?.late).toBe(true);
    expect(computeRollup({ ...input, period: "2019-11", reports }).late).toEqual([]);
  });
});

describe("computeRollup rules", () => {
  const tenants = [
    { tenantId: "a", name: "甲市", displayOrder: 1 },
    { tenantId: "b", name: "乙市", displayOrder: 2 },
  ];
  const base = (over: Partial<RollupInput>): RollupInput => ({
    year: 2019,
    rulebook: smallRulebook,
    tenants,
    targets: {},
    reports: {},
    ...over,
  });
  /** The rollup of a and b, with the same target of `code`, each reporting its own actual in `period`. */
  const sameTarget = (period: string, code: string, target: number, actual: { a: number; b: number }) =>
    computeRollup(
      base({
        period,
        targets: { a: { [code]: target }, b: { [code]: target } },
        reports: {
          a: { [period]: report({ [code]: actual.a }) },
          b: { [period]: report({ [code]: actual.b }) },
        },
      }),
    );

  it.each([
    {
      name: "count lagging at the exact 5-point boundary: 0.4500 vs 0.5000 is not lagging, 0.4490 is",
      period: "2019-06",
      target: 1000,
      jobs: { a: 450, b: 449 },
      completion: { a: "0.4500", b: "0.4490" },
      expectedProgress: "0.5000",
    },
    {
      name: "count lagging in January compares with the shown 0.0833 − 0.05 = 0.0333",
      period: "2019-01",
      target: 10_000,
      jobs: { a: 333, b: 332 },
      completion: { a: "0.0333", b: "0.0332" },
      expectedProgress: "0.0833",
    },
  ])("$name", ({ period, target, jobs, completion, expectedProgress }) => {
    const rollup = sameTarget(period, "jobs", target, jobs);
    expect(row(rollup, "a", "jobs")).toMatchObject({
      completion: completion.a,
      expectedProgress,
      lagging: false,
    });
    expect(row(rollup, "b", "jobs")).toMatchObject({ completion: completion.b, lagging: true });
  });

  it("a ceiling rate lags only when the actual is above the target", () => {
    const rollup = sameTarget("2019-06", "unemployment_rate", 4.5, { a: 4.5, b: 4.51 });
    expect(row(rollup, "a", "unemployment_rate")).toMatchObject({
      completion: "1.0000",
      expectedProgress: null,
      lagging: false,
    });
    expect(row(rollup, "b", "unemployment_rate")).toMatchObject({ completion: "1.0022", lagging: true });
  });

  it("a ratio rate lags only when the actual is below the target", () => {
    const rollup = sameTarget("2019-06", "assistance_rate", 100, { a: 100, b: 99.99 });
    expect(row(rollup, "a", "assistance_rate")).toMatchObject({ completion: "1.0000", lagging: false });
    expect(row(rollup, "b", "assistance_rate")).toMatchObject({ completion: "0.9999", lagging: true });
  });

  it("no actual → lagging (counts and rates); no target → not lagging, completion null", () => {
    const rollup = computeRollup(
      base({
        period: "2019-06",
        targets: { a: { jobs: 100, unemployment_rate: 4, assistance_rate: 100 } },
        reports: { b: { "2019-06": report({ jobs: 10, unemployment_rate: 9, assistance_rate: 1 }) } },
      }),
    );
    for (const code of ["jobs", "unemployment_rate", "assistance_rate"]) {
      expect(row(rollup, "a", code)).toMatchObject({
        actual: null,
        actualPeriod: null,
        completion: null,
        lagging: true,
      });
      expect(row(rollup, "b", code)).toMatchObject({ target: null, completion: null, lagging: false });
    }
  });

  it("totals only sum what exists and apply the count rule to the sums", () => {
    const rollup = computeRollup(
      base({
        period: "2019-06",
        targets: { a: { jobs: 1000 }, b: { jobs: 1000 } },
        reports: { a: { "2019-06": report({ jobs: 500 }) }, b: { "2019-05": report({ jobs: 399 }) } },
      }),
    );
    expect(rollup.totals[0]).toEqual({
      code: "jobs",
      kind: "count",
      summed: true,
      target: 2000,
      actual: 899,
      completion: "0.4495",
      expectedProgress: "0.5000",
      lagging: true,
    });
    expect(rollup.notReported).toEqual(["b"]);
    expect(row(rollup, "b", "jobs").actualPeriod).toBe("2019-05");
  });

  it("sums decimals exactly (0.1 + 0.2 = 0.3)", () => {
    const rollup = computeRollup(
      base({
        period: "2019-03",
        targets: { a: { jobs: 0.1 }, b: { jobs: 0.2 } },
        reports: { a: { "2019-03": report({ jobs: 0.1 }) }, b: { "2019-03": report({ jobs: 0.2 }) } },
      }),
    );
    expect(rollup.totals[0]).toMatchObject({ target: 0.3, actual: 0.3, completion: "1.0000" });
  });

  it("defaults to January when nobody has reported, and ignores other years' reports", () => {
    const reports: Record<string, Record<string, RollupReportInput>> = {
      a: { "2020-03": report({ jobs: 5 }), "2018-12": report({ jobs: 5 }) },
    };
    const rollup = computeRollup(base({ reports }));
    expect(rollup.period).toBe("2019-01");
    expect(rollup.notReported).toEqual(["a", "b"]);
    expect(row(rollup, "a", "jobs").actual).toBeNull();
  });

  it("defaults to the latest period of listed tenants only", () => {
    const rollup = computeRollup(
      base({
        reports: { a: { "2019-04": report({ jobs: 1 }) }, stranger: { "2019-09": report({ jobs: 1 }) } },
      }),
    );
    expect(rollup.period).toBe("2019-04");
  });

  it("rejects a period outside the year", () => {
    expect(() => computeRollup(base({ period: "2020-01" }))).toThrow(RangeError);
    expect(() => computeRollup(base({ period: "2019-13" }))).toThrow(RangeError);
  });

  it("is not fooled by codes or ids that are Object.prototype members", () => {
    const rulebook: Rulebook = rulebookSchema.parse({
      ...smallRulebook,
      indicators: [{ code: "constructor", name: "构造", unit: "人", weight: 1, method: "ratio" }],
    });
    const rollup = computeRollup({
      year: 2019,
      period: "2019-06",
      rulebook,
      tenants: [{ tenantId: "toString", name: "怪市", displayOrder: 1 }],
      targets: {},
      reports: {},
    });
    expect(rollup.tenants[0]?.rows[0]).toMatchObject({ target: null, actual: null, lagging: false });
    expect(rollup.notReported).toEqual(["toString"]);
  });
});

describe("computeRollup performance", () => {
  it("3,000 tenants × 9 indicators × 12 months compute in well under 2 s", () => {
    const { rulebook } = fixtureRollupInput();
    const codes = rulebook.indicators.map((i) => i.code);
    const tenants: RollupTenantInput[] = [];
    const targets: RollupInput["targets"] = {};
    const reports: Record<string, Record<string, RollupReportInput>> = {};
    for (let n = 0; n < 3000; n++) {
      const tenantId = `t${n}`;
      tenants.push({ tenantId, name: `市${n}`, displayOrder: 3000 - n });
      (targets as Record<string, Record<string, number>>)[tenantId] = Object.fromEntries(
        codes.map((c) => [c, 1000 + n]),
      );
      const byPeriod: Record<string, RollupReportInput> = {};
      // Leave a gap every so often so the fallbacks are exercised.
      for (let m = 1; m <= 12; m++) {
        if ((n + m) % 7 === 0) continue;
        byPeriod[`2019-${String(m).padStart(2, "0")}`] = report(
          Object.fromEntries(codes.map((c, i) => [c, m * (80 + i) + n / 100])),
          m % 5 === 0,
        );
      }
      reports[tenantId] = byPeriod;
    }

    const started = performance.now();
    const rollup = computeRollup({ year: 2019, rulebook, tenants, targets, reports });
    const elapsed = performance.now() - started;

    expect(rollup.tenants).toHaveLength(3000);
    expect(rollup.tenants[0]?.tenantId).toBe("t2999");
    expect(rollup.period).toBe("2019-12");
    expect(elapsed).toBeLessThan(2000);
  });
});
