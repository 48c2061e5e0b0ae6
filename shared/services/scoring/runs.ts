/**
 * Stored scoring runs: the frozen inputs scored with the pure engine, stored with their results and
 * both SHA-256 hashes. The same inputs always give the same `inputsHash` and, the engine being
 * deterministic, the same `resultsHash`.
 */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import {
  findScoringRunMeta,
  getScoringRunPayload,
  listScoringRuns,
  type NewScoringRun,
  putScoringRun,
  type ScoringRunMeta,
} from "../../data/stores/scoring-runs";
import type { Rulebook } from "../../domain/rulebook";
import { scoreYear, type TenantResult } from "../../domain/scoring";
import { canonicalHash } from "../../lib/canonical-json";
import { sortableId } from "../../lib/ids";
import { found } from "../found";
import {
  engineInput,
  gatherRunInputs,
  type InputVersions,
  inputVersions,
  type RunInputs,
} from "./run-inputs";

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

/** A run as listed: what it says about itself, without how its payload is stored. */
export type RunSummary = NewScoringRun;

/** A run as the API answers it: its summary, the versions of its inputs and every unit's result. */
export interface ScoringRunResponse extends RunSummary {
  inputVersions: InputVersions;
  results: RunResult[];
}

/** A run as stored: its response and the inputs it was computed from. */
export type ScoringRunWithInputs = ScoringRunResponse & { inputs: RunInputs };

/** The engine's results with the names of the tenants as the inputs froze them. */
export function named(inputs: RunInputs, results: TenantResult[]): RunResult[] {
  const tenants = new Map(inputs.tenants.map((t) => [t.tenantId, t]));
  return results.map((r) => {
    const tenant = tenants.get(r.tenantId);
    return { ...r, name: tenant?.name ?? r.tenantId, authorityName: tenant?.authorityName ?? r.tenantId };
  });
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

/** The run item without how its payload is stored. */
export function toRunSummary(meta: ScoringRunMeta): RunSummary {
  const {
    chunkCount: _chunkCount,
    payloadBytes: _payloadBytes,
    payloadSha256: _payloadSha256,
    ...run
  } = meta;
  return run;
}

/** A stored scoring run of the year's current inputs (201). */
export async function createScoringRun(
  db: Db,
  request: { provinceId: string; year: number; by: string; at: string },
): Promise<ScoringRunResponse> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => createScoringRunOnce(db, request));
}

async function createScoringRunOnce(
  db: Db,
  request: { provinceId: string; year: number; by: string; at: string },
): Promise<ScoringRunResponse> {
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
  return { ...toRunSummary(meta), inputVersions: inputVersions(inputs), results };
}

/** A stored run, its metadata and payload; undefined when there is no such run of the province-year. */
export async function findScoringRun(
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

/** A stored run with its results, the versions of its inputs and the inputs themselves (to re-check); 404 when none. */
export async function getScoringRun(
  db: Db,
  provinceId: string,
  year: number,
  runId: string,
): Promise<ScoringRunWithInputs> {
  const run = found(await findScoringRun(db, provinceId, year, runId), {
    en: `no scoring run ${runId} of ${year}`,
    zh: `没有${year}年度的考评结果“${runId}”。`,
  });
  return {
    ...toRunSummary(run.meta),
    inputVersions: inputVersions(run.payload.inputs),
    results: run.payload.results,
    inputs: run.payload.inputs,
  };
}

/** The province-year's runs, newest first, a page at a time. */
export async function listRuns(
  db: Db,
  provinceId: string,
  year: number,
  page: Parameters<typeof listScoringRuns>[3],
): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const { runs, nextCursor } = await listScoringRuns(db, provinceId, year, page);
  return { runs: runs.map(toRunSummary), nextCursor };
}
