/**
 * Circulars (通报) under the province's partition, `CIRCULAR#<circularId>`. The workflow
 * draft → approved → published is enforced by condition expressions on `status` and `version`
 * (not only by the service's checks), so no edit, approval or publish can land on a circular that
 * left the state it needs. Publishing is one transaction: the circular (hash, publishedAt, public
 * list keys), the year state (`publishedCircularId`, which freezes the year's rulebook), the
 * rulebook's version (the one the results were computed with) and, for a correction, the circular
 * it supersedes.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CircularDocument, UnitScore } from "../../domain/circular";
import { BusinessRuleError, ConflictError, PreconditionFailedError } from "../../lib/errors";
import type { Db } from "../client";
import { openCursor, sealCursor } from "../cursors";
import { stripKeys } from "../items";
import { ENTITY, keys } from "../keys";
import { isConditionalCheckFailed, queryAll, type TransactItem, transact, versionCheck } from "../versioned";

export type CircularStatus = "draft" | "approved" | "published";

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

export interface StoredCircular {
  circularId: string;
  provinceId: string;
  year: number;
  status: CircularStatus;
  version: number;
  runId: string;
  /** the rulebook version of the run: publishing needs it to still be the year's current rulebook */
  rulebookVersion: number;
  /** the document's documentNo, kept beside it for lists */
  documentNo: string;
  document: CircularDocument;
  /** every unit's total and rank in the run, for turning `showScores` on while draft */
  scores: UnitScore[];
  supersedes: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  publishedBy?: string;
  publishedAt?: string;
  /** SHA-256 (hex) of the document's canonical JSON, set when published */
  sha256?: string;
  supersededBy?: string;
  supersededByDocumentNo?: string;
  supersededAt?: string;
}

export type CircularSummary = Omit<StoredCircular, "document" | "scores">;

/** A DynamoDB item is at most 400 KB; keep clear of it with a clear 422 instead of a storage error. */
const MAX_ITEM_BYTES = 380 * 1024;

const SUMMARY_FIELDS = [
  "circularId",
  "provinceId",
  "year",
  "status",
  "version",
  "runId",
  "rulebookVersion",
  "documentNo",
  "supersedes",
  "createdBy",
  "createdAt",
  "updatedBy",
  "updatedAt",
  "approvedBy",
  "approvedAt",
  "publishedBy",
  "publishedAt",
  "sha256",
  "supersededBy",
  "supersededByDocumentNo",
  "supersededAt",
] as const;

function projection(fields: readonly string[]) {
  return {
    ProjectionExpression: fields.map((_, i) => `#p${i}`).join(", "),
    ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#p${i}`, f])),
  };
}

function fromItem(item: Record<string, unknown>): StoredCircular {
  const out = stripKeys(item) as unknown as StoredCircular;
  return { ...out, supersedes: (item.supersedes as string | null | undefined) ?? null };
}

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

export async function findCircular(
  db: Db,
  provinceId: string,
  circularId: string,
  consistent = true,
): Promise<StoredCircular | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.circular(provinceId, circularId),
      ConsistentRead: consistent,
    }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/** A province-year's circulars of every status, oldest first (circular ids are time-sortable); no documents. */
export async function listCircularsOfYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<CircularSummary[]> {
  const { ProjectionExpression, ExpressionAttributeNames } = projection(SUMMARY_FIELDS);
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    FilterExpression: "#year = :year",
    ProjectionExpression,
    ExpressionAttributeNames: { ...ExpressionAttributeNames, "#year": "year" },
    ExpressionAttributeValues: {
      ":pk": keys.province(provinceId).pk,
      ":prefix": "CIRCULAR#",
      ":year": year,
    },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem(item) as CircularSummary);
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
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.circular(update.provinceId, update.circularId),
        UpdateExpression:
          "SET #document = :document, documentNo = :documentNo, #version = :next, updatedAt = :at, updatedBy = :by",
        ConditionExpression: "#status = :draft AND #version = :expected",
        ExpressionAttributeNames: { "#document": "document", "#version": "version", "#status": "status" },
        ExpressionAttributeValues: {
          ":document": update.document,
          ":documentNo": update.document.documentNo,
          ":next": update.expectedVersion + 1,
          ":expected": update.expectedVersion,
          ":draft": "draft",
          ":at": update.at,
          ":by": update.by,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return fromItem(out.Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw await explainFailure(db, update.provinceId, update.circularId, "draft", update.expectedVersion);
    throw error;
  }
}

/** draft → approved, by a province admin who did not create the draft (four-eyes), as a condition. */
export async function approveDraft(
  db: Db,
  approval: { provinceId: string; circularId: string; expectedVersion: number; at: string; by: string },
): Promise<StoredCircular> {
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.circular(approval.provinceId, approval.circularId),
        UpdateExpression:
          "SET #status = :approved, #version = :next, approvedBy = :by, approvedAt = :at, updatedAt = :at, updatedBy = :by",
        ConditionExpression: "#status = :draft AND #version = :expected AND createdBy <> :by",
        ExpressionAttributeNames: { "#version": "version", "#status": "status" },
        ExpressionAttributeValues: {
          ":approved": "approved",
          ":draft": "draft",
          ":next": approval.expectedVersion + 1,
          ":expected": approval.expectedVersion,
          ":at": approval.at,
          ":by": approval.by,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return fromItem(out.Attributes ?? {});
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const now = await findCircular(db, approval.provinceId, approval.circularId);
    if (
      now &&
      now.status === "draft" &&
      now.version === approval.expectedVersion &&
      now.createdBy === approval.by
    )
      throw creatorCannotApprove();
    throw await explainFailure(
      db,
      approval.provinceId,
      approval.circularId,
      "draft",
      approval.expectedVersion,
    );
  }
}

export interface PublishRequest {
  provinceId: string;
  year: number;
  circularId: string;
  expectedVersion: number;
  documentNo: string;
  sha256: string;
  publishedAt: string;
  by: string;
  /** the rulebook version the circular's results were computed with: it must still be the current one */
  rulebookVersion: number;
  supersedes: string | null;
}

/**
 * approved → published, in one transaction:
 * 0. the circular: `status = approved AND version = :v` → published, its hash and publishedAt, and
 *    the public list's gsi1 keys;
 * 1. the year state: `publishedCircularId` (freezes the year's rulebook) — the first circular of a
 *    year, or one that supersedes the year's current circular;
 * 2. the rulebook is still at the version the results were computed with;
 * 3. a correction: the superseded circular is published and not yet superseded → `supersededBy`.
 */
export async function publishApproved(db: Db, request: PublishRequest): Promise<StoredCircular> {
  const { provinceId, year, circularId } = request;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: db.table,
        Key: keys.circular(provinceId, circularId),
        UpdateExpression:
          "SET #status = :published, #version = :next, sha256 = :sha256, publishedAt = :at, publishedBy = :by, " +
          "updatedAt = :at, updatedBy = :by, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk",
        ConditionExpression: "#status = :approved AND #version = :expected",
        ExpressionAttributeNames: { "#version": "version", "#status": "status" },
        ExpressionAttributeValues: {
          ":published": "published",
          ":approved": "approved",
          ":next": request.expectedVersion + 1,
          ":expected": request.expectedVersion,
          ":sha256": request.sha256,
          ":at": request.publishedAt,
          ":by": request.by,
          ":gsi1pk": keys.publishedCircularsOfProvince(provinceId),
          ":gsi1sk": `${request.publishedAt}#${circularId}`,
        },
      },
    },
    {
      Update: {
        TableName: db.table,
        Key: keys.yearState(provinceId, year),
        UpdateExpression:
          "SET #type = :type, provinceId = :p, #year = :y, publishedCircularId = :c, publishedAt = :at",
        ConditionExpression:
          request.supersedes === null
            ? "attribute_not_exists(publishedCircularId)"
            : "attribute_not_exists(publishedCircularId) OR publishedCircularId = :supersedes",
        ExpressionAttributeNames: { "#type": "type", "#year": "year" },
        ExpressionAttributeValues: {
          ":type": ENTITY.yearState,
          ":p": provinceId,
          ":y": year,
          ":c": circularId,
          ":at": request.publishedAt,
          ...(request.supersedes === null ? {} : { ":supersedes": request.supersedes }),
        },
      },
    },
    versionCheck(db, keys.rulebook(provinceId, year), request.rulebookVersion),
    ...(request.supersedes === null
      ? []
      : [
          {
            Update: {
              TableName: db.table,
              Key: keys.circular(provinceId, request.supersedes),
              UpdateExpression: "SET supersededBy = :c, supersededByDocumentNo = :dn, supersededAt = :at",
              ConditionExpression:
                "#status = :published AND #year = :y AND attribute_not_exists(supersededBy)",
              ExpressionAttributeNames: { "#status": "status", "#year": "year" },
              ExpressionAttributeValues: {
                ":c": circularId,
                ":dn": request.documentNo,
                ":at": request.publishedAt,
                ":published": "published",
                ":y": year,
              },
            },
          } satisfies TransactItem,
        ]),
  ];
  await transact(db, items, (index) => {
    switch (index) {
      case 0:
        return new ConflictError({
          en: `circular ${circularId} is no longer approved at version ${request.expectedVersion} (published or changed meanwhile)`,
          zh: `通报“${circularId}”已不再是第${request.expectedVersion}版的已审核通报（可能刚刚被印发或修改）。`,
        });
      case 1:
        return new ConflictError(
          request.supersedes === null
            ? {
                en: `a circular of ${year} is already published; a new one must name it in supersedes`,
                zh: `${year}年度已有印发的通报；新的通报须注明被更正的通报（supersedes）。`,
              }
            : {
                en: `circular ${request.supersedes} is no longer the current circular of ${year}`,
                zh: `通报“${request.supersedes}”已不是${year}年度现行有效的通报。`,
              },
        );
      case 2:
        return new ConflictError({
          en: `the ${year} rulebook changed after the scoring run (it was version ${request.rulebookVersion}); run the scoring again and draft a new circular`,
          zh: `${year}年度考评细则在本次考评后已修改（考评时为第${request.rulebookVersion}版），请重新考评打分并起草新的通报。`,
        });
      case 3:
        return new ConflictError({
          en: `circular ${request.supersedes ?? ""} is not published or is already superseded`,
          zh: `通报“${request.supersedes ?? ""}”尚未印发或已被更正。`,
        });
      default:
        return undefined;
    }
  });
  const published = await findCircular(db, provinceId, circularId);
  if (!published) throw new Error(`circular ${circularId} vanished after publishing`);
  return published;
}

export interface PublishedEntry {
  circularId: string;
  year: number;
  documentNo: string;
  sha256: string;
  publishedAt: string;
  supersedes: string | null;
  supersededBy: string | null;
}

/** The province's published circulars, newest first (gsi1), one page at a time; no documents. */
export async function listPublishedCirculars(
  db: Db,
  provinceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ circulars: PublishedEntry[]; nextCursor: string | null }> {
  const gsi1pk = keys.publishedCircularsOfProvince(provinceId);
  const list = `published-circulars|${provinceId}`;
  const startKey = page.cursor
    ? await openCursor(db, list, page.cursor, {
        pk: keys.province(provinceId).pk,
        sk: (v) => v.startsWith("CIRCULAR#"),
        gsi1pk,
        gsi1sk: (v) => v.length > 0,
      })
    : undefined;
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": gsi1pk },
      ...projection([
        "circularId",
        "year",
        "documentNo",
        "sha256",
        "publishedAt",
        "supersedes",
        "supersededBy",
      ]),
      ScanIndexForward: false,
      Limit: page.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const circulars = (out.Items ?? []).map(
    (item): PublishedEntry => ({
      circularId: String(item.circularId),
      year: Number(item.year),
      documentNo: String(item.documentNo),
      sha256: String(item.sha256),
      publishedAt: String(item.publishedAt),
      supersedes: typeof item.supersedes === "string" ? item.supersedes : null,
      supersededBy: typeof item.supersededBy === "string" ? item.supersededBy : null,
    }),
  );
  return {
    circulars,
    nextCursor: out.LastEvaluatedKey ? await sealCursor(db, list, out.LastEvaluatedKey) : null,
  };
}

/** The year state's `publishedCircularId` (the year's current published circular), if any. */
export async function publishedCircularOfYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.yearState(provinceId, year), ConsistentRead: true }),
  );
  const id = out.Item?.publishedCircularId;
  return typeof id === "string" ? id : undefined;
}
