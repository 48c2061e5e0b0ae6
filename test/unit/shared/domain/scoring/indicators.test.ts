import { describe, expect, it } from "vitest";
import type { Indicator } from "../../../../../shared/domain/rulebook";
import {
  ceilingPoints,
  findActual,
  type IndicatorLine,
  ratioPoints,
  scoreYear,
} from "../../../../../shared/domain/scoring";
import { indicatorLine } from "../../../../../shared/domain/scoring/lines";
import { input, rulebook, YEAR } from "../../../../support/scoring-builders";

const ratioIndicator = (weight: number, cap?: number): Indicator => ({
  code: "jobs",
  name: "新增就业",
  unit: "人",
  weight,
  method: "ratio",
  ...(cap === undefined ? {} : { cap }),
});
const ceilingIndicator = (weight: number, tolerance: number): Indicator => ({
  code: "rate",
  name: "失业率",
  unit: "%",
  weight,
  method: "ceiling",
  tolerance,
});

const lineOf = (
  indicator: Indicator,
  targets: Record<string, number>,
  reports: Record<string, Record<string, number>>,
): IndicatorLine => indicatorLine(indicator, { targets, reports }, YEAR).line;

describe("ratio indicator", () => {
  it("below the cap: weight × actual ÷ target", () => {
    const line = lineOf(ratioIndicator(15), { jobs: 160000 }, { "2019-12": { jobs: 150000 } });
    expect(line).toMatchObject({
      points: "14.06",
      ratio: "0.9375",
      flags: [],
      cap: 1,
      formula: "15 × min(150000 ÷ 160000, 1) = 14.06",
    });
  });

  it("exactly at the cap: full weight, not flagged capped", () => {
    const line = lineOf(ratioIndicator(15), { jobs: 160000 }, { "2019-12": { jobs: 160000 } });
    expect(line.points).toBe("15.00");
    expect(line.flags).toEqual([]);
  });

  it("above the cap: weight × cap, flagged capped", () => {
    const line = lineOf(ratioIndicator(15), { jobs: 160000 }, { "2019-12": { jobs: 173317 } });
    expect(line).toMatchObject({ points: "15.00", ratio: "1.0832", flags: ["capped"] });
    expect(line.formula).toBe("15 × min(173317 ÷ 160000, 1) = 15.00");
  });

  it("cap 1.2: completion counts up to 120 %", () => {
    expect(ratioPoints(10, 1.2, 115, 100)).toMatchObject({ capped: false });
    expect(ratioPoints(10, 1.2, 115, 100).points.toFixed(2)).toBe("11.50");
    expect(ratioPoints(10, 1.2, 120, 100)).toMatchObject({ capped: false });
    expect(ratioPoints(10, 1.2, 120, 100).points.toFixed(2)).toBe("12.00");
    const above = lineOf(ratioIndicator(10, 1.2), { jobs: 100 }, { "2019-12": { jobs: 150 } });
    expect(above).toMatchObject({ points: "12.00", cap: 1.2, flags: ["capped"] });
    expect(above.formula).toBe("10 × min(150 ÷ 100, 1.2) = 12.00");
  });

  it("never below 0", () => {
    expect(lineOf(ratioIndicator(10), { jobs: 100 }, { "2019-12": { jobs: -5 } }).points).toBe("0.00");
    expect(lineOf(ratioIndicator(10), { jobs: 100 }, { "2019-12": { jobs: 0 } }).points).toBe("0.00");
  });

  it("rounds half-up at an exact .xx5 boundary (where binary floats round down)", () => {
    // 10 × 1005 ÷ 10000 = 1.005 exactly; (10 * 1005 / 10000).toFixed(2) is "1.00" in floats
    expect(lineOf(ratioIndicator(10), { jobs: 10000 }, { "2019-12": { jobs: 1005 } }).points).toBe("1.01");
    // 1 × 1 ÷ 8 = 0.125 → 0.13 (half-up, not half-even)
    expect(lineOf(ratioIndicator(1), { jobs: 8 }, { "2019-12": { jobs: 1 } }).points).toBe("0.13");
    // weight 1.005 at full completion: round2(1.005) = 1.01
    expect(lineOf(ratioIndicator(1.005), { jobs: 8 }, { "2019-12": { jobs: 9 } }).points).toBe("1.01");
  });

  it("correctly rounds a non-terminating quotient", () => {
    expect(lineOf(ratioIndicator(8), { jobs: 3 }, { "2019-12": { jobs: 2 } })).toMatchObject({
      points: "5.33",
      ratio: "0.6667",
    });
    expect(lineOf(ratioIndicator(2), { jobs: 3 }, { "2019-12": { jobs: 1 } }).points).toBe("0.67");
    // 6 × 3366 ÷ 3420 = 5.905263… → 5.91
    expect(lineOf(ratioIndicator(6), { jobs: 3420 }, { "2019-12": { jobs: 3366 } }).points).toBe("5.91");
    // 7 × 1 ÷ 1400 = 0.005 exactly → 0.01; 7 × 1 ÷ 1401 = 0.004996… → 0.00
    expect(lineOf(ratioIndicator(7), { jobs: 1400 }, { "2019-12": { jobs: 1 } }).points).toBe("0.01");
    expect(lineOf(ratioIndicator(7), { jobs: 1401 }, { "2019-12": { jobs: 1 } }).points).toBe("0.00");
  });
});

describe("ceiling indicator (lower is better)", () => {
  const rate = ceilingIndicator(8, 0.5);
  it("at the target: full weight", () => {
    const line = lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 4.5 } });
    expect(line).toMatchObject({
      points: "8.00",
      tolerance: 0.5,
      flags: [],
      formula: "4.5 ≤ 4.5 → 8 = 8.00",
    });
    expect(line).not.toHaveProperty("cap");
  });

  it("below the target: full weight", () => {
    expect(lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 3.9 } }).points).toBe("8.00");
  });

  it("at or below the target the weight itself, not rounded (shared/domain/scoring/scoring.md has no round2 there)", () => {
    expect(ceilingPoints(7.125, 0.5, 3, 4).points.toString()).toBe("7.125");
    expect(lineOf({ ...rate, weight: 7.125 }, { rate: 4.5 }, { "2019-12": { rate: 4.5 } })).toMatchObject({
      points: "7.125",
      formula: "4.5 ≤ 4.5 → 7.125 = 7.125",
    });
  });

  it("within the tolerance: linear, exact (4.6 − 4.5 is not 0.0999… here)", () => {
    expect(lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 4.6 } }).points).toBe("6.40");
    const line = lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 4.7 } });
    expect(line.points).toBe("4.80");
    expect(line.formula).toBe("8 × max(0, 1 − (4.7 − 4.5) ÷ 0.5) = 4.80");
    // 10 × (1 − 0.1 ÷ 0.3) = 6.666… → 6.67
    expect(ceilingPoints(10, 0.3, 4.1, 4).points.toFixed(2)).toBe("6.67");
    // 1 × (1 − 0.395 ÷ 0.4) = 0.0125 → 0.01; 3 × 0.0125 = 0.0375 → 0.04
    expect(ceilingPoints(1, 0.4, 4.395, 4).points.toFixed(2)).toBe("0.01");
    expect(ceilingPoints(3, 0.4, 4.395, 4).points.toFixed(2)).toBe("0.04");
  });

  it("at and beyond the tolerance: 0", () => {
    expect(lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 5 } }).points).toBe("0.00");
    expect(lineOf(rate, { rate: 4.5 }, { "2019-12": { rate: 6.2 } }).points).toBe("0.00");
  });
});

describe("which actual counts", () => {
  it("uses the December value when there is one", () => {
    const reports = { "2019-11": { jobs: 90 }, "2019-12": { jobs: 95 } };
    expect(findActual(reports, 2019, "jobs")).toEqual({ value: 95, period: "2019-12", notFinal: false });
  });

  it("falls back to the latest earlier month that has it, flagged notFinal", () => {
    const reports = {
      "2019-09": { jobs: 70 },
      "2019-10": { jobs: 80 },
      "2019-11": { rate: 4 },
      "2020-01": { jobs: 999 },
      "2018-12": { jobs: 500 },
    };
    const line = lineOf(ratioIndicator(10), { jobs: 100 }, reports);
    expect(line).toMatchObject({ actual: 80, period: "2019-10", points: "8.00", flags: ["notFinal"] });
  });

  it("a December report that lacks the indicator also falls back", () => {
    const line = lineOf(
      ratioIndicator(10),
      { jobs: 100 },
      { "2019-12": { rate: 4 }, "2019-06": { jobs: 50 } },
    );
    expect(line).toMatchObject({ actual: 50, period: "2019-06", flags: ["notFinal"], points: "5.00" });
  });

  it("missing in every period of the year: actual null, 0 points, flagged missing", () => {
    const line = lineOf(
      ratioIndicator(10),
      { jobs: 100 },
      { "2019-12": { rate: 4 }, "2018-12": { jobs: 100 } },
    );
    expect(line).toMatchObject({
      actual: null,
      period: null,
      ratio: null,
      points: "0.00",
      flags: ["missing"],
    });
  });

  it("does not read inherited properties for an indicator named like one", () => {
    const inherited: Indicator = { ...ratioIndicator(10), code: "constructor" };
    const line = lineOf(inherited, {}, { "2019-12": {} });
    expect(line).toMatchObject({
      actual: null,
      target: null,
      flags: ["missing", "noTarget"],
      points: "0.00",
    });
  });

  it("no target: 0 points, flagged noTarget", () => {
    const line = lineOf(ratioIndicator(10), { other: 1 }, { "2019-12": { jobs: 100 } });
    expect(line).toMatchObject({
      target: null,
      actual: 100,
      ratio: null,
      points: "0.00",
      flags: ["noTarget"],
    });
  });

  it("a missing indicator costs its points in the total", () => {
    const [r] = scoreYear(
      input(
        [
          {
            tenantId: "a",
            displayOrder: 1,
            targets: { jobs: 100, rate: 4 },
            reports: { "2019-12": { rate: 4 } },
          },
        ],
        rulebook(),
      ),
    );
    expect(r?.indicatorPoints).toBe("20.00");
    expect(r?.total).toBe("20.00");
  });
});
