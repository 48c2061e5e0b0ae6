/** The province's review of a tenant: item scores within the rulebook's maxScore, adjustments, veto; versioned. */
import type { Db } from "../../data/client";
import {
  findReview,
  putReview,
  type ReviewKey,
  reviewVersions as readReviewVersions,
  reviewsOfProvinceYear,
  type StoredReview,
} from "../../data/stores/reviews";
import { tenantsOfProvince } from "../../data/stores/rollup";
import { type Review, validateReviewAgainstRulebook } from "../../domain/review";
import { BusinessRuleError, inBody, summarizeErrors } from "../../lib/errors";
import { found, history } from "../found";
import { type RulebookCheckedInput, withCurrentRulebook } from "./year-rulebook";

export async function setReview(
  db: Db,
  input: RulebookCheckedInput & { review: Review },
): Promise<StoredReview & { created: boolean }> {
  const what = { en: "reviewing", zh: "进行评审打分" };
  return withCurrentRulebook(db, input, what, (rulebook, tenantYear) => {
    const errors = validateReviewAgainstRulebook(input.review, rulebook.rulebook);
    if (errors.length > 0) {
      throw new BusinessRuleError(summarizeErrors(errors, { en: "", zh: "" }, { withPath: false }), {
        errors: inBody(errors),
      });
    }
    return putReview(db, { ...tenantYear, review: input.review });
  });
}

export async function getReview(db: Db, { provinceId, year, tenantId }: ReviewKey): Promise<StoredReview> {
  return found(await findReview(db, provinceId, year, tenantId), {
    en: `no ${year} review of tenant ${tenantId}`,
    zh: `单位“${tenantId}”尚无${year}年度评审结果。`,
  });
}

/** The current review of every tenant of a province-year, tenants in display order (two paginated Queries). */
export async function listProvinceReviews(db: Db, provinceId: string, year: number): Promise<StoredReview[]> {
  const [tenants, reviews] = await Promise.all([
    tenantsOfProvince(db, provinceId),
    reviewsOfProvinceYear(db, provinceId, year),
  ]);
  const order = new Map(tenants.map((t) => [t.tenantId, t.displayOrder]));
  return reviews
    .filter((r) => order.has(r.tenantId))
    .sort((a, b) => (order.get(a.tenantId) ?? 0) - (order.get(b.tenantId) ?? 0));
}

/** Every version of a tenant's review, oldest first; 404 when the tenant has never been reviewed that year. */
export async function getReviewHistory(
  db: Db,
  { provinceId, year, tenantId }: ReviewKey,
): Promise<StoredReview[]> {
  return history(await readReviewVersions(db, provinceId, year, tenantId), {
    en: `no ${year} review of tenant ${tenantId}`,
    zh: `单位“${tenantId}”没有${year}年的考评打分`,
  });
}
