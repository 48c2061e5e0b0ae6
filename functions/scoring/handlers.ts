import { dbFromEnv } from "../../shared/data/client";
import { tenantProvince } from "../../shared/data/stores/tenancy";
import { scoringRunWorkbook } from "../../shared/domain/tables";
import { nowIso } from "../../shared/lib/clock";
import { NotFoundError, ValidationError } from "../../shared/lib/errors";
import {
  createScoringRun,
  dryRunScoring,
  getScoringRun,
  getTenantScore,
  listRuns,
} from "../../shared/services/scoring";
import { workbookDownload } from "../http/downloads";
import { countBusiness } from "../http/observability";
import type { Handlers } from "../http/route";
import type { scoringRoutes } from "./routes";

export const scoringHandlers: Handlers<typeof scoringRoutes> = {
  createScoringRun: async ({ params, query, body, principal }) => {
    const overrides = body?.overrides;
    if (query.dryRun === "true") {
      const view = await dryRunScoring(dbFromEnv(), {
        provinceId: params.p,
        year: params.y,
        overrides,
        runId: body?.runId,
      });
      return { status: 200, body: view };
    }
    if (body?.runId !== undefined) {
      throw ValidationError.about(
        "body.runId",
        { en: "runId is only accepted with ?dryRun=true", zh: "只有试算（?dryRun=true）才接受 runId" },
        {
          en: "only with ?dryRun=true (a stored run scores the current inputs)",
          zh: "仅用于试算（正式考评以当前数据计分）",
        },
      );
    }
    if (overrides !== undefined) {
      throw new ValidationError(
        {
          en: "overrides are only accepted with ?dryRun=true",
          zh: "调整参数只能用于试算（?dryRun=true）。",
        },
        {
          errors: [
            {
              path: "body.overrides",
              message: "only with ?dryRun=true (a stored run uses the stored inputs)",
              zh: "调整参数只能用于试算（?dryRun=true）；正式考评使用已保存的数据",
            },
          ],
        },
      );
    }
    const run = await createScoringRun(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      by: principal.sub,
      at: nowIso(),
    });
    countBusiness("ScoringRuns");
    return {
      status: 201,
      body: run,
      headers: { location: `/v1/provinces/${params.p}/years/${params.y}/scoring-runs/${run.runId}` },
    };
  },

  listScoringRuns: async ({ params, query }) => ({
    body: await listRuns(dbFromEnv(), params.p, params.y, { limit: query.limit ?? 50, cursor: query.cursor }),
  }),

  getScoringRun: async ({ params, query }) => {
    const run = await getScoringRun(dbFromEnv(), params.p, params.y, params.runId);
    if (query.format === "csv" || query.format === "xlsx")
      return workbookDownload(scoringRunWorkbook(run, params.p), query.format);
    return { body: run };
  },

  getTenantScore: async ({ params }) => {
    // The tenant is the caller's own (access rule); its runs live in its province's partition.
    const db = dbFromEnv();
    const provinceId = await tenantProvince(db, params.t);
    if (!provinceId)
      throw new NotFoundError({ en: `no tenant ${params.t}`, zh: `单位“${params.t}”不存在。` });
    return { body: await getTenantScore(db, provinceId, params.y, params.t) };
  },
};
