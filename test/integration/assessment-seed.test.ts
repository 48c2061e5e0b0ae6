/**
 * The demo province's assessment data (`npm start` with SEED_DEMO): loaded through the API's
 * stores, idempotent (a second run writes nothing), and consistent — the December rollup of the
 * seeded data gives the fixture's year-end values.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../infra/local/seed";
import { DEMO_SUBMITTER, loadDemoHighlights, seedAssessment } from "../../infra/local/seed/assessment";
import { createDocumentClient, type Db } from "../../shared/data/client";
import { highlightsOfProvinceYear } from "../../shared/data/stores/highlights";
import { reportsOfProvinceYear, reportsOfTenantYear, reportVersions } from "../../shared/data/stores/reports";
import { reviewsOfProvinceYear } from "../../shared/data/stores/reviews";
import { findRulebook } from "../../shared/data/stores/rulebooks";
import { targetsOfProvinceYear } from "../../shared/data/stores/targets";
import { putProvince, putTenant } from "../../shared/data/stores/tenancy";
import { reportingStatus } from "../../shared/domain/reporting";
import { getProvinceRollup } from "../../shared/services/assessment";
import { localEndpoint, testDb } from "../support/db";

const demo = loadDemoData();
const P = demo.province.id;
const Y = demo.year;

let db: Db;
const lines: string[] = [];
let firstRunMs = 0;

beforeAll(async () => {
  db = await testDb("seed");
  await putProvince(db, P, demo.province, "2019-01-01T00:00:00.000Z");
  for (const tenant of demo.tenants) await putTenant(db, P, tenant.id, tenant, "2019-01-01T00:00:00.000Z");
  const started = performance.now();
  await seedAssessment(db, demo, (line) => lines.push(line));
  firstRunMs = performance.now() - started;
}, 120_000);

describe("seedAssessment", () => {
  it("loads the 2019 rulebook, targets, 144 monthly reports, 12 reviews and the cities' highlights", async () => {
    console.log(`demo assessment data loaded in ${(firstRunMs / 1000).toFixed(1)} s: ${lines.join(" | ")}`);
    expect(lines).toEqual([
      "  2019 rulebook, targets of 12 tenants, 144 monthly reports, 12 reviews, 12 highlights",
    ]);
    const rulebook = await findRulebook(db, P, Y);
    expect(rulebook?.version).toBe(1);
    expect(rulebook?.rulebook.indicators).toHaveLength(9);
    expect(await targetsOfProvinceYear(db, P, Y)).toHaveLength(12);
    expect(await reviewsOfProvinceYear(db, P, Y)).toHaveLength(12);

    const reports = await reportsOfProvinceYear(db, P, Y);
    expect(reports).toHaveLength(144);
    for (const report of reports) {
      expect(report).toMatchObject({ version: 1, late: false });
      expect(reportingStatus(new Date(report.submittedAt), report.period, 10).state).toBe("open");
    }
    const history = await reportVersions(db, "changchun", Y, "2019-12");
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ submittedBy: DEMO_SUBMITTER, source: "实名制就业信息系统" });
    // the province-wide report card agrees with the tenant's own reports
    const own = await reportsOfTenantYear(db, "changchun", Y);
    expect(own).toHaveLength(12);
    for (const report of own) {
      const card = reports.find((r) => r.tenantId === "changchun" && r.period === report.period);
      expect(card).toMatchObject({
        values: report.values,
        version: report.version,
        submittedAt: report.submittedAt,
      });
    }

    const highlights = await highlightsOfProvinceYear(db, P, Y);
    const expected = loadDemoHighlights();
    expect(highlights).toHaveLength(12);
    for (const h of highlights) {
      expect(h.employment).toBe(expected[h.tenantId]?.employment);
      expect(h.entrepreneurship).toBe(expected[h.tenantId]?.entrepreneurship);
    }
  });

  it("gives a December rollup equal to the fixture's year-end values", async () => {
    const { rollup } = await getProvinceRollup(db, P, Y);
    expect(rollup.period).toBe("2019-12");
    expect(rollup.notReported).toEqual([]);
    for (const tenant of rollup.tenants) {
      for (const row of tenant.rows)
        expect(row.actual).toBe(demo.reports[tenant.tenantId]?.["2019-12"]?.[row.code]);
    }
  });

  it("is idempotent: a second run writes nothing", async () => {
    const writes: string[] = [];
    const doc = createDocumentClient({ endpoint: localEndpoint(), region: "local" });
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (!/^(Get|Query|BatchGet)/.test(String(context.commandName)))
          writes.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize", name: "recordWrites" },
    );
    const again: string[] = [];
    await seedAssessment({ table: db.table, doc }, demo, (line) => again.push(line));
    expect(writes).toEqual([]);
    expect(again).toEqual(lines);
    expect(await reportsOfProvinceYear(db, P, Y)).toHaveLength(144);
  });
});
