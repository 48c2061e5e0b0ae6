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
import type { HandlerInput, Handlers } from "../http/route";
import { importFrom } from "../http/uploads";
import { currentVersion, versionedResource, withoutFields, writtenVersion } from "../http/versioned";
import type { assessmentRoutes } from "./routes";

// Each response is its stored entity (`shared/data/entities/`) as the route's response schema shows it.

const toRulebookResponse = ({ rulebook, ...stored }: StoredRulebook) => ({ ...rulebook, ...stored });

const toTargetsResponse = (t: StoredTargets) => withoutFields(t, "provinceId");

const toReportVersionResponse = (r: StoredReport) => withoutFields(r, "provinceId", "tenantId", "year");

const toReportResponse = (r: StoredReport) => withoutFields(r, "provinceId");

const toHighlightsResponse = (h: StoredHighlights) => withoutFields(h, "provinceId");

const toReviewResponse = (r: StoredReview) => r;

type InputOf<Op extends keyof typeof assessmentRoutes> = HandlerInput<(typeof assessmentRoutes)[Op]>;

const rulebook = versionedResource({
  key: (params: InputOf<"getRulebook">["params"]) => ({ provinceId: params.p, year: params.y }),
  write: (db, key, body: InputOf<"putRulebook">["body"], put) =>
    publishRulebook(db, { ...key, rulebook: body, ...put }),
  get: getRulebook,
  versions: getRulebookVersions,
  toResponse: toRulebookResponse,
});

const highlights = versionedResource({
  key: (params: InputOf<"getHighlights">["params"]) => ({ tenantId: params.t, year: params.y }),
  write: (db, key, body: InputOf<"putHighlights">["body"], put) =>
    setHighlights(db, { ...key, highlights: body, ...put }),
  get: getHighlights,
  toResponse: toHighlightsResponse,
});

const review = versionedResource({
  key: (params: InputOf<"getReview">["params"]) => ({
    provinceId: params.p,
    year: params.y,
    tenantId: params.t,
  }),
  write: (db, key, body: InputOf<"putReview">["body"], put) =>
    setReview(db, { ...key, review: body, ...put }),
  get: getReview,
  versions: getReviewHistory,
  toResponse: toReviewResponse,
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

  putRulebook: rulebook.put,
  getRulebook: rulebook.get,
  listRulebookVersions: rulebook.listVersions,

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
    const versions = await getReportHistory(dbFromEnv(), {
      tenantId: params.t,
      year: params.y,
      period: params.period,
    });
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

  putHighlights: highlights.put,
  getHighlights: highlights.get,

  putReview: review.put,
  getReview: review.get,

  listReviews: async ({ params }) => ({
    body: { reviews: (await listProvinceReviews(dbFromEnv(), params.p, params.y)).map(toReviewResponse) },
  }),

  listReviewVersions: review.listVersions,

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
