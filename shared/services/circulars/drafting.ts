/** A new draft circular, built from a stored scoring run of the province-year and the cities' highlights. */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import { findCircular, putNewCircular, type StoredCircular } from "../../data/stores/circulars";
import { highlightsOfProvinceYear } from "../../data/stores/highlights";
import { findProvince } from "../../data/stores/tenancy";
import { buildCircularDocument, type CircularProse, type CityHighlights } from "../../domain/circular";
import { sortableId } from "../../lib/ids";
import { findScoringRun } from "../scoring";
import { noProvince } from "./reads";
import { type CircularResponse, toCircularResponse } from "./responses";
import { buildOrRefuse, checkSupersedes, unknownRun } from "./validation";

export interface CreateCircularRequest {
  provinceId: string;
  year: number;
  by: string;
  at: string;
  runId: string;
  prose: CircularProse;
  supersedes?: string | null | undefined;
}

/**
 * A draft from a stored run of the same province-year: it snapshots the run's results, the units
 * (names, authority names and order as the run scored them), the rulebook's title, document number
 * and grades, and every city's current highlights. An unknown run, or a `supersedes` that is not a
 * published, not yet superseded circular of the same year, is 422 (they are references in the body).
 */
export async function createCircular(db: Db, request: CreateCircularRequest): Promise<CircularResponse> {
  // re-run whole when it loses a race (the one retry policy: shared/data/retry.ts)
  return withRetry(() => createCircularOnce(db, request));
}

async function createCircularOnce(db: Db, request: CreateCircularRequest): Promise<CircularResponse> {
  const { provinceId, year } = request;
  const [run, province, highlightItems, superseded] = await Promise.all([
    findScoringRun(db, provinceId, year, request.runId),
    findProvince(db, provinceId),
    highlightsOfProvinceYear(db, provinceId, year),
    request.supersedes ? findCircular(db, provinceId, request.supersedes) : Promise.resolve(undefined),
  ]);
  if (!run) throw unknownRun(request.runId, year);
  if (!province) throw noProvince(provinceId);
  if (request.supersedes) checkSupersedes(superseded, year);

  const highlights: Record<string, CityHighlights> = {};
  for (const h of highlightItems) {
    highlights[h.tenantId] = {
      ...(h.employment !== undefined ? { employment: h.employment } : {}),
      ...(h.entrepreneurship !== undefined ? { entrepreneurship: h.entrepreneurship } : {}),
    };
  }
  const { inputs, results } = run.payload;
  const rulebook = inputs.rulebook.rulebook;
  const circularId = sortableId();
  const document = buildOrRefuse(() =>
    buildCircularDocument({
      circularId,
      province: { id: provinceId, authorityName: province.fullAuthorityName ?? province.authorityName },
      year,
      rulebook: { title: rulebook.title, documentNo: rulebook.documentNo, grades: rulebook.grades },
      tenants: inputs.tenants.map((t) => ({
        id: t.tenantId,
        name: t.name,
        authorityName: t.authorityName,
        displayOrder: t.displayOrder,
      })),
      results: results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank, grade: r.grade })),
      highlights,
      prose: request.prose,
      supersedes: request.supersedes ?? null,
    }),
  );
  const circular: StoredCircular = {
    circularId,
    provinceId,
    year,
    status: "draft",
    version: 1,
    runId: run.meta.runId,
    rulebookVersion: run.meta.rulebookVersion,
    documentNo: document.documentNo,
    document,
    scores: results.map((r) => ({ tenantId: r.tenantId, total: r.total, rank: r.rank })),
    supersedes: request.supersedes ?? null,
    createdBy: request.by,
    createdAt: request.at,
    updatedBy: request.by,
    updatedAt: request.at,
  };
  await putNewCircular(db, circular);
  return toCircularResponse(circular);
}
