/**
 * What-if (a dry run): the year's current inputs, or a stored run's, scored with overrides of
 * weights, caps, tolerances, thresholds, quotas, targets or limits, without storing anything.
 */
import type { Db } from "../../data/client";
import { applyOverrides, scoreYear, type TenantResult } from "../../domain/scoring";
import { canonicalHash } from "../../lib/canonical-json";
import { BusinessRuleError, fieldError, inBody, summarizeErrors, ValidationError } from "../../lib/errors";
import { engineInput, gatherRunInputs, type RunInputs } from "./run-inputs";
import { findScoringRun, gradeCounts, named, type RunResult } from "./runs";

const exactTotal = (r: TenantResult): string => r.exactTotal ?? r.total;

/** A result's total (and exact total when it has more decimals), rank and grade. */
const standing = (r: TenantResult): ScoreChange["baseline"] => ({
  total: r.total,
  ...(r.exactTotal !== undefined ? { exactTotal: r.exactTotal } : {}),
  rank: r.rank,
  grade: r.grade,
});

export interface ScoreChange {
  tenantId: string;
  name: string;
  authorityName: string;
  /** `exactTotal` only when the exact total has more than 2 decimals (as in a result) */
  baseline: { total: string; exactTotal?: string; rank: number; grade: string };
  whatIf: { total: string; exactTotal?: string; rank: number; grade: string };
}

export interface DryRunResponse {
  dryRun: true;
  provinceId: string;
  year: number;
  /** the stored run whose inputs the what-if started from; null: the year's current inputs */
  baseRunId: string | null;
  rulebookVersion: number;
  tenantCount: number;
  /** the hash of the inputs the what-if started from (what a real run of them records) */
  inputsHash: string;
  /** the hash of the what-if results */
  resultsHash: string;
  overrides: Record<string, unknown>;
  gradeCounts: Record<string, number>;
  baselineGradeCounts: Record<string, number>;
  /** the tenants whose total, rank or grade the overrides move */
  changes: ScoreChange[];
  results: RunResult[];
}

/**
 * What-if: the year's current inputs scored with overrides, without storing anything. Override
 * errors (unknown codes, grades or tenants; a rulebook the overrides make invalid) are 400 with
 * `body.overrides…` paths, as the rulebook's own validation is.
 */
export async function dryRunScoring(
  db: Db,
  request: {
    provinceId: string;
    year: number;
    overrides: Record<string, unknown> | undefined;
    /** start from this stored run's frozen inputs instead of the year's current ones */
    runId?: string | undefined;
  },
): Promise<DryRunResponse> {
  const inputs = request.runId
    ? await storedRunInputs(db, request.provinceId, request.year, request.runId)
    : await gatherRunInputs(db, request.provinceId, request.year);
  const base = engineInput(inputs);
  const overrides = request.overrides ?? {};
  const applied = applyOverrides(base, overrides);
  if ("errors" in applied) {
    const errors = inBody(applied.errors);
    throw new ValidationError(
      summarizeErrors(errors.slice(0, 1), { en: "the overrides are not valid", zh: "调整参数无效。" }),
      { errors },
    );
  }
  const baseline = named(inputs, scoreYear(base));
  const results = named(inputs, scoreYear(applied.input));
  return {
    dryRun: true,
    provinceId: request.provinceId,
    year: request.year,
    baseRunId: request.runId ?? null,
    rulebookVersion: inputs.rulebook.version,
    tenantCount: inputs.tenants.length,
    inputsHash: canonicalHash(inputs),
    resultsHash: canonicalHash(results),
    overrides,
    gradeCounts: gradeCounts(applied.input.rulebook, results),
    baselineGradeCounts: gradeCounts(inputs.rulebook.rulebook, baseline),
    changes: scoreChanges(baseline, results),
    results,
  };
}

/** The tenants whose total, rank or grade moved from `baseline` to `results`, in `results` order. */
function scoreChanges(baseline: readonly RunResult[], results: readonly RunResult[]): ScoreChange[] {
  const before = new Map(baseline.map((r) => [r.tenantId, r]));
  const changes: ScoreChange[] = [];
  for (const r of results) {
    const b = before.get(r.tenantId);
    if (!b || (exactTotal(b) === exactTotal(r) && b.rank === r.rank && b.grade === r.grade)) continue;
    changes.push({
      tenantId: r.tenantId,
      name: r.name,
      authorityName: r.authorityName,
      baseline: standing(b),
      whatIf: standing(r),
    });
  }
  return changes;
}

/** The frozen inputs of a stored run of the province-year (422 `body.runId` when there is none). */
async function storedRunInputs(db: Db, provinceId: string, year: number, runId: string): Promise<RunInputs> {
  const run = await findScoringRun(db, provinceId, year, runId);
  if (!run) {
    throw new BusinessRuleError(
      { en: `there is no scoring run ${runId} of ${year}`, zh: `${year}年没有考评批次“${runId}”` },
      {
        errors: [
          fieldError("body.runId", {
            en: "no such scoring run of this province and year",
            zh: "本省本年度没有该考评批次",
          }),
        ],
      },
    );
  }
  return run.payload.inputs;
}
