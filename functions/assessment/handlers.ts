import { dbFromEnv } from "../../shared/data/client";
import type { StoredHighlights } from "../../shared/data/stores/highlights";
import type { StoredReport } from "../../shared/data/stores/reports";
import type { StoredReview } from "../../shared/data/stores/reviews";
import type { StoredRulebook } from "../../shared/data/stores/rulebooks";
import type { StoredTargets } from "../../shared/data/stores/targets";
import { reportsWorkbook, rollupWorkbook } from "../../shared/domain/tables";
import {
  getHighlights,
  getProvinceRollup,
  getProvinceTargets,
  getReportHistory,
  getReportsForExport,
  getReportTemplate,
  getReview,
  getReviewHistory,
  getRulebook,
  getRulebookVersions,
  getRulebookYears,
  getTargets,
  getTargetsTemplate,
  getTenantPeriods,
  getTenantProgress,
  importReport,
  importTargets,
  listProvinceReviews,
  listReports,
  listUnlocks,
  publishRulebook,
  setHighlights,
  setReview,
  setTargets,
  submitReport,
  unlockPeriod,
} from "../../shared/services/assessment";
import { workbookDownload } from "../http/downloads";
import { countBusiness } from "../http/observability";
import type { Handlers } from "../http/route";
import { importFrom } from "../http/uploads";
import { currentVersion, writtenVersion } from "../http/versioned";
import type { assessmentRoutes } from "./routes";

const toRulebookResponse = (r: StoredRulebook) => ({
  ...r.rulebook,
  provinceId: r.provinceId,
  year: r.year,
  version: r.version,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
});

const toTargetsResponse = (t: StoredTargets) => ({
  tenantId: t.tenantId,
  year: t.year,
  targets: t.targets,
  version: t.version,
  updatedAt: t.updatedAt,
  updatedBy: t.updatedBy,
});

const toReportVersionResponse = (r: StoredReport) => ({
  period: r.period,
  version: r.version,
  values: r.values,
  source: r.source,
  ...(r.reason !== undefined ? { reason: r.reason } : {}),
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt,
  late: r.late,
});

const toReportResponse = (r: StoredReport) => ({
  tenantId: r.tenantId,
  year: r.year,
  ...toReportVersionResponse(r),
});

const toHighlightsResponse = (h: StoredHighlights) => ({
  tenantId: h.tenantId,
  year: h.year,
  ...(h.employment !== undefined ? { employment: h.employment } : {}),
  ...(h.entrepreneurship !== undefined ? { entrepreneurship: h.entrepreneurship } : {}),
  version: h.version,
  updatedAt: h.updatedAt,
  updatedBy: h.updatedBy,
});

const toReviewResponse = (r: StoredReview) => ({
  provinceId: r.provinceId,
  tenantId: r.tenantId,
  year: r.year,
  items: r.items,
  bonuses: r.bonuses,
  deductions: r.deductions,
  ...(r.veto ? { veto: r.veto } : {}),
  version: r.version,
  reviewedBy: r.reviewedBy,
  reviewedAt: r.reviewedAt,
});

export const assessmentHandlers: Handlers<typeof assessmentRoutes> = {
  listYears: async ({ params }) => {
    const { province, years } = await getRulebookYears(dbFromEnv(), params.p);
    return {
      body: {
        provinceId: province.provinceId,
        name: province.name,
        authorityName: province.authorityName,
        years,
      },
    };
  },

  listPeriods: async ({ params }) => ({ body: await getTenantPeriods(dbFromEnv(), params.t, params.y) }),

  getProgress: async ({ params, query }) => {
    const progress = await getTenantProgress(dbFromEnv(), params.t, params.y, query.period);
    return { body: { tenantId: params.t, ...progress } };
  },

  listUnlocks: async ({ params }) => ({
    body: { unlocks: await listUnlocks(dbFromEnv(), params.p, params.y) },
  }),

  putRulebook: async ({ params, body, ifMatch, principal }) =>
    writtenVersion(
      await publishRulebook(dbFromEnv(), {
        provinceId: params.p,
        year: params.y,
        rulebook: body,
        ifMatch,
        actor: principal,
      }),
      toRulebookResponse,
    ),

  getRulebook: async ({ params }) =>
    currentVersion(await getRulebook(dbFromEnv(), params.p, params.y), toRulebookResponse),

  listRulebookVersions: async ({ params }) => {
    const versions = await getRulebookVersions(dbFromEnv(), params.p, params.y);
    return { body: { versions: versions.map(toRulebookResponse) } };
  },

  putTargets: async ({ params, body, ifMatch, principal }) =>
    writtenVersion(
      await setTargets(dbFromEnv(), {
        provinceId: params.p,
        tenantId: params.t,
        year: params.y,
        targets: body.targets,
        ifMatch,
        actor: principal,
      }),
      toTargetsResponse,
    ),

  getTargets: async ({ params }) =>
    currentVersion(await getTargets(dbFromEnv(), params.t, params.y), toTargetsResponse),

  listProvinceTargets: async ({ params }) => {
    const { targets, totals } = await getProvinceTargets(dbFromEnv(), params.p, params.y);
    return { body: { targets: targets.map(toTargetsResponse), totals } };
  },

  putReport: async ({ params, body, ifMatch, principal }) => {
    const result = await submitReport(dbFromEnv(), {
      tenantId: params.t,
      year: params.y,
      period: params.period,
      report: body,
      ifMatch,
      actor: principal,
    });
    countBusiness("ReportsSubmitted");
    if (result.late) countBusiness("ReportsLate");
    return {
      ...writtenVersion(result, toReportResponse),
      ...(result.created
        ? {
            headers: {
              location: `/v1/tenants/${params.t}/years/${params.y}/reports/${params.period}/versions`,
            },
          }
        : {}),
    };
  },

  listReports: async ({ params, query }) => {
    if (query.format === "csv" || query.format === "xlsx") {
      const data = await getReportsForExport(dbFromEnv(), params.t, params.y);
      return workbookDownload(
        reportsWorkbook(data.tenant, params.y, data.rulebook, data.latest, data.versions),
        query.format,
      );
    }
    const reports = await listReports(dbFromEnv(), params.t, params.y);
    return { body: { reports: reports.map(toReportResponse) } };
  },

  listReportVersions: async ({ params }) => {
    const versions = await getReportHistory(dbFromEnv(), params.t, params.y, params.period);
    return {
      body: {
        tenantId: params.t,
        year: params.y,
        period: params.period,
        versions: versions.map(toReportVersionResponse),
      },
    };
  },

  getTargetsTemplate: async ({ params, query }) =>
    workbookDownload(await getTargetsTemplate(dbFromEnv(), params.p, params.y), query.format ?? "xlsx"),

  importTargets: async ({ params, query, upload, principal, headers }) => ({
    body: await importFrom(upload, headers, (grid) =>
      importTargets(dbFromEnv(), {
        provinceId: params.p,
        year: params.y,
        grid,
        dryRun: query.dryRun !== "false",
        actor: principal,
      }),
    ),
  }),

  getReportTemplate: async ({ params, query }) =>
    workbookDownload(
      await getReportTemplate(dbFromEnv(), params.t, params.y, params.period),
      query.format ?? "xlsx",
    ),

  importReport: async ({ params, query, upload, principal, ifMatch, headers }) => ({
    body: await importFrom(upload, headers, (grid) =>
      importReport(dbFromEnv(), {
        tenantId: params.t,
        year: params.y,
        period: params.period,
        grid,
        dryRun: query.dryRun !== "false",
        ifMatch,
        actor: principal,
      }),
    ),
  }),

  createUnlock: async ({ params, body, principal }) => {
    const unlock = await unlockPeriod(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      unlock: body,
      actor: principal,
    });
    countBusiness("Unlocks");
    return { status: 201, body: unlock };
  },

  putHighlights: async ({ params, body, ifMatch, principal }) =>
    writtenVersion(
      await setHighlights(dbFromEnv(), {
        tenantId: params.t,
        year: params.y,
        highlights: body,
        ifMatch,
        actor: principal,
      }),
      toHighlightsResponse,
    ),

  getHighlights: async ({ params }) =>
    currentVersion(await getHighlights(dbFromEnv(), params.t, params.y), toHighlightsResponse),

  putReview: async ({ params, body, ifMatch, principal }) =>
    writtenVersion(
      await setReview(dbFromEnv(), {
        provinceId: params.p,
        tenantId: params.t,
        year: params.y,
        review: body,
        ifMatch,
        actor: principal,
      }),
      toReviewResponse,
    ),

  getReview: async ({ params }) =>
    currentVersion(await getReview(dbFromEnv(), params.p, params.y, params.t), toReviewResponse),

  listReviews: async ({ params }) => ({
    body: { reviews: (await listProvinceReviews(dbFromEnv(), params.p, params.y)).map(toReviewResponse) },
  }),

  listReviewVersions: async ({ params }) => ({
    body: {
      versions: (await getReviewHistory(dbFromEnv(), params.p, params.y, params.t)).map(toReviewResponse),
    },
  }),

  getRollup: async ({ params, query }) => {
    const result = await getProvinceRollup(dbFromEnv(), params.p, params.y, query.period);
    if (query.format === "csv" || query.format === "xlsx")
      return workbookDownload(
        rollupWorkbook(result.rollup, result.rulebook, result.provinceId),
        query.format,
      );
    return { body: { provinceId: result.provinceId, ...result.rollup } };
  },
};
