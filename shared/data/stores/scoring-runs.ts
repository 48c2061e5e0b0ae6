/**
 * Scoring runs. A run is one small item (metadata and hashes) under `RUN#<y>#<runId>` plus its
 * payload — the exact inputs with their versions and the explained results — as gzip'd canonical
 * JSON split into chunks of at most 350 KB under `RUNCHUNK#<y>#<runId>#<n>`. All of them are
 * written in ONE TransactWriteItems, so a run of thousands of tenants is a few items, written in
 * one request and read back in two, and a half-written run can never be seen.
 */
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { canonicalJson } from "../../lib/canonical-json";
import { BusinessRuleError, ConflictError } from "../../lib/errors";
import type { Db } from "../client";
import {
  type NewScoringRun,
  parseScoringRun,
  parseScoringRunChunk,
  type ScoringRunMeta,
  scoringRunShape,
} from "../entities/scoring-run";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { type PageRequest, prefixQuery, projection, queryOnePage, queryPage, queryPrefix } from "../queries";
import { type TransactItem, transact } from "../transactions";

export type { NewScoringRun, ScoringRunMeta };

/** Largest chunk (a DynamoDB item is at most 400 KB with its keys and attribute names). */
export const CHUNK_BYTES = 350 * 1024;
/** A transaction carries at most 4 MB; the run item and the chunks' keys need a little of it. */
export const MAX_PAYLOAD_BYTES = 10 * CHUNK_BYTES;

/** The payload as stored: gzip'd canonical JSON cut into chunks. */
export function encodePayload(payload: unknown): { chunks: Buffer[]; bytes: number; sha256: string } {
  const zipped = gzipSync(Buffer.from(canonicalJson(payload), "utf8"), { level: 9 });
  const chunks: Buffer[] = [];
  for (let at = 0; at < zipped.length; at += CHUNK_BYTES) chunks.push(zipped.subarray(at, at + CHUNK_BYTES));
  return { chunks, bytes: zipped.length, sha256: createHash("sha256").update(zipped).digest("hex") };
}

export function decodePayload(chunks: readonly Uint8Array[], expectedSha256: string): unknown {
  const zipped = Buffer.concat(chunks.map((c) => Buffer.from(c)));
  const sha256 = createHash("sha256").update(zipped).digest("hex");
  if (sha256 !== expectedSha256)
    throw new Error("a stored scoring run's payload does not match its checksum");
  return JSON.parse(gunzipSync(zipped).toString("utf8"));
}

/** Store a run and its payload in one transaction (the run id must be new). */
export async function putScoringRun(db: Db, run: NewScoringRun, payload: unknown): Promise<ScoringRunMeta> {
  const { chunks, bytes, sha256 } = encodePayload(payload);
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new BusinessRuleError({
      en: `the run's compressed payload is ${bytes} bytes, more than the ${MAX_PAYLOAD_BYTES} bytes one run can store`,
      zh: `本次考评数据压缩后为${bytes}字节，超过单次考评可保存的${MAX_PAYLOAD_BYTES}字节上限。`,
    });
  }
  const meta: ScoringRunMeta = {
    ...run,
    chunkCount: chunks.length,
    payloadBytes: bytes,
    payloadSha256: sha256,
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.table,
        Item: { ...keys.scoringRun(run.provinceId, run.year, run.runId), type: ENTITY.scoringRun, ...meta },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    ...chunks.map(
      (data, index): TransactItem => ({
        Put: {
          TableName: db.table,
          Item: {
            ...keys.scoringRunChunk(run.provinceId, run.year, run.runId, index),
            type: ENTITY.scoringRunChunk,
            runId: run.runId,
            index,
            data,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      }),
    ),
  ];
  await transact(
    db,
    items,
    () =>
      new ConflictError({
        en: `scoring run ${run.runId} already exists`,
        zh: `考评结果“${run.runId}”已存在。`,
      }),
  );
  return meta;
}

export function findScoringRunMeta(
  db: Db,
  provinceId: string,
  year: number,
  runId: string,
): Promise<ScoringRunMeta | undefined> {
  return findItem(db, keys.scoringRun(provinceId, year, runId), parseScoringRun, { consistent: true });
}

/** A run's payload (one Query over its chunks; a run's chunks are written with it, never after). */
export async function getScoringRunPayload(db: Db, meta: ScoringRunMeta): Promise<unknown> {
  const items = await queryPrefix(
    db,
    keys.scoringRun(meta.provinceId, meta.year, meta.runId).pk,
    keys.scoringRunChunkPrefix(meta.year, meta.runId),
    { consistent: true },
  );
  if (items.length !== meta.chunkCount) {
    throw new Error(`scoring run ${meta.runId} has ${items.length} of its ${meta.chunkCount} chunks`);
  }
  const chunks = items.map((item) => parseScoringRunChunk(item).data);
  return decodePayload(chunks, meta.payloadSha256);
}

/** The Query of a province-year's run items, newest first, metadata only. */
function runsQuery(provinceId: string, year: number) {
  return {
    ...prefixQuery(keys.province(provinceId).pk, keys.scoringRunPrefix(year), {
      consistent: true,
      descending: true,
    }),
    ...projection(Object.keys(scoringRunShape())),
  };
}

/** One page of a province-year's runs, newest first, from a raw start key (internal paging). */
export async function scoringRunsPage(
  db: Db,
  provinceId: string,
  year: number,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ runs: ScoringRunMeta[]; lastKey: Record<string, unknown> | undefined }> {
  const { items, lastKey } = await queryOnePage(db, runsQuery(provinceId, year), limit, startKey);
  return { runs: items.map(parseScoringRun), lastKey };
}

/**
 * A province-year's runs, newest first (run ids are time-sortable), one page at a time; metadata
 * only. Cursors are bound to this province-year's list.
 */
export async function listScoringRuns(
  db: Db,
  provinceId: string,
  year: number,
  page: PageRequest,
): Promise<{ runs: ScoringRunMeta[]; nextCursor: string | null }> {
  const prefix = keys.scoringRunPrefix(year);
  const { items: runs, nextCursor } = await queryPage(db, page, {
    list: `scoring-runs|${provinceId}|${year}`,
    query: runsQuery(provinceId, year),
    startKey: { pk: keys.province(provinceId).pk, sk: (v) => v.startsWith(prefix) },
    parse: parseScoringRun,
  });
  return { runs, nextCursor };
}
