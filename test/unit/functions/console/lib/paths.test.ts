import { describe, expect, it } from "vitest";
import { dotPath } from "../../../../../functions/console/src/lib/paths";

describe("dotPath", () => {
  it("writes indices and quoted keys with dots, as the pages name their fields", () => {
    expect(dotPath("body.indicators[0].unit")).toBe("body.indicators.0.unit");
    expect(dotPath('body.gradeQuotas["优秀"]')).toBe("body.gradeQuotas.优秀");
    expect(dotPath('body.overrides.thresholds["良好"]')).toBe("body.overrides.thresholds.良好");
    expect(dotPath("body.problems[11]")).toBe("body.problems.11");
    expect(dotPath('body.x["a\\"b"]')).toBe('body.x.a"b');
    expect(dotPath("body.values.urban_new_jobs")).toBe("body.values.urban_new_jobs");
  });
});
