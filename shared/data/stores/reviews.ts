/**
 * The province's review of a tenant for a year (评审): item scores, bonuses, deductions and an
 * optional veto, versioned under the province's partition (`REVIEW#<y>#<t>`), so a city never
 * owns or reaches it.
 */
import type { Review } from "../../domain/review";
import type { Db } from "../client";
import { parseReview, type StoredReview } from "../entities/review";
import { findItem } from "../items";
import { keys } from "../keys";
import { queryPrefix } from "../queries";
import { listVersions, putVersion, type VersionWriteInput, versionedTarget } from "../versioned";

export type { StoredReview };

/** Which review: a province's of one tenant for a year. */
export interface ReviewKey {
  provinceId: string;
  year: number;
  tenantId: string;
}

export function findReview(db: Db, provinceId: string, year: number, tenantId: string) {
  return findItem(db, keys.review(provinceId, year, tenantId), parseReview);
}

export interface PutReviewInput extends VersionWriteInput, ReviewKey {
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
    versionedTarget("review", keys.review(provinceId, year, tenantId), parseReview),
    data,
    input,
  );
}

/** The current review of every tenant of a province-year (one partition, all pages). */
export async function reviewsOfProvinceYear(db: Db, provinceId: string, year: number) {
  return (await queryPrefix(db, keys.province(provinceId).pk, keys.reviewPrefix(year))).map(parseReview);
}

/** Every version of one tenant's review of a year, oldest first (one partition, all pages). */
export function reviewVersions(db: Db, provinceId: string, year: number, tenantId: string) {
  return listVersions(db, keys.review(provinceId, year, tenantId), parseReview);
}
