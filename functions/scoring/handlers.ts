import { dbFromEnv } from "../../shared/data/client";
import { tenantProvince } from "../../shared/data/stores/tenancy";
import { nowIso } from "../../shared/lib/clock";
import { NotFoundError, ValidationError } from "../../shared/lib/errors";
import {
  createScoringRun,
  dryRunScoring,
  getScoringRun,
  listRuns,
  tenantScore,
} from "../../shared/services/scoring";
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
      throw new ValidationError("runId is only accepted with ?dryRun=true", {
        errors: [
          { path: "body.runId", message: "only with ?dryRun=true (a stored run scores the current inputs)" },
        ],
      });
    }
    if (overrides !== undefined) {
      throw new ValidationError("overrides are only accepted with ?dryRun=true", {
        errors: [
          { path: "body.overrides", message: "only with ?dryRun=true (a stored run uses the stored inputs)" },
        ],
      });
    }
    const run = await createScoringRun(dbFromEnv(), {
      provinceId: params.p,
      year: params.y,
      by: principal.sub,
      at: nowIso(),
    });
    return {
      status: 201,
      body: run,
      headers: { location: `/v1/provinces/${params.p}/years/${params.y}/scoring-runs/${run.runId}` },
    };
  },

  listScoringRuns: async ({ params, query }) => ({
    body: await listRuns(dbFromEnv(), params.p, params.y, { limit: query.limit ?? 50, cursor: query.cursor }),
  }),

  getScoringRun: async ({ params }) => ({
    body: await getScoringRun(dbFromEnv(), params.p, params.y, params.runId),
  }),

  getTenantScore: async ({ params }) => {
    // The tenant is the caller's own (access rule); its runs live in its province's partition.
    const db = dbFromEnv();
    const provinceId = await tenantProvince(db, params.t);
    if (!provinceId) throw new NotFoundError(`no tenant ${params.t}`);
    return { body: await tenantScore(db, provinceId, params.y, params.t) };
  },
};
