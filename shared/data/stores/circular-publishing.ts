/**
 * The publish transaction of a circular: which items it writes and checks, and what each failed
 * condition means.
 */
import { ConflictError } from "../../lib/errors";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import type { TransactItem } from "../transactions";
import { versionCheck } from "../versioned";

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
