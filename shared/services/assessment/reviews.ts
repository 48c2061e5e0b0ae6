/** The province's review of a tenant: item scores within the rulebook's maxScore, adjustments, veto; versioned. */
import type { Db } from "../../data/client";
import { putReview, getReview as readReview, type StoredReview } from "../../data/stores/reviews";
import { type Review, validateReviewAgainstRulebook } from "../../domain/review";
import { BusinessRuleError, inBody, NotFoundError, summarizeErrors } from "../../lib/errors";
import { type RulebookCheckedInput, withCurrentRulebook } from "./common";

export async function setReview(
  db: Db,
  input: RulebookCheckedInput & { review: Review },
): Promise<StoredReview & { created: boolean }> {
  const what = { en: "reviewing", zh: "进行评审打分" };
  return withCurrentRulebook(db, input, what, (rulebook, tenantYear) => {
    const errors = validateReviewAgainstRulebook(input.review, rulebook.rulebook);
    if (errors.length > 0) {
      throw new BusinessRuleError(summarizeErrors(errors, { en: "", zh: "" }, false), {
        errors: inBody(errors),
      });
    }
    return putReview(db, { ...tenantYear, review: input.review });
  });
}

export async function getReview(
  db: Db,
  provinceId: string,
  year: number,
  tenantId: string,
): Promise<StoredReview> {
  const review = await readReview(db, provinceId, year, tenantId);
  if (!review)
    throw new NotFoundError({
      en: `no ${year} review of tenant ${tenantId}`,
      zh: `单位“${tenantId}”尚无${year}年度评审结果。`,
    });
  return review;
}
