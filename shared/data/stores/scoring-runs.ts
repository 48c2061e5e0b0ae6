/**
 * Scoring runs. A run is one small item (metadata and hashes) under `RUN#<y>#<runId>` plus its
 * payload — the exact inputs with their versions and the explained results — as gzip'd canonical
 * JSON split into chunks of at most 350 KB under `RUNCHUNK#<y>#<runId>#<n>`. All of them are
 * written in ONE TransactWriteItems, so a run of thousands of tenants is a few items, written in
 * one request and read back in two, and a half-written run can never be seen.
 */
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { canonicalJson } from "../../lib/canonical-json";
import { BusinessRuleError, ConflictError } from "../../lib/errors";
import type { Db } from "../client";
import { openCursor, sealCursor } from "../cursors";
import { ENTITY, keys } from "../keys";
import { queryPrefix, type TransactItem, transact } from "../versioned";

/** Largest chunk (a DynamoDB item is at most 400 KB with its keys and attribute names). */
export const CHUNK_BYTES = 350 * 1024;
/** A transaction carries at most 4 MB; the run item and the chunks' keys need a little of it. */
export const MAX_PAYLOAD_BYTES = 10 * CHUNK_BYTES;

/** What a run says about itself: who scored which inputs when, and what came out (by hash). */
export interface NewScoringRun {
  runId: string;
  provinceId: string;
  year: number;
  createdAt: string;
  createdBy: string;
  rulebookVersion: number;
  tenantCount: number;
  inputsHash: string;
  resultsHash: string;
  /** grade name -> number of tenants in it */
  gradeCounts: Record<string, number>;
}

/** The run item: the run and how its payload is stored. */
export interface ScoringRunMeta extends NewScoringRun {
  chunkCount: number;
  /** bytes of the gzip'd payload */
  payloadBytes: number;
  /** SHA-256 of the gzip'd payload, checked on every read */
  payloadSha256: string;
}

const META_FIELDS = [
  "runId",
  "provinceId",
  "year",
  "createdAt",
  "createdBy",
  "rulebookVersion",
  "tenantCount",
  "inputsHash",
  "resultsHash",
  "gradeCounts",
  "chunkCount",
  "payloadBytes",
  "payloadSha256",
] as const;

function metaFromItem(item: Record<string, unknown>): ScoringRunMeta {
  return {
    runId: String(item.runId),
    provinceId: String(item.provinceId),
    year: Number(item.year),
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
    rulebookVersion: Number(item.rulebookVersion),
    tenantCount: Number(item.tenantCount),
    inputsHash: String(item.inputsHash),
    resultsHash: String(item.resultsHash),
    gradeCounts: (item.gradeCounts ?? {}) as Record<string, number>,
    chunkCount: Number(item.chunkCount),
    payloadBytes: Number(item.payloadBytes),
    payloadSha256: String(item.payloadSha256),
  };
}

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

export async function findScoringRunMeta(
  db: Db,
  provinceId: string,
  year: number,
  runId: string,
): Promise<ScoringRunMeta | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.scoringRun(provinceId, year, runId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? metaFromItem(out.Item) : undefined;
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
  const chunks = items.map((item) => {
    const data = item.data;
    if (!(data instanceof Uint8Array)) throw new Error(`scoring run ${meta.runId} has a chunk without data`);
    return data;
  });
  return decodePayload(chunks, meta.payloadSha256);
}

/** One page of a province-year's runs, newest first, from a raw start key (internal paging). */
export async function scoringRunsPage(
  db: Db,
  provinceId: string,
  year: number,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ runs: ScoringRunMeta[]; lastKey: Record<string, unknown> | undefined }> {
  const pk = keys.province(provinceId).pk;
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": keys.scoringRunPrefix(year) },
      ProjectionExpression: META_FIELDS.map((_, i) => `#f${i}`).join(", "),
      ExpressionAttributeNames: Object.fromEntries(META_FIELDS.map((f, i) => [`#f${i}`, f])),
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  // The projection leaves the keys out of the items but not out of LastEvaluatedKey.
  return { runs: (out.Items ?? []).map(metaFromItem), lastKey: out.LastEvaluatedKey };
}

/**
 * A province-year's runs, newest first (run ids are time-sortable), one page at a time; metadata
 * only. Cursors are bound to this province-year's list.
 */
export async function listScoringRuns(
  db: Db,
  provinceId: string,
  year: number,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ runs: ScoringRunMeta[]; nextCursor: string | null }> {
  const list = `scoring-runs|${provinceId}|${year}`;
  const prefix = keys.scoringRunPrefix(year);
  const startKey = page.cursor
    ? await openCursor(db, list, page.cursor, {
        pk: keys.province(provinceId).pk,
        sk: (v) => v.startsWith(prefix),
      })
    : undefined;
  const { runs, lastKey } = await scoringRunsPage(db, provinceId, year, page.limit, startKey);
  return { runs, nextCursor: lastKey ? await sealCursor(db, list, lastKey) : null };
}
