import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCumulative,
  expectedProgress,
  validateReportValues,
} from "../../../../../shared/domain/reporting";
import { type Rulebook, rulebookSchema } from "../../../../../shared/domain/rulebook";
import { itMaps } from "../../../../support/maps";

const rulebook: Rulebook = rulebookSchema.parse({
  documentNo: "测试〔2019〕1号",
  title: "测试细则",
  indicators: [
    { code: "urban_new_jobs", name: "城镇新增就业人数", unit: "人", weight: 15, method: "ratio" },
    { code: "guarantee_loans_issued", name: "发放创业担保贷款", unit: "万元", weight: 6, method: "ratio" },
    {
      code: "registered_unemployment_rate",
      name: "城镇登记失业率",
      unit: "%",
      weight: 8,
      method: "ceiling",
      tolerance: 0.5,
    },
    { code: "assistance_rate", name: "援助率", unit: " ％ ", weight: 5, method: "ratio" },
    { code: "explicit_rate", name: "显式比率", unit: "人", kind: "rate", weight: 1, method: "ratio" },
  ],
  grades: [{ name: "合格", minScore: 0 }],
  reportingDeadlineDay: 10,
});

describe("validateReportValues", () => {
  it("accepts known codes with valid values, including the 0 and 100 boundaries of rates", () => {
    expect(
      validateReportValues(rulebook, {
        urban_new_jobs: 0,
        guarantee_loans_issued: 123.45,
        registered_unemployment_rate: 0,
        assistance_rate: 100,
      }),
    ).toEqual([]);
  });

  it("accepts a partial report (indicators not yet known are left out)", () => {
    expect(validateReportValues(rulebook, { urban_new_jobs: 10 })).toEqual([]);
    expect(validateReportValues(rulebook, {})).toEqual([]);
  });

  it("rejects unknown indicator codes with path values.<code>", () => {
    const issues = validateReportValues(rulebook, { urban_new_jobs: 1, made_up: 3, constructor: 1 });
    expect(issues.map((i) => i.path)).toEqual(["values.made_up", "values.constructor"]);
    expect(issues[0]?.message).toContain("made_up");
  });

  it("rejects rates outside 0–100, by unit % (or the full-width ％) or by explicit kind", () => {
    const issues = validateReportValues(rulebook, {
      registered_unemployment_rate: 100.01,
      assistance_rate: -0.5,
      explicit_rate: 101,
    });
    expect(issues.map((i) => i.path)).toEqual([
      "values.registered_unemployment_rate",
      "values.assistance_rate",
      "values.explicit_rate",
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/0 and 100/);
  });

  it("rejects negative counts but allows counts above 100", () => {
    const issues = validateReportValues(rulebook, { urban_new_jobs: -1, guarantee_loans_issued: 5000 });
    expect(issues).toEqual([
      {
        path: "values.urban_new_jobs",
        message: expect.stringMatching(/negative/),
        zh: "城镇新增就业人数是累计数，不能为负数",
      },
    ]);
  });

  it("guards non-finite numbers", () => {
    const issues = validateReportValues(rulebook, { urban_new_jobs: Number.NaN, assistance_rate: Infinity });
    expect(issues.map((i) => i.path)).toEqual(["values.urban_new_jobs", "values.assistance_rate"]);
  });
});

describe("checkCumulative", () => {
  it("rejects a count below the latest earlier period, naming the indicator and both values", () => {
    const issues = checkCumulative(
      rulebook,
      "2019-03",
      { urban_new_jobs: 1200 },
      { "2019-01": { urban_new_jobs: 1000 }, "2019-02": { urban_new_jobs: 1500 } },
    );
    expect(issues).toEqual([
      {
        path: "values.urban_new_jobs",
        message: "urban_new_jobs 1200 is below 1500 reported for 2019-02",
        zh: "城镇新增就业人数为年内累计数，本期填报1200人，少于2019年2月已报送的1500人；累计数不能减少",
        rule: "belowPrevious",
        indicator: "urban_new_jobs",
        value: 1200,
        previousPeriod: "2019-02",
        previousValue: 1500,
      },
    ]);
  });

  it("accepts an equal or higher value", () => {
    const others = { "2019-02": { urban_new_jobs: 1500 } };
    expect(checkCumulative(rulebook, "2019-03", { urban_new_jobs: 1500 }, others)).toEqual([]);
    expect(checkCumulative(rulebook, "2019-03", { urban_new_jobs: 1501 }, others)).toEqual([]);
  });

  it("rejects a revision of an earlier month above the earliest later period that has the indicator", () => {
    const issues = checkCumulative(
      rulebook,
      "2019-02",
      { urban_new_jobs: 2100 },
      {
        "2019-01": { urban_new_jobs: 1000 },
        "2019-02": { urban_new_jobs: 1500 }, // the version being revised: ignored
        "2019-03": { urban_new_jobs: 2000 },
        "2019-04": { urban_new_jobs: 2500 },
      },
    );
    expect(issues).toEqual([
      {
        path: "values.urban_new_jobs",
        message: "urban_new_jobs 2100 is above 2000 reported for 2019-03",
        zh: "城镇新增就业人数为年内累计数，本期填报2100人，多于2019年3月已报送的2000人；前一期的累计数不能超过后一期",
        rule: "aboveNext",
        indicator: "urban_new_jobs",
        value: 2100,
        previousPeriod: "2019-01",
        previousValue: 1000,
        nextPeriod: "2019-03",
        nextValue: 2000,
      },
    ]);
  });

  it("reports null previous values when only a later period constrains", () => {
    const [issue] = checkCumulative(
      rulebook,
      "2019-01",
      { urban_new_jobs: 10 },
      { "2019-05": { urban_new_jobs: 5 } },
    );
    expect(issue).toMatchObject({
      rule: "aboveNext",
      previousPeriod: null,
      previousValue: null,
      nextPeriod: "2019-05",
    });
  });

  it("skips months that lack the indicator (a gap is not a zero)", () => {
    const others = {
      "2019-01": { urban_new_jobs: 900 },
      "2019-02": { guarantee_loans_issued: 10 }, // no urban_new_jobs
      "2019-04": { guarantee_loans_issued: 30 }, // no urban_new_jobs
      "2019-05": { urban_new_jobs: 1100 },
    };
    expect(checkCumulative(rulebook, "2019-03", { urban_new_jobs: 950 }, others)).toEqual([]);
    const below = checkCumulative(rulebook, "2019-03", { urban_new_jobs: 800 }, others);
    expect(below).toMatchObject([{ rule: "belowPrevious", previousPeriod: "2019-01", previousValue: 900 }]);
    const above = checkCumulative(rulebook, "2019-03", { urban_new_jobs: 1200 }, others);
    expect(above).toMatchObject([{ rule: "aboveNext", nextPeriod: "2019-05", nextValue: 1100 }]);
  });

  it.each<{
    name: string;
    period: string;
    submitted: Record<string, number>;
    earlier: Record<string, Record<string, number>>;
  }>([
    {
      name: "does not check rates, which may go up and down",
      period: "2019-03",
      submitted: { registered_unemployment_rate: 3.1, assistance_rate: 50, explicit_rate: 1 },
      earlier: { "2019-02": { registered_unemployment_rate: 3.9, assistance_rate: 100, explicit_rate: 90 } },
    },
    {
      name: "ignores other years, unknown codes and the submitted period's own earlier version",
      period: "2019-01",
      submitted: { urban_new_jobs: 10, made_up: 1 },
      earlier: {
        "2018-12": { urban_new_jobs: 99_999 },
        "2019-01": { urban_new_jobs: 500 },
        "2020-01": { urban_new_jobs: 1 },
        "2019-02": { made_up: 0 },
      },
    },
  ])("$name", ({ period, submitted, earlier }) => {
    const issues = checkCumulative(rulebook, period, submitted, earlier);
    expect(issues).toEqual([]);
  });

  it("checks each count indicator separately", () => {
    const issues = checkCumulative(
      rulebook,
      "2019-02",
      { urban_new_jobs: 5, guarantee_loans_issued: 5 },
      { "2019-01": { urban_new_jobs: 10, guarantee_loans_issued: 1 } },
    );
    expect(issues.map((i) => i.indicator)).toEqual(["urban_new_jobs"]);
  });

  it("property: a non-decreasing sequence never breaks, and one drop is always caught", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (increments, month) => {
          let running = 0;
          const series: Record<string, Record<string, number>> = {};
          increments.forEach((inc, i) => {
            running += inc;
            series[`2019-${String(i + 1).padStart(2, "0")}`] = { urban_new_jobs: running };
          });
          const period = `2019-${String(month).padStart(2, "0")}`;
          const own = series[period]?.urban_new_jobs ?? 0;
          expect(checkCumulative(rulebook, period, { urban_new_jobs: own }, series)).toEqual([]);
          const prev =
            month > 1 ? series[`2019-${String(month - 1).padStart(2, "0")}`]?.urban_new_jobs : undefined;
          if (prev !== undefined) {
            const issues = checkCumulative(rulebook, period, { urban_new_jobs: prev - 1 }, series);
            expect(issues.some((i) => i.rule === "belowPrevious")).toBe(true);
          }
        },
      ),
    );
  });
});

describe("expectedProgress", () => {
  itMaps("%s → %s", expectedProgress, [
    ["2019-01", "0.0833"],
    ["2019-02", "0.1667"],
    ["2019-03", "0.2500"],
    ["2019-06", "0.5000"],
    ["2019-11", "0.9167"],
    ["2019-12", "1.0000"],
  ]);
});
