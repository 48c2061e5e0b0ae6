/**
 * The province's review of a tenant for a year (评审): item scores, bonuses, deductions and an
 * optional veto, versioned under the province's partition (`REVIEW#<y>#<t>`), so a city never
 * owns or reaches it.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Review } from "../../domain/review";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import { putVersion, queryPrefix, type VersionWriteInput } from "../versioned";

export interface StoredReview extends Review {
  provinceId: string;
  tenantId: string;
  year: number;
  version: number;
  reviewedBy: string;
  reviewedAt: string;
}

export function reviewFromItem(item: Record<string, unknown>): StoredReview {
  return {
    provinceId: String(item.provinceId),
    tenantId: String(item.tenantId),
    year: Number(item.year),
    items: (item.items ?? {}) as Review["items"],
    bonuses: (item.bonuses ?? []) as Review["bonuses"],
    deductions: (item.deductions ?? []) as Review["deductions"],
    ...(item.veto ? { veto: item.veto as NonNullable<Review["veto"]> } : {}),
    version: Number(item.version),
    reviewedBy: String(item.reviewedBy),
    reviewedAt: String(item.reviewedAt),
  };
}

export async function findReview(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<StoredReview | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.review(provinceId, year, tenantId) }),
  );
  return out.Item ? reviewFromItem(out.Item) : undefined;
}

export interface PutReviewInput extends VersionWriteInput {
  provinceId: string;
  tenantId: string;
  year: number;
  review: Review;
}

export async function putReview(db: Db, input: PutReviewInput): Promise<StoredReview & { created: boolean }> {
  const { provinceId, tenantId, year, review } = input;
  const data = {
    provinceId,
    tenantId,
    year,
    items: review.items,
    bonuses: review.bonuses,
    deductions: review.deductions,
    ...(review.veto ? { veto: review.veto } : {}),
    reviewedBy: input.by,
    reviewedAt: input.at,
  };
  return putVersion(
    db,
    {
      current: keys.review(provinceId, year, tenantId),
      versionKey: (v) => keys.reviewVersion(provinceId, year, tenantId, v),
      type: ENTITY.review,
      versionType: ENTITY.reviewVersion,
    },
    data,
    input,
  );
}

/** The current review of every tenant of a province-year (one partition, all pages). */
export async function reviewsOfProvinceYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<StoredReview[]> {
  const items = await queryPrefix(db, keys.province(provinceId).pk, keys.reviewPrefix(year));
  return items.map(reviewFromItem);
}

/** Every version of one tenant's review of a year, oldest first (one partition, all pages). */
export async function reviewVersions(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<StoredReview[]> {
  const items = await queryPrefix(
    db,
    keys.province(provinceId).pk,
    keys.reviewVersionPrefix(year, tenantId),
    {
      consistent: true,
    },
  );
  return items.map(reviewFromItem);
}
