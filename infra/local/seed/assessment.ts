/**
 * The demo province's assessment cycle of 2019: the rulebook, every city's targets, all twelve
 * monthly reports (each submitted on the 5th of the next month, 09:00 Asia/Shanghai — on time),
 * the province's reviews, and the cities' highlights as the real 2019 circular quotes them
 * (`../demo/highlights-2019.json`). Written through the same stores as the API; every step skips
 * what already exists, so an interrupted load resumes.
 */
import { readFileSync } from "node:fs";
import type { Db } from "../../../shared/data/client";
import { findHighlights, type HighlightsInput, putHighlights } from "../../../shared/data/stores/highlights";
import { createReports, reportsOfTenantYear } from "../../../shared/data/stores/reports";
import { findReview, putReview } from "../../../shared/data/stores/reviews";
import { findRulebook, putRulebook } from "../../../shared/data/stores/rulebooks";
import { findTargets, putTargets } from "../../../shared/data/stores/targets";
import { checkCumulative, parsePeriod, validateReportValues } from "../../../shared/domain/reporting";
import { reviewSchema } from "../../../shared/domain/review";
import { rulebookSchema } from "../../../shared/domain/rulebook";
import { nowIso, shanghaiInstant } from "../../../shared/lib/clock";
import type { DemoData, SeedLog } from "./index";

export const DEMO_SUBMITTER = "demo-seed";
export const DEMO_SOURCE = "实名制就业信息系统";

/** The cities' highlights of the demo year, kept in the repository. */
export function loadDemoHighlights(): Record<string, HighlightsInput> {
  return JSON.parse(readFileSync(new URL("../demo/highlights-2019.json", import.meta.url), "utf8")) as Record<
    string,
    HighlightsInput
  >;
}

/** 09:00 Asia/Shanghai on the 5th of the month after `period`: inside its reporting window. */
export function demoSubmittedAt(period: string): string {
  const { year, month } = parsePeriod(period);
  return shanghaiInstant(year, month + 1, 5, 9).toISOString();
}

export async function seedAssessment(db: Db, demo: DemoData, log: SeedLog): Promise<void> {
  const provinceId = demo.province.id;
  const year = demo.year;
  const at = nowIso();
  const by = DEMO_SUBMITTER;

  const rulebook = rulebookSchema.parse(demo.rulebook);
  if (!(await findRulebook(db, provinceId, year, { consistent: true }))) {
    await putRulebook(db, { provinceId, year, rulebook, ifMatch: undefined, at, by });
  }

  const highlights = demo.highlights ?? loadDemoHighlights();
  const counts = { targets: 0, reports: 0, reviews: 0, highlights: 0 };

  await Promise.all(
    demo.tenants.map(async ({ id: tenantId }) => {
      const targets = demo.targets[tenantId];
      if (targets) {
        if (!(await findTargets(db, tenantId, year)))
          await putTargets(db, { provinceId, tenantId, year, targets, ifMatch: undefined, at, by });
        counts.targets++;
      }

      // the tenant's missing months in one transaction (the same items putReport writes)
      const reported = new Set(
        (await reportsOfTenantYear(db, tenantId, year, { consistent: true })).map((r) => r.period),
      );
      const periods = Object.entries(demo.reports[tenantId] ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
      // the demo data obeys the same rules as a submission through the API
      const all = Object.fromEntries(periods);
      for (const [period, values] of periods) {
        const issues = [
          ...validateReportValues(rulebook, values),
          ...checkCumulative(rulebook, period, values, all),
        ];
        if (issues.length > 0)
          throw new Error(`demo report ${tenantId} ${period}: ${issues.map((i) => i.message).join("; ")}`);
      }
      await createReports(
        db,
        periods
          .filter(([period]) => !reported.has(period))
          .map(([period, values]) => ({
            provinceId,
            tenantId,
            year,
            period,
            submission: {
              values,
              source: DEMO_SOURCE,
              submittedBy: by,
              submittedAt: demoSubmittedAt(period),
              late: false,
            },
          })),
      );
      counts.reports += periods.length;

      const review = demo.reviews[tenantId];
      if (review !== undefined) {
        if (!(await findReview(db, provinceId, year, tenantId)))
          await putReview(db, {
            provinceId,
            tenantId,
            year,
            review: reviewSchema.parse(review),
            ifMatch: undefined,
            at,
            by,
          });
        counts.reviews++;
      }

      const texts = Object.hasOwn(highlights, tenantId) ? highlights[tenantId] : undefined;
      if (texts) {
        if (!(await findHighlights(db, tenantId, year)))
          await putHighlights(db, {
            provinceId,
            tenantId,
            year,
            highlights: texts,
            ifMatch: undefined,
            at,
            by,
          });
        counts.highlights++;
      }
    }),
  );

  log(
    `  ${year} rulebook, targets of ${counts.targets} tenants, ${counts.reports} monthly reports, ` +
      `${counts.reviews} reviews, ${counts.highlights} highlights`,
  );
}
