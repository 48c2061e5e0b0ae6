import { describe, expect, it } from "vitest";
import { checkTargets } from "../../../../shared/domain/targets";
import { countAndCeilingRulebook as rulebook } from "../../../support/rollup-input";

describe("checkTargets", () => {
  it("accepts exactly the rulebook's codes", () => {
    expect(checkTargets(rulebook, { urban_new_jobs: 1000, registered_unemployment_rate: 4.5 })).toEqual([]);
  });

  it("names every missing and every extra code", () => {
    const errors = checkTargets(rulebook, { urban_new_jobs: 1000, bogus: 3, other_code: 1 });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ["targets.registered_unemployment_rate", "missing"],
      ["targets.bogus", "not an indicator of the year's rulebook"],
      ["targets.other_code", "not an indicator of the year's rulebook"],
    ]);
  });

  it("refuses a rate target above 100, but not a count target", () => {
    const errors = checkTargets(rulebook, { urban_new_jobs: 100_000, registered_unemployment_rate: 101 });
    expect(errors.map((e) => e.path)).toEqual(["targets.registered_unemployment_rate"]);
  });

  it("does not take inherited properties for codes", () => {
    const targets = Object.create({ urban_new_jobs: 5 }) as Record<string, number>;
    targets.registered_unemployment_rate = 4;
    expect(checkTargets(rulebook, targets).map((e) => e.path)).toEqual(["targets.urban_new_jobs"]);
  });
});
