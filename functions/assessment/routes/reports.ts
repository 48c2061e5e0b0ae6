/** Monthly reports with their reporting windows and audit trail, and the report template and import. */
import * as z from "zod/mini";
import { TENANT_ROLES } from "../../../shared/domain/principal";
import { CSV_TYPE, XLSX_TYPE } from "../../http/office";
import { declareRoutes, lazySchema } from "../../http/route";
import { listOf, paragraph, stamp, text, versionField } from "../../http/schemas";
import { SPREADSHEET_UPLOAD } from "../../http/uploads";
import { TENANT_AND_PROVINCE } from "./access";
import { dryRunQuery, importResponse, templateQuery } from "./imports";
import { tenantYear, tenantYearPeriod } from "./params";
import { codeKey } from "./targets";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const reportRequest = lazySchema(() =>
  z.strictObject({
    /** year-to-date cumulative values for counts, the current value for rates (0–100) */
    values: z.record(codeKey(), z.number()),
    /** where the figures come from, e.g. 实名制就业信息系统 */
    source: text(500),
    /** why a submitted report is revised (required on a revision) */
    reason: z.optional(paragraph(500)),
  }),
);

/** One stored version of a monthly report (a shape, so that `reportResponse` can extend it lazily). */
function reportVersionShape() {
  return {
    period: z.string(),
    version: versionField,
    values: z.record(z.string(), z.number()),
    source: z.string(),
    reason: z.optional(z.string()),
    ...stamp("submitted"),
    late: z.boolean(),
  };
}

const reportVersion = lazySchema(() => z.object(reportVersionShape()));

const reportResponse = lazySchema(() =>
  z.object({ ...reportVersionShape(), tenantId: z.string(), year: z.int() }),
);

const periodsResponse = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    year: z.int(),
    reportingDeadlineDay: z.int(),
    now: z.string(),
    periods: z.array(
      z.object({
        period: z.string(),
        state: z.enum(["notYetOpen", "open", "late", "locked"]),
        opensAt: z.string(),
        closesAt: z.string(),
        deadlineDate: z.string(),
        unlock: z.nullable(z.object({ until: z.string(), reason: z.string(), unlockedBy: z.string() })),
        reported: z.boolean(),
        version: z.nullable(z.int()),
        submittedAt: z.nullable(z.string()),
        submittedBy: z.nullable(z.string()),
        late: z.boolean(),
      }),
    ),
  }),
);

export const reportsRoutes = declareRoutes({
  putReport: {
    method: "PUT",
    path: "/v1/tenants/{t}/years/{y}/reports/{period}",
    summary: "Submit or revise a monthly report",
    description:
      "Open from the 1st of the month until the rulebook's reportingDeadlineDay of the next month (Asia/Shanghai); " +
      "423 after that unless an unlock is in force (the version is then flagged late). 201 first, 200 revision " +
      "(If-Match and reason required). Every version is kept.",
    tags: ["reports"],
    access: { roles: TENANT_ROLES },
    params: tenantYearPeriod,
    body: reportRequest,
    response: reportResponse,
    alsoStatus: [201],
    alsoErrors: [423],
    versioned: true,
  },
  listReports: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/reports",
    summary: "The latest version of every reported period, in period order",
    description:
      "`format=csv|xlsx` downloads them with Chinese headers (one column per indicator); the XLSX has a second sheet with every version.",
    tags: ["reports"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    query: lazySchema(() => z.strictObject({ format: z.optional(z.enum(["json", "csv", "xlsx"])) })),
    response: listOf("reports", reportResponse),
    produces: [CSV_TYPE, XLSX_TYPE],
    // no rulebook for the year yet
    alsoErrors: [422],
  },
  listReportVersions: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/reports/{period}/versions",
    summary: "The audit trail of one period: every version, oldest first",
    tags: ["reports"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYearPeriod,
    response: lazySchema(() =>
      z.object({
        tenantId: z.string(),
        year: z.int(),
        period: z.string(),
        versions: z.array(reportVersion),
      }),
    ),
  },
  listPeriods: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/periods",
    summary: "Every period of the year: its reporting window, lock or unlock in force, and latest version",
    description:
      "`state`: `notYetOpen`, `open` (on time), `late` (past the deadline, unlocked: accepted and flagged late) or `locked` (423 on submit).",
    tags: ["reports"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    response: periodsResponse,
    // no rulebook for the year yet
    alsoErrors: [422],
  },
  getReportTemplate: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/reports/{period}/template",
    summary:
      "The monthly report template: one row per indicator (target, previous period, value to fill), then 来源 and 修改原因",
    description: "`format=xlsx` (default) or `csv`. Fill it in and send it to …/reports/{period}/import.",
    tags: ["reports", "imports"],
    access: { roles: TENANT_ROLES },
    params: tenantYearPeriod,
    query: templateQuery,
    produces: [XLSX_TYPE, CSV_TYPE],
    // no rulebook for the year yet
    alsoErrors: [422],
  },
  importReport: {
    method: "POST",
    path: "/v1/tenants/{t}/years/{y}/reports/{period}/import",
    summary:
      "Import the filled report template: exactly the rules of the report PUT; ?dryRun=true (default) writes nothing",
    description:
      "The file becomes the PUT's body: the reporting window (423), If-Match (428/412) and 修改原因 on a revision, the " +
      "value rules and cumulative counts never decreasing (422, naming the cell and the indicator). A dry run checks " +
      "all of it and writes nothing; a commit writes the report as the PUT does, keeping every version.",
    tags: ["reports", "imports"],
    access: { roles: TENANT_ROLES },
    params: tenantYearPeriod,
    query: dryRunQuery,
    upload: SPREADSHEET_UPLOAD,
    response: importResponse,
    alsoErrors: [423],
    versioned: true,
  },
});
