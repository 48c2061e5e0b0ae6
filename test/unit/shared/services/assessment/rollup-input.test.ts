import { describe, expect, it } from "vitest";
import { computeRollup } from "../../../../../shared/domain/rollup";
import { rollupInput } from "../../../../../shared/services/assessment/rollup-input";
import { countAndCeilingRulebook as rulebook } from "../../../../support/rollup-input";

describe("rollupInput", () => {
  it("indexes targets and the latest reports by tenant and period for computeRollup", () => {
    const input = rollupInput({
      year: 2019,
      rulebook,
      tenants: [
        { tenantId: "b", name: "乙市", displayOrder: 2 },
        { tenantId: "a", name: "甲市", displayOrder: 1 },
      ],
      targets: [{ tenantId: "a", targets: { urban_new_jobs: 1200, registered_unemployment_rate: 4 } }],
      reports: [
        { tenantId: "a", period: "2019-01", values: { urban_new_jobs: 100 }, late: false, submittedAt: "x" },
        { tenantId: "a", period: "2019-02", values: { urban_new_jobs: 150 }, late: true, submittedAt: "y" },
        { tenantId: "b", period: "2019-01", values: { urban_new_jobs: 90 }, late: false, submittedAt: "z" },
      ],
    });
    expect(input.period).toBeUndefined();
    expect(input.targets).toEqual({ a: { urban_new_jobs: 1200, registered_unemployment_rate: 4 } });
    expect(Object.keys(input.reports.a ?? {})).toEqual(["2019-01", "2019-02"]);
    const rollup = computeRollup(input);
    expect(rollup.period).toBe("2019-02");
    expect(rollup.tenants.map((t) => t.tenantId)).toEqual(["a", "b"]);
    expect(rollup.late).toEqual(["a"]);
    expect(rollup.notReported).toEqual(["b"]);
    expect(rollup.tenants[0]?.rows[0]).toMatchObject({ actual: 150, completion: "0.1250", lagging: false });
    expect(rollup.tenants[1]?.rows[0]).toMatchObject({ actual: 90, actualPeriod: "2019-01", target: null });
  });

  it("passes a requested period through", () => {
    const input = rollupInput({
      year: 2019,
      period: "2019-05",
      rulebook,
      tenants: [],
      targets: [],
      reports: [],
    });
    expect(input.period).toBe("2019-05");
  });
});
