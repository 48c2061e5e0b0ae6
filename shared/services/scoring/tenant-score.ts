/** A city's own explained result, from the newest run that scored it — and nothing about any other tenant. */
import type { Db } from "../../data/client";
import { getScoringRunPayload, scoringRunsPage } from "../../data/stores/scoring-runs";
import { NotFoundError } from "../../lib/errors";
import type { RunTenantInput } from "./run-inputs";
import type { RunPayload, RunResult } from "./runs";

/** How many runs back `getTenantScore` looks for one that includes the tenant. */
const SCORE_SEARCH_RUNS = 20;

export interface TenantScoreResponse {
  runId: string;
  year: number;
  createdAt: string;
  result: RunResult;
  /** the tenant's own inputs as scored (its targets, reports and review, with versions) */
  inputs: RunTenantInput;
}

/**
 * A tenant's own explained result in the newest run that scored it — and nothing about any other
 * tenant: no other ids, names, totals or counts. 404 when no run of the year includes it.
 */
export async function getTenantScore(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<TenantScoreResponse> {
  let startKey: Record<string, unknown> | undefined;
  let searched = 0;
  do {
    const page = await scoringRunsPage(db, provinceId, year, 5, startKey);
    for (const meta of page.runs) {
      searched++;
      const payload = (await getScoringRunPayload(db, meta)) as RunPayload;
      const result = payload.results.find((r) => r.tenantId === tenantId);
      const inputs = payload.inputs.tenants.find((t) => t.tenantId === tenantId);
      if (result && inputs) {
        return {
          runId: meta.runId,
          year: meta.year,
          createdAt: meta.createdAt,
          result,
          inputs,
        };
      }
      if (searched >= SCORE_SEARCH_RUNS) break;
    }
    startKey = page.lastKey;
  } while (startKey && searched < SCORE_SEARCH_RUNS);
  throw new NotFoundError({
    en: `no scoring run of ${year} includes tenant ${tenantId}`,
    zh: `${year}年度尚无包括单位“${tenantId}”的考评结果。`,
  });
}
