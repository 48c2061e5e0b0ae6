/**
 * Circulars (通报) under the province's partition, `CIRCULAR#<circularId>`. The workflow
 * draft → approved → published is enforced by condition expressions on `status` and `version`
 * (not only by the service's checks), so no edit, approval or publish can land on a circular that
 * left the state it needs. Publishing is one transaction: the circular (hash, publishedAt, public
 * list keys), the year state (`publishedCircularId`, which freezes the year's rulebook), the
 * rulebook's version (the one the results were computed with) and, for a correction, the circular
 * it supersedes.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CircularDocument } from "../../domain/circular";
import { BusinessRuleError, ConflictError, PreconditionFailedError } from "../../lib/errors";
import type { Db } from "../client";
import {
  type CircularStatus,
  type CircularSummary,
  circularSummaryShape,
  type PublishedEntry,
  parseCircular,
  parseCircularSummary,
  parsePublishedEntry,
  parseYearState,
  publishedEntryShape,
  type StoredCircular,
} from "../entities/circular";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { gsi1Query, type PageRequest, prefixQuery, projection, queryAll, queryPage } from "../queries";
import { isConditionalCheckFailed, transact } from "../transactions";
import { type PublishRequest, publishConflict, publishTransaction, takeStep } from "./circular-workflow";

export type { CircularStatus, CircularSummary, PublishedEntry, PublishRequest, StoredCircular };

/** A status as bureau staff name it. */
export const STATUS_ZH: Readonly<Record<CircularStatus, string>> = {
  draft: "草稿",
  approved: "已审核",
  published: "已印发",
};

/** 409: the creator of a draft tried to approve it. */
export function creatorCannotApprove(): ConflictError {
  return new ConflictError({
    en: "the creator of a draft cannot approve it; another province admin must",
    zh: "起草人不能审核自己起草的通报，须由另一名省级管理员审核。",
  });
}

/** A DynamoDB item is at most 400 KB; keep clear of it with a clear 422 instead of a storage error. */
const MAX_ITEM_BYTES = 380 * 1024;

function checkSize(item: Record<string, unknown>): void {
  const bytes = Buffer.byteLength(JSON.stringify(item), "utf8");
  if (bytes > MAX_ITEM_BYTES) {
    throw new BusinessRuleError({
      en: `the circular would take ${bytes} bytes, more than the ${MAX_ITEM_BYTES} one circular can store; shorten its prose or highlights`,
      zh: `该通报共${bytes}字节，超过单份通报可保存的${MAX_ITEM_BYTES}字节上限，请精简正文或工作亮点。`,
    });
  }
}

export async function putNewCircular(db: Db, circular: StoredCircular): Promise<void> {
  const item = {
    ...keys.circular(circular.provinceId, circular.circularId),
    type: ENTITY.circular,
    ...circular,
  };
  checkSize(item);
  try {
    await db.doc.send(
      new PutCommand({ TableName: db.table, Item: item, ConditionExpression: "attribute_not_exists(pk)" }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw new ConflictError({
        en: `circular ${circular.circularId} already exists`,
        zh: `通报“${circular.circularId}”已存在。`,
      });
    throw error;
  }
}

/** A circular, read strongly consistently (every workflow step checks the state it just read). */
export function findCircular(
  db: Db,
  provinceId: string,
  circularId: string,
): Promise<StoredCircular | undefined> {
  return findItem(db, keys.circular(provinceId, circularId), parseCircular, { consistent: true });
}

/** A province-year's circulars of every status, oldest first (circular ids are time-sortable); no documents. */
export async function listCircularsOfYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<CircularSummary[]> {
  const query = prefixQuery(keys.province(provinceId).pk, keys.circularPrefix(), { consistent: true });
  const { ProjectionExpression, ExpressionAttributeNames } = projection(Object.keys(circularSummaryShape()));
  const items = await queryAll(db, {
    ...query,
    FilterExpression: "#year = :year",
    ProjectionExpression,
    ExpressionAttributeNames: { ...ExpressionAttributeNames, "#year": "year" },
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ":year": year },
  });
  return items.map(parseCircularSummary);
}

/** The conditional write failed: say why (409 when the circular left the state, 412 when only the version moved). */
async function explainFailure(
  db: Db,
  provinceId: string,
  circularId: string,
  needed: CircularStatus,
  expectedVersion: number,
): Promise<Error> {
  const now = await findCircular(db, provinceId, circularId);
  if (!now)
    return new ConflictError({
      en: `circular ${circularId} no longer exists`,
      zh: `通报“${circularId}”已不存在。`,
    });
  if (now.status !== needed)
    return new ConflictError({
      en: `circular ${circularId} is ${now.status}, not ${needed}`,
      zh: `通报“${circularId}”当前状态为“${STATUS_ZH[now.status]}”，而非“${STATUS_ZH[needed]}”。`,
    });
  if (now.version !== expectedVersion) {
    return new PreconditionFailedError(
      {
        en: `circular ${circularId} is at version ${now.version}, not ${expectedVersion}; reload it and retry`,
        zh: `通报“${circularId}”当前为第${now.version}版，而非第${expectedVersion}版，请重新加载后再提交。`,
      },
      { extensions: { currentVersion: now.version } },
    );
  }
  return new ConflictError({
    en: `circular ${circularId} cannot change now`,
    zh: `通报“${circularId}”当前无法修改。`,
  });
}

/** A new version of a draft's document: only while `status = draft` and at the expected version. */
export async function updateDraftDocument(
  db: Db,
  update: {
    provinceId: string;
    circularId: string;
    expectedVersion: number;
    document: CircularDocument;
    at: string;
    by: string;
  },
): Promise<StoredCircular> {
  checkSize({ document: update.document });
  const { document, expectedVersion } = update;
  const step = {
    ...update,
    from: "draft",
    to: "draft",
    set: { document, documentNo: document.documentNo },
  } as const;
  const updated = await takeStep(db, step);
  if (updated) return updated;
  throw await explainFailure(db, update.provinceId, update.circularId, "draft", expectedVersion);
}

/** draft → approved, by a province admin who did not create the draft (four-eyes), as a condition. */
export async function approveDraft(
  db: Db,
  approval: { provinceId: string; circularId: string; expectedVersion: number; at: string; by: string },
): Promise<StoredCircular> {
  const { provinceId, circularId, expectedVersion, by } = approval;
  const approved = await takeStep(db, {
    ...approval,
    from: "draft",
    to: "approved",
    set: { approvedBy: approval.by, approvedAt: approval.at },
    condition: "createdBy <> :by",
  });
  if (approved) return approved;
  const now = await findCircular(db, provinceId, circularId);
  if (now && now.status === "draft" && now.version === expectedVersion && now.createdBy === by)
    throw creatorCannotApprove();
  throw await explainFailure(db, provinceId, circularId, "draft", expectedVersion);
}

/** approved → published, in one transaction (`circular-workflow.ts`), answered as published. */
export async function publishApproved(db: Db, request: PublishRequest): Promise<StoredCircular> {
  await transact(db, publishTransaction(db, request), (index) => publishConflict(index, request));
  const published = await findCircular(db, request.provinceId, request.circularId);
  if (!published) throw new Error(`circular ${request.circularId} vanished after publishing`);
  return published;
}

/** The province's published circulars, newest first (gsi1), one page at a time; no documents. */
export async function listPublishedCirculars(
  db: Db,
  provinceId: string,
  page: PageRequest,
): Promise<{ circulars: PublishedEntry[]; nextCursor: string | null }> {
  const gsi1pk = keys.publishedCircularsOfProvince(provinceId);
  const query = {
    ...gsi1Query(gsi1pk, { descending: true }),
    ...projection(Object.keys(publishedEntryShape())),
  };
  const startKey = {
    pk: keys.province(provinceId).pk,
    sk: (v: string) => v.startsWith(keys.circularPrefix()),
    gsi1pk,
    gsi1sk: (v: string) => v.length > 0,
  };
  const list = `published-circulars|${provinceId}`;
  const { items: circulars, nextCursor } = await queryPage(db, page, {
    list,
    query,
    startKey,
    parse: parsePublishedEntry,
  });
  return { circulars, nextCursor };
}

/** The year state's `publishedCircularId` (the year's current published circular), if any. */
export async function publishedCircularOfYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<string | undefined> {
  const state = await findItem(db, keys.yearState(provinceId, year), parseYearState, { consistent: true });
  return state?.publishedCircularId;
}
