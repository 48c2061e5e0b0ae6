import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoSubmittedAt, loadDemoHighlights } from "../../../../../infra/local/seed/assessment";
import type { Unlock } from "../../../../../shared/data/stores/unlocks";
import { reportingStatus, unlockInForceAt } from "../../../../../shared/domain/reporting";
import { computeRollup } from "../../../../../shared/domain/rollup";
import { rulebookSchema } from "../../../../../shared/domain/rulebook";
import { checkTargets } from "../../../../../shared/domain/targets";
import { rollupInput } from "../../../../../shared/services/assessment/rollup-input";
import { loadFixture } from "../../../../support/fixture";

const rulebook = rulebookSchema.parse({
  documentNo: "测试〔2019〕1号",
  title: "测试细则",
  indicators: [
    { code: "urban_new_jobs", name: "城镇新增就业人数", unit: "人", weight: 60, method: "ratio" },
    {
      code: "registered_unemployment_rate",
      name: "城镇登记失业率",
      unit: "%",
      weight: 40,
      method: "ceiling",
      tolerance: 0.5,
    },
  ],
  grades: [
    { name: "合格", minScore: 60 },
    { name: "不合格", minScore: 0 },
  ],
  reportingDeadlineDay: 10,
});

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

describe("unlockInForceAt", () => {
  const unlock = (until: string): Unlock => ({
    unlockId: until,
    tenantId: "changchun",
    provinceId: "jl",
    year: 2019,
    period: "2019-03",
    reason: "系统故障",
    until,
    unlockedBy: "admin",
    createdAt: "2019-04-12T00:00:00.000Z",
  });

  it("picks the unlock in force that lasts longest, inclusive of its until instant", () => {
    const at = new Date("2019-04-15T00:00:00.000Z");
    const unlocks = [
      unlock("2019-04-14T23:59:59.999Z"),
      unlock("2019-04-15T00:00:00.000Z"),
      unlock("2019-04-16T00:00:00Z"),
    ];
    expect(unlockInForceAt(at, unlocks)?.until).toBe("2019-04-16T00:00:00Z");
    expect(unlockInForceAt(at, unlocks.slice(0, 2))?.until).toBe("2019-04-15T00:00:00.000Z");
    expect(unlockInForceAt(at, unlocks.slice(0, 1))).toBeUndefined();
    expect(unlockInForceAt(at, [])).toBeUndefined();
  });
});

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

describe("demo data", () => {
  it("submits every demo report on the 5th of the next month, 09:00 Asia/Shanghai — on time", () => {
    expect(demoSubmittedAt("2019-01")).toBe("2019-02-05T01:00:00.000Z");
    expect(demoSubmittedAt("2019-12")).toBe("2020-01-05T01:00:00.000Z");
    const fixture = loadFixture();
    const deadline = Number(fixture.rulebook.reportingDeadlineDay);
    for (let month = 1; month <= 12; month++) {
      const period = `2019-${String(month).padStart(2, "0")}`;
      expect(reportingStatus(new Date(demoSubmittedAt(period)), period, deadline).state).toBe("open");
    }
  });

  it("keeps the cities' highlights as the 2019 circular quotes them: each starts with the city, ≤ 2000 characters", () => {
    const highlights = loadDemoHighlights();
    const fixture = loadFixture();
    const names: Record<string, string> = { yanbian: "延边州" };
    expect(Object.keys(highlights)).toEqual(fixture.tenants.map((t) => t.id));
    let entrepreneurship = 0;
    for (const tenant of fixture.tenants) {
      const h = highlights[tenant.id];
      const name = names[tenant.id] ?? tenant.name;
      expect(h?.employment?.startsWith(name), tenant.id).toBe(true);
      if (h?.entrepreneurship !== undefined) {
        entrepreneurship++;
        expect(h.entrepreneurship.startsWith(name), tenant.id).toBe(true);
      }
      for (const text of [h?.employment, h?.entrepreneurship]) {
        if (text !== undefined) expect(text.length).toBeLessThanOrEqual(2000);
      }
    }
    expect(entrepreneurship).toBe(7);
    // the repository copy is plain JSON that the runtime reads without the shared folder
    const raw = readFileSync(
      new URL("../../../../../infra/local/demo/highlights-2019.json", import.meta.url),
      "utf8",
    );
    expect(raw).toContain("长春市全面启动");
  });
});
