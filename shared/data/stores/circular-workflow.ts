/**
 * The steps of a circular's workflow as conditional updates — each moves a circular from one
 * status at an expected version to the next version, so no step lands on a circular that left the
 * state it needs — and the publish transaction: which items it writes and checks, and what each
 * failed condition means.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "../../lib/errors";
import type { Db } from "../client";
import { type CircularStatus, parseCircular, type StoredCircular } from "../entities/circular";
import { ENTITY, keys } from "../keys";
import { isConditionalCheckFailed, type TransactItem } from "../transactions";
import { versionCheck } from "../versioned";

/** One step: the circular at `from` and `expectedVersion` moves to `to`, by `by` at `at`, setting `set` too. */
export interface WorkflowStep {
  provinceId: string;
  circularId: string;
  from: CircularStatus;
  to: CircularStatus;
  expectedVersion: number;
  at: string;
  by: string;
  /** further attributes the step sets */
  set?: Record<string, unknown>;
  /** a further condition (it may use `:by` and `:at`) */
  condition?: string;
}

/** A step as the fields of an UpdateItem (or of a transaction's Update). */
export function stepUpdate(db: Db, step: WorkflowStep) {
  const set = Object.entries(step.set ?? {});
  return {
    TableName: db.table,
    Key: keys.circular(step.provinceId, step.circularId),
    UpdateExpression: [
      "SET #status = :to, #version = :next, updatedAt = :at, updatedBy = :by",
      ...set.map((_, i) => `#f${i} = :f${i}`),
    ].join(", "),
    ConditionExpression: [
      "#status = :from AND #version = :expected",
      ...(step.condition ? [step.condition] : []),
    ].join(" AND "),
    ExpressionAttributeNames: {
      "#status": "status",
      "#version": "version",
      ...Object.fromEntries(set.map(([name], i) => [`#f${i}`, name])),
    },
    ExpressionAttributeValues: {
      ":from": step.from,
      ":to": step.to,
      ":expected": step.expectedVersion,
      ":next": step.expectedVersion + 1,
      ":at": step.at,
      ":by": step.by,
      ...Object.fromEntries(set.map(([, value], i) => [`:f${i}`, value])),
    },
  };
}

/** Take a step; the circular as it is after it, or undefined when its condition failed. */
export async function takeStep(db: Db, step: WorkflowStep): Promise<StoredCircular | undefined> {
  try {
    const out = await db.doc.send(new UpdateCommand({ ...stepUpdate(db, step), ReturnValues: "ALL_NEW" }));
    return parseCircular(out.Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
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
export function publishTransaction(db: Db, request: PublishRequest): TransactItem[] {
  const { provinceId, year, circularId } = request;
  return [
    {
      Update: stepUpdate(db, {
        provinceId,
        circularId,
        from: "approved",
        to: "published",
        expectedVersion: request.expectedVersion,
        at: request.publishedAt,
        by: request.by,
        set: {
          sha256: request.sha256,
          publishedAt: request.publishedAt,
          publishedBy: request.by,
          gsi1pk: keys.publishedCircularsOfProvince(provinceId),
          gsi1sk: `${request.publishedAt}#${circularId}`,
        },
      }),
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
}

/** The conflict a failed item of the publish transaction stands for (by its index, see above). */
export function publishConflict(index: number, request: PublishRequest): ConflictError | undefined {
  const { year, circularId } = request;
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
}
