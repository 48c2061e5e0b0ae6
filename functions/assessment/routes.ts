/**
 * Assessment routes: the year's rulebook, targets, monthly reports with their deadlines, unlocks
 * and audit trail, highlights, reviews, and the provincial rollup.
 */
import * as z from "zod/mini";
import { CITY_ROLES, PROVINCE_ROLES, TENANT_ROLES } from "../../shared/domain/principal";
import { PERIOD_PATTERN, periodSchema } from "../../shared/domain/reporting";
import { reviewSchema } from "../../shared/domain/review";
import { rulebookSchema, rulebookShape } from "../../shared/domain/rulebook";
import { customIssue, zodMessage } from "../../shared/lib/zod-text";
import { CSV_TYPE, XLSX_TYPE } from "../http/office";
import { defineRoutes, lazySchema } from "../http/route";
import { idSchema, paragraph, text, versionField, yearParam } from "../http/schemas";
import { SPREADSHEET_UPLOAD } from "../http/uploads";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

// ---------------------------------------------------------------------------------------------
// Path parameters
// ---------------------------------------------------------------------------------------------

const provinceYear = lazySchema(() => z.strictObject({ p: idSchema, y: yearParam }));
const tenantYear = lazySchema(() => z.strictObject({ t: idSchema, y: yearParam }));
const provinceYearTenant = lazySchema(() => z.strictObject({ p: idSchema, y: yearParam, t: idSchema }));

/** `{period}` is `YYYY-MM` and within `{y}` (400 `path.period` otherwise). */
const tenantYearPeriod = lazySchema(() =>
  z.strictObject({ t: idSchema, y: yearParam, period: periodSchema }).check(
    z.superRefine((params, ctx) => {
      const match = PERIOD_PATTERN.exec(params.period);
      if (typeof params.y === "number" && match && Number(match[1]) !== params.y)
        ctx.addIssue(
          customIssue(["period"], {
            en: `must be a period of ${params.y}`,
            zh: `须在${params.y}年度之内（${params.y}-01至${params.y}-12）`,
          }),
        );
    }),
  ),
);

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

/**
 * An indicator code as a map key. Any string is accepted here so that a code the rulebook does
 * not know is answered with a 422 naming it (`body.values.<code>`) rather than a 400.
 */
const codeKey = () => z.string().check(z.minLength(1), z.maxLength(64));

const targetsRequest = lazySchema(() =>
  z.strictObject({
    targets: z.record(codeKey(), z.number().check(z.gt(0, zodMessage("a target must be > 0", "须大于0")))),
  }),
);

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

const unlockRequest = lazySchema(() =>
  z.strictObject({
    tenantId: idSchema,
    period: periodSchema,
    reason: paragraph(500),
    until: z.iso.datetime({
      offset: true,
      message: zodMessage(
        "must be an ISO-8601 instant such as 2020-01-20T23:59:59+08:00",
        "须为带时区的 ISO-8601 时间，如2020-01-20T23:59:59+08:00",
      ),
    }),
  }),
);

const highlightsRequest = lazySchema(() =>
  z.strictObject({
    /** 就业工作方面 */
    employment: z.optional(paragraph(2000)),
    /** 创业工作方面 */
    entrepreneurship: z.optional(paragraph(2000)),
  }),
);

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const rulebookResponse = lazySchema(() =>
  z.object({
    ...rulebookShape(),
    provinceId: z.string(),
    year: z.int(),
    version: versionField,
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);

const targetsResponse = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    year: z.int(),
    targets: z.record(z.string(), z.number()),
    version: versionField,
    updatedAt: z.string(),
    updatedBy: z.string(),
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
    submittedBy: z.string(),
    submittedAt: z.string(),
    late: z.boolean(),
  };
}

const reportVersion = lazySchema(() => z.object(reportVersionShape()));

const reportResponse = lazySchema(() =>
  z.object({ ...reportVersionShape(), tenantId: z.string(), year: z.int() }),
);

function unlockShape() {
  return {
    unlockId: z.string(),
    tenantId: z.string(),
    provinceId: z.string(),
    year: z.int(),
    period: z.string(),
    reason: z.string(),
    until: z.string(),
    unlockedBy: z.string(),
    createdAt: z.string(),
  };
}

const unlockResponse = lazySchema(() => z.object(unlockShape()));

const highlightsResponse = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    year: z.int(),
    employment: z.optional(z.string()),
    entrepreneurship: z.optional(z.string()),
    version: versionField,
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);

const reviewResponse = lazySchema(() => {
  const adjustment = z.object({ points: z.number(), reason: z.string() });
  return z.object({
    provinceId: z.string(),
    tenantId: z.string(),
    year: z.int(),
    items: z.record(z.string(), z.number()),
    bonuses: z.array(adjustment),
    deductions: z.array(adjustment),
    veto: z.optional(z.object({ reason: z.string() })),
    version: versionField,
    reviewedBy: z.string(),
    reviewedAt: z.string(),
  });
});

function rollupIndicator() {
  return z.object({
    code: z.string(),
    name: z.string(),
    unit: z.nullable(z.string()),
    kind: z.enum(["count", "rate"]),
    method: z.enum(["ratio", "ceiling"]),
  });
}

/** One tenant's line of the rollup (the province's rollup has one per tenant; a tenant's progress is its own). */
function rollupTenant() {
  const fraction = z.nullable(z.string());
  return z.object({
    tenantId: z.string(),
    name: z.string(),
    displayOrder: z.number(),
    reported: z.boolean(),
    late: z.boolean(),
    submittedAt: z.nullable(z.string()),
    rows: z.array(
      z.object({
        code: z.string(),
        target: z.nullable(z.number()),
        actual: z.nullable(z.number()),
        actualPeriod: z.nullable(z.string()),
        completion: fraction,
        expectedProgress: fraction,
        lagging: z.boolean(),
      }),
    ),
  });
}

const progressResponse = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    year: z.int(),
    period: z.string(),
    expectedProgress: z.string(),
    indicators: z.array(rollupIndicator()),
    tenant: rollupTenant(),
  }),
);

const rollupResponse = lazySchema(() => {
  const fraction = z.nullable(z.string());
  return z.object({
    provinceId: z.string(),
    year: z.int(),
    period: z.string(),
    expectedProgress: z.string(),
    indicators: z.array(rollupIndicator()),
    tenants: z.array(rollupTenant()),
    totals: z.array(
      z.object({
        code: z.string(),
        kind: z.enum(["count", "rate"]),
        summed: z.boolean(),
        target: z.nullable(z.number()),
        actual: z.nullable(z.number()),
        completion: fraction,
        expectedProgress: fraction,
        lagging: z.boolean(),
      }),
    ),
    notReported: z.array(z.string()),
    late: z.array(z.string()),
  });
});

const yearsResponse = lazySchema(() =>
  z.object({
    provinceId: z.string(),
    name: z.string(),
    authorityName: z.string(),
    years: z.array(
      z.object({ year: z.int(), title: z.string(), documentNo: z.string(), version: versionField }),
    ),
  }),
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

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** An import's answer (`functions/api.md` → "Imports with a dry run"). */
const importResponse = lazySchema(() => {
  const cell = z.union([z.number(), z.string(), z.null()]);
  return z.object({
    dryRun: z.boolean(),
    summary: z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), errors: z.int() }),
    rows: z.array(
      z.object({
        row: z.int(),
        key: z.string(),
        status: z.enum(["created", "updated", "unchanged", "error"]),
        changes: z.optional(z.array(z.object({ field: z.string(), from: cell, to: cell }))),
        errors: z.optional(
          z.array(z.object({ path: z.string(), cell: z.string(), field: z.string(), message: z.string() })),
        ),
      }),
    ),
  });
});

const templateQuery = lazySchema(() => z.strictObject({ format: z.optional(z.enum(["xlsx", "csv"])) }));
const dryRunQuery = lazySchema(() =>
  z.strictObject({
    dryRun: z.optional(z.enum(["true", "false"], zodMessage("must be true or false", "应为 true 或 false"))),
  }),
);

const EVERY_PROVINCE_ROLE = [...PROVINCE_ROLES, ...TENANT_ROLES] as const;
const TENANT_AND_PROVINCE = [...TENANT_ROLES, ...PROVINCE_ROLES] as const;

export const assessmentRoutes = defineRoutes("assessment", {
  listYears: {
    method: "GET",
    path: "/v1/provinces/{p}/years",
    summary: "The province and the years that have a rulebook, newest first",
    tags: ["rulebook"],
    access: { roles: EVERY_PROVINCE_ROLE },
    params: lazySchema(() => z.strictObject({ p: idSchema })),
    response: yearsResponse,
  },
  putRulebook: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/rulebook",
    summary: "Publish the year's rulebook (考评细则); every change is a new version",
    description:
      "201 for the first version, 200 for a new one (If-Match required). 409 once a circular of the year is published.",
    tags: ["rulebook"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    body: rulebookSchema,
    response: rulebookResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getRulebook: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rulebook",
    summary: "The year's current rulebook",
    tags: ["rulebook"],
    access: { roles: EVERY_PROVINCE_ROLE },
    params: provinceYear,
    response: rulebookResponse,
    versioned: true,
  },
  listRulebookVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rulebook/versions",
    summary: "Every version of the year's rulebook, oldest first",
    tags: ["rulebook"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: lazySchema(() => z.object({ versions: z.array(rulebookResponse) })),
  },
  putTargets: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/targets/{t}",
    summary: "Set a city's annual targets (exactly the rulebook's indicator codes, each > 0)",
    tags: ["targets"],
    access: { roles: ["province-admin"] },
    params: provinceYearTenant,
    body: targetsRequest,
    response: targetsResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getTargets: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/targets",
    summary: "A city's annual targets",
    tags: ["targets"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    response: targetsResponse,
    versioned: true,
  },
  listProvinceTargets: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/targets",
    summary: "Every unit's annual targets of the year (units in display order) with the province totals",
    description:
      "One entry per unit that has targets, with its version (the If-Match of its next PUT); `totals` sums count indicators over the units (rates are not summed).",
    tags: ["targets"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: lazySchema(() =>
      z.object({
        targets: z.array(targetsResponse),
        totals: z.array(
          z.object({
            code: z.string(),
            kind: z.enum(["count", "rate"]),
            summed: z.boolean(),
            target: z.nullable(z.number()),
          }),
        ),
      }),
    ),
  },
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
    response: lazySchema(() => z.object({ reports: z.array(reportResponse) })),
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
  listUnlocks: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/unlocks",
    summary: "Every unlock given in the year, newest first, each saying whether it is in force now",
    tags: ["reports"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: lazySchema(() =>
      z.object({ unlocks: z.array(z.object({ ...unlockShape(), inForce: z.boolean() })) }),
    ),
  },
  getProgress: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/progress",
    summary:
      "A city's own line of the rollup: targets, actuals, completion against expected progress, lagging",
    description: "`period` defaults to the city's latest reported period.",
    tags: ["rollup"],
    access: { roles: TENANT_AND_PROVINCE },
    params: tenantYear,
    query: lazySchema(() => z.strictObject({ period: z.optional(periodSchema) })),
    response: progressResponse,
  },
  getTargetsTemplate: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/targets/template",
    summary:
      "The targets template: one row per unit in displayOrder, one column per indicator, current targets filled in",
    description: "`format=xlsx` (default) or `csv`. Fill it in Excel or WPS and send it to …/targets/import.",
    tags: ["targets", "imports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    query: templateQuery,
    produces: [XLSX_TYPE, CSV_TYPE],
    // no rulebook for the year yet
    alsoErrors: [422],
  },
  importTargets: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/targets/import",
    summary:
      "Import the filled targets template: ?dryRun=true (default) shows what would change, false writes it",
    description:
      "Every row is checked as the targets PUT checks it; the answer names each row by its spreadsheet row number and each " +
      "error by its cell (D7). A dry run writes nothing. A commit with any error is 422 with the same body and writes " +
      "nothing; otherwise every changed unit gets a new targets version, all in one transaction (at most 49 changed units " +
      "per file). A file that is not the template (missing or unknown columns), not a spreadsheet, with merged cells, or " +
      "over 2 MB is 400/413.",
    tags: ["targets", "imports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    query: dryRunQuery,
    upload: SPREADSHEET_UPLOAD,
    response: importResponse,
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
  createUnlock: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/unlocks",
    summary: "Reopen one locked period for one city until an instant, with a reason",
    tags: ["reports"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    body: unlockRequest,
    response: unlockResponse,
    status: 201,
  },
  putHighlights: {
    method: "PUT",
    path: "/v1/tenants/{t}/years/{y}/highlights",
    summary: "A city's work highlights of the year (for the circular)",
    tags: ["highlights"],
    access: { roles: ["city-admin"] },
    params: tenantYear,
    body: highlightsRequest,
    response: highlightsResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getHighlights: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/highlights",
    summary: "A city's work highlights of the year",
    tags: ["highlights"],
    access: { roles: [...CITY_ROLES, ...PROVINCE_ROLES] },
    params: tenantYear,
    response: highlightsResponse,
    versioned: true,
  },
  putReview: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}",
    summary: "Review a city: item scores, bonuses, deductions, veto",
    tags: ["reviews"],
    access: { roles: ["province-reviewer", "province-admin"] },
    params: provinceYearTenant,
    body: reviewSchema,
    response: reviewResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getReview: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}",
    summary: "A city's review",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYearTenant,
    response: reviewResponse,
    versioned: true,
  },
  listReviews: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews",
    summary: "The current review of every reviewed unit of the year, units in display order",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: lazySchema(() => z.object({ reviews: z.array(reviewResponse) })),
  },
  listReviewVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}/versions",
    summary: "Every version of a unit's review, oldest first",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYearTenant,
    response: lazySchema(() => z.object({ versions: z.array(reviewResponse) })),
  },
  getRollup: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/rollup",
    summary:
      "Every city × indicator: target, actual, completion, expected progress, lagging; province totals",
    description:
      "`period` defaults to the latest reported; `format=csv` downloads it with Chinese column headers (UTF-8 with BOM), " +
      "`format=xlsx` as a workbook with one sheet per view: by unit × indicator, province totals, not reported / late.",
    tags: ["rollup"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    query: lazySchema(() =>
      z.strictObject({
        period: z.optional(periodSchema),
        format: z.optional(z.enum(["json", "csv", "xlsx"])),
      }),
    ),
    response: rollupResponse,
    produces: [CSV_TYPE, XLSX_TYPE],
  },
});
