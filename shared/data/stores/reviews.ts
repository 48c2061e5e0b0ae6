/**
 * The province's review of a tenant for a year (评审): item scores, bonuses, deductions and an
 * optional veto, versioned under the province's partition (`REVIEW#<y>#<t>`), so a city never
 * owns or reaches it.
 */
import type { Review } from "../../domain/review";
import type { Db } from "../client";
import { parseReview, type StoredReview } from "../entities/review";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { queryPrefix } from "../queries";
import { putVersion, type VersionWriteInput } from "../versioned";

export type { StoredReview };

export function findReview(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<StoredReview | undefined> {
  return findItem(db, keys.review(provinceId, year, tenantId), parseReview);
}

export interface PutReviewInput extends VersionWriteInput {
  provinceId: string;
  tenantId: string;
  year: number;
  review: Review;
}

export function putReview(db: Db, input: PutReviewInput): Promise<StoredReview & { created: boolean }> {
  const { provinceId, tenantId, year, review } = input;
  const data = {
    provinceId,
    tenantId,
    year,
    items: review.items,
    bonuses: review.bonuses,
    deductions: review.deductions,
    ...(review.veto ? { veto: review.veto } : {}),
  };
  return putVersion(
    db,
    {
      current: keys.review(provinceId, year, tenantId),
      versionKey: (v) => keys.reviewVersion(provinceId, year, tenantId, v),
      type: ENTITY.review,
      versionType: ENTITY.reviewVersion,
      parse: parseReview,
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
  return items.map(parseReview);
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
  return items.map(parseReview);
}
