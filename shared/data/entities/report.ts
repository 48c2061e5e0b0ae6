/**
 * Monthly reports: a tenant's report of a period (`REPORT#<y>#<period>`), versioned
 * (`REPORTV#<y>#<period>#<v>`), whose audit pair reads as `submittedAt`/`submittedBy`; and the
 * tenant-year's report card (`REPORT#<y>#~HEAD`, on the province-year's gsi1): the latest version
 * of every period and the revision every report write advances.
 */
import * as z from "zod/mini";
import { itemParser, withAuditAs } from "./stored";

export function storedReportShape() {
  return {
    tenantId: z.string(),
    provinceId: z.string(),
    year: z.number(),
    period: z.string(),
    version: z.number(),
    /** indicator code -> value */
    values: z.record(z.string(), z.number()),
    source: z.string(),
    reason: z.optional(z.string()),
    submittedBy: z.string(),
    submittedAt: z.string(),
    late: z.boolean(),
  };
}

export const reportEntity = z.lazy(() =>
  withAuditAs({ at: "submittedAt", by: "submittedBy" }, z.object(storedReportShape())),
);

export type StoredReport = z.infer<typeof reportEntity>;
export type ReportSubmission = Pick<
  StoredReport,
  "values" | "source" | "reason" | "submittedBy" | "submittedAt" | "late"
>;

/** What a report card keeps of a period's latest version: what the rollup and scoring need. */
export function cardEntryShape() {
  return {
    values: z.record(z.string(), z.number()),
    version: z.number(),
    late: z.boolean(),
    submittedAt: z.string(),
  };
}

export const reportCardEntity = z.lazy(() =>
  z.object({
    tenantId: z.string(),
    /** period -> its latest version */
    periods: z.record(z.string(), z.object(cardEntryShape())),
    revision: z.number(),
  }),
);

export type ReportCard = z.infer<typeof reportCardEntity>;
export type CardEntry = ReportCard["periods"][string];

export const parseReport = itemParser(reportEntity);
export const parseReportCard = itemParser(reportCardEntity);
