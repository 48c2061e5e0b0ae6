import { describe, expect, it } from "vitest";
import { cellState } from "#console/lib/cell-state";
import { previousPeriodOf, reportColumns, valuesToSubmit } from "#console/lib/report-entry";

describe("月度填报 as a grid", () => {
  it("names the period before in the same year, none before January", () => {
    expect(previousPeriodOf("2019-06")).toBe("2019-05");
    expect(previousPeriodOf("2019-10")).toBe("2019-09");
    expect(previousPeriodOf("2019-01")).toBeUndefined();
  });

  it("heads the last period's and this period's columns with their months", () => {
    const labels = reportColumns("2019-06", "2019-05").map((c) => c.label);
    expect(labels).toEqual(["计量单位", "年度目标", "上期值（2019年5月）", "本期值（2019年6月）"]);
    expect(reportColumns("2019-01", undefined)[2]?.label).toBe("上期值");
  });

  it("submits the numbers typed and names the first cell that holds none", () => {
    const indicators = [
      { code: "a", name: "甲", weight: 1, method: "ratio" },
      { code: "b", name: "乙", weight: 1, method: "ratio" },
      { code: "c", name: "丙", weight: 1, method: "ratio" },
    ] as Parameters<typeof valuesToSubmit>[0];
    const states = {
      a: { value: cellState({ saved: null, text: "1,200" }) },
      b: { value: cellState({ saved: null, text: "abc" }) },
      c: { value: cellState({ saved: null, text: "" }) },
    };
    expect(valuesToSubmit(indicators, states)).toEqual({ values: { a: 1200 }, firstInvalid: "b" });
  });
});
