/**
 * Monthly reports: a tenant's report of a period (`REPORT#<y>#<period>`), versioned
 * (`REPORTV#<y>#<period>#<v>`), whose audit pair reads as `submittedAt`/`submittedBy`; and the
 * tenant-year's report card (`REPORT#<y>#~HEAD`, on the province-year's gsi1): the latest version
 * of every period and the revision every report write advances.
 */
import * as z from "zod/mini";
import { itemParser, tenantYearFields, versionedEntity, versionFields } from "./stored";

const SUBMITTED = { at: "submittedAt", by: "submittedBy" } as const;

export function storedReportShape() {
  return {
    ...tenantYearFields(),
    period: z.string(),
    /** indicator code -> value */
    values: z.record(z.string(), z.number()),
    source: z.string(),
    reason: z.optional(z.string()),
    late: z.boolean(),
    ...versionFields(SUBMITTED),
  };
}

export const reportEntity = /* @__PURE__ */ versionedEntity(SUBMITTED, storedReportShape);
export const parseReport = /* @__PURE__ */ itemParser(reportEntity);

export type StoredReport = z.infer<typeof reportEntity>;
export type ReportSubmission = Pick<
  StoredReport,
  "values" | "source" | "reason" | "submittedBy" | "submittedAt" | "late"
>;

/** What a report card keeps of a period's latest version: what the rollup and scoring need. */
export function cardEntryShape() {
  return {
    values: z.record(z.string(), z.number()),
    version: z.int(),
    late: z.boolean(),
    submittedAt: z.string(),
  };
}

export const reportCardEntity = /* @__PURE__ */ z.lazy(() =>
  z.object({
    tenantId: z.string(),
    /** period -> its latest version */
    periods: z.record(z.string(), z.object(cardEntryShape())),
    revision: z.int(),
  }),
);
export const parseReportCard = /* @__PURE__ */ itemParser(reportCardEntity);

export type ReportCard = z.infer<typeof reportCardEntity>;
export type CardEntry = ReportCard["periods"][string];
