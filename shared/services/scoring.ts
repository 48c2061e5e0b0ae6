/**
 * Scoring runs (`shared/domain/scoring/scoring.md`): gather the year's inputs with the version of each, freeze them in
 * a canonical form, score with the pure engine, and store inputs and results together with their
 * SHA-256 hashes. The same inputs always give the same `inputsHash` (no run id or time inside)
 * and, the engine being deterministic, the same `resultsHash`.
 */
import type { Db } from "../data/client";
import { withRetry } from "../data/retry";
import { readScoringSources } from "../data/stores/scoring-inputs";
import {
  findScoringRunMeta,
  getScoringRunPayload,
  listScoringRuns,
  type NewScoringRun,
  putScoringRun,
  type ScoringRunMeta,
  scoringRunsPage,
} from "../data/stores/scoring-runs";
import type { Review } from "../domain/review";
import type { Rulebook } from "../domain/rulebook";
import { applyOverrides, type ScoringInput, scoreYear, type TenantResult } from "../domain/scoring";
import { canonicalHash } from "../lib/canonical-json";
import {
  BusinessRuleError,
  fieldError,
  inBody,
  NotFoundError,
  summarizeErrors,
  ValidationError,
} from "../lib/errors";
import { sortableId } from "../lib/ids";

/** One tenant's inputs as frozen in a run: every value with the version of the item it came from. */
export interface RunTenantInput {
  tenantId: string;
  name: string;
  authorityName: string;
  displayOrder: number;
  targets: { version: number; values: Record<string, number> };
  /** the latest version of every reported period of the year, in period order */
  reports: Array<{ period: string; version: number; values: Record<string, number> }>;
  /** null: not reviewed (every review item scores 0, flagged missing) */
  review: (Review & { version: number }) | null;
}

/** The canonical inputs of a run; `inputsHash` is the SHA-256 of their canonical JSON. */
export interface RunInputs {
  provinceId: string;
  year: number;
  rulebook: { version: number; rulebook: Rulebook };
  /** tenants with targets for the year, sorted by tenantId */
  tenants: RunTenantInput[];
}

/** An explained result (`TenantResult`) with the tenant's names as they were when it was scored. */
export interface RunResult extends TenantResult {
  name: string;
  authorityName: string;
}

/** What a run stores besides its metadata: exactly what was scored and what came out. */
export interface RunPayload {
  inputs: RunInputs;
  results: RunResult[];
}

export interface InputVersions {
  rulebook: number;
  tenants: Array<{
    tenantId: string;
    targets: number;
    reports: Record<string, number>;
    review: number | null;
  }>;
}

/** A run as listed: what it says about itself, without how its payload is stored. */
export type RunSummary = NewScoringRun;

export interface ScoringRunView extends RunSummary {
  inputVersions: InputVersions;
  results: RunResult[];
}

const byId = (a: { tenantId: string }, b: { tenantId: string }) =>
  a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;

/**
 * The year's inputs, read with a constant number of requests: the current rulebook, every
 * tenant that has targets for the year, their latest reports and their reviews.
 */
export async function gatherRunInputs(db: Db, provinceId: string, year: number): Promise<RunInputs> {
  const sources = await readScoringSources(db, provinceId, year);
  if (!sources.rulebook) {
    throw new BusinessRuleError({
      en: `there is no ${year} rulebook to score with; PUT the rulebook first`,
      zh: `${year}年度考评细则尚未发布，无法考评打分，请先发布考评细则。`,
    });
  }
  const tenants = new Map(sources.tenants.map((t) => [t.tenantId, t]));
  const reports = new Map<string, RunTenantInput["reports"]>();
  const periodPattern = new RegExp(`^${year}-(0[1-9]|1[0-2])$`);
  for (const report of sources.reports) {
    if (!periodPattern.test(report.period)) continue;
    const list = reports.get(report.tenantId) ?? [];
    list.push({ period: report.period, version: report.version, values: report.values });
    reports.set(report.tenantId, list);
  }
  const reviews = new Map(sources.reviews.map((r) => [r.tenantId, r]));

  const scored: RunTenantInput[] = [];
  for (const targets of sources.targets) {
    const tenant = tenants.get(targets.tenantId);
    // Targets are only ever set for a tenant of the province; anything else is not scored.
    if (!tenant) continue;
    const review = reviews.get(tenant.tenantId);
    scored.push({
      tenantId: tenant.tenantId,
      name: tenant.name,
      authorityName: tenant.authorityName,
      displayOrder: tenant.displayOrder,
      targets: { version: targets.version, values: targets.targets },
      reports: (reports.get(tenant.tenantId) ?? []).sort((a, b) => (a.period < b.period ? -1 : 1)),
      review: review
        ? {
            version: review.version,
            items: review.items,
            bonuses: review.bonuses,
            deductions: review.deductions,
            ...(review.veto ? { veto: review.veto } : {}),
          }
        : null,
    });
  }
  if (scored.length === 0) {
    throw new BusinessRuleError({
      en: `no tenant has targets for ${year}; set targets before scoring`,
      zh: `尚无单位设置${year}年度目标任务，请先下达目标任务再考评打分。`,
    });
  }
  scored.sort(byId);
  return {
    provinceId,
    year,
    rulebook: { version: sources.rulebook.version, rulebook: sources.rulebook.rulebook },
    tenants: scored,
  };
}

/** The engine's input for the frozen inputs. */
export function engineInput(inputs: RunInputs): ScoringInput {
  return {
    year: inputs.year,
    rulebook: inputs.rulebook.rulebook,
    tenants: inputs.tenants.map((t) => {
      const { version: _version, ...review } = t.review ?? { version: 0 };
      return {
        tenantId: t.tenantId,
        displayOrder: t.displayOrder,
        targets: t.targets.values,
        reports: Object.fromEntries(t.reports.map((r) => [r.period, r.values])),
        ...(t.review ? { review: review as Review } : {}),
      };
    }),
  };
}

function named(inputs: RunInputs, results: TenantResult[]): RunResult[] {
  const tenants = new Map(inputs.tenants.map((t) => [t.tenantId, t]));
  return results.map((r) => {
    const tenant = tenants.get(r.tenantId);
    return { ...r, name: tenant?.name ?? r.tenantId, authorityName: tenant?.authorityName ?? r.tenantId };
  });
}

export function inputVersions(inputs: RunInputs): InputVersions {
  return {
    rulebook: inputs.rulebook.version,
    tenants: inputs.tenants.map((t) => ({
      tenantId: t.tenantId,
      targets: t.targets.version,
      reports: Object.fromEntries(t.reports.map((r) => [r.period, r.version])),
      review: t.review?.version ?? null,
    })),
  };
}

export function gradeCounts(
  rulebook: Rulebook,
  results: readonly { grade: string }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const grade of rulebook.grades) counts[grade.name] = 0;
  for (const r of results) counts[r.grade] = (counts[r.grade] ?? 0) + 1;
  return counts;
}

/** Score the frozen inputs: results (by rank) and both hashes. Pure. */
export function computeRun(inputs: RunInputs): {
  results: RunResult[];
  inputsHash: string;
  resultsHash: string;
} {
  const results = named(inputs, scoreYear(engineInput(inputs)));
  return { results, inputsHash: canonicalHash(inputs), resultsHash: canonicalHash(results) };
}

/** A stored scoring run of the year's current inputs (201). */
export async function createScoringRun(
  db: Db,
  request: { provinceId: string; year: number; by: string; at: string },
): Promise<ScoringRunView> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => createScoringRunOnce(db, request));
}

async function createScoringRunOnce(
  db: Db,
  request: { provinceId: string; year: number; by: string; at: string },
): Promise<ScoringRunView> {
  const inputs = await gatherRunInputs(db, request.provinceId, request.year);
  const { results, inputsHash, resultsHash } = computeRun(inputs);
  const meta = await putScoringRun(
    db,
    {
      runId: sortableId(),
      provinceId: request.provinceId,
      year: request.year,
      createdAt: request.at,
      createdBy: request.by,
      rulebookVersion: inputs.rulebook.version,
      tenantCount: inputs.tenants.length,
      inputsHash,
      resultsHash,
      gradeCounts: gradeCounts(inputs.rulebook.rulebook, results),
    },
    { inputs, results } satisfies RunPayload,
  );
  return { ...summary(meta), inputVersions: inputVersions(inputs), results };
}

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

export interface DryRunView {
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
 * What-if: the year's current inputs scored with overrides of weights, caps, tolerances,
 * thresholds, quotas, targets or limits, without storing anything. Override errors (unknown codes,
 * grades or tenants; a rulebook the overrides make invalid) are 400 with `body.overrides…` paths,
 * as the rulebook's own validation is.
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
): Promise<DryRunView> {
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
    changes,
    results,
  };
}

/** The frozen inputs of a stored run of the province-year (422 `body.runId` when there is none). */
async function storedRunInputs(db: Db, provinceId: string, year: number, runId: string): Promise<RunInputs> {
  const run = await loadScoringRun(db, provinceId, year, runId);
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

/** The run item without how its payload is stored. */
export function summary(meta: ScoringRunMeta): RunSummary {
  const {
    chunkCount: _chunkCount,
    payloadBytes: _payloadBytes,
    payloadSha256: _payloadSha256,
    ...run
  } = meta;
  return run;
}

/** A stored run, its metadata and payload; 404 when there is no such run of the province-year. */
export async function loadScoringRun(
  db: Db,
  provinceId: string,
  year: number,
  runId: string,
): Promise<{ meta: ScoringRunMeta; payload: RunPayload } | undefined> {
  const meta = await findScoringRunMeta(db, provinceId, year, runId);
  if (!meta) return undefined;
  const payload = (await getScoringRunPayload(db, meta)) as RunPayload;
  return { meta, payload };
}

export type StoredRunView = ScoringRunView & { inputs: RunInputs };

/** A stored run with its results, the versions of its inputs and the inputs themselves (to re-check). */
export async function getScoringRun(
  db: Db,
  provinceId: string,
  year: number,
  runId: string,
): Promise<StoredRunView> {
  const run = await loadScoringRun(db, provinceId, year, runId);
  if (!run)
    throw new NotFoundError({
      en: `no scoring run ${runId} of ${year}`,
      zh: `没有${year}年度的考评结果“${runId}”。`,
    });
  return {
    ...summary(run.meta),
    inputVersions: inputVersions(run.payload.inputs),
    results: run.payload.results,
    inputs: run.payload.inputs,
  };
}

export async function listRuns(
  db: Db,
  provinceId: string,
  year: number,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const out = await listScoringRuns(db, provinceId, year, page);
  return { runs: out.runs.map(summary), nextCursor: out.nextCursor };
}

/** How many runs back `tenantScore` looks for one that includes the tenant. */
const SCORE_SEARCH_RUNS = 20;

export interface TenantScoreView {
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
export async function tenantScore(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<TenantScoreView> {
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
