import { describe } from "vitest";
import { dotPath } from "../../../../../functions/console/src/lib/paths";
import { itMaps } from "../../../../support/maps";

describe("dotPath writes indices and quoted keys with dots, as the pages name their fields", () => {
  itMaps("%s → %s", dotPath, [
    ["body.indicators[0].unit", "body.indicators.0.unit"],
    ['body.gradeQuotas["优秀"]', "body.gradeQuotas.优秀"],
    ['body.overrides.thresholds["良好"]', "body.overrides.thresholds.良好"],
    ["body.problems[11]", "body.problems.11"],
    ['body.x["a\\"b"]', 'body.x.a"b'],
    ["body.values.urban_new_jobs", "body.values.urban_new_jobs"],
  ]);
});
