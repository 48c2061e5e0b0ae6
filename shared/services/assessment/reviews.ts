/** The province's review of a tenant: item scores within the rulebook's maxScore, adjustments, veto; versioned. */
import type { Db } from "../../data/client";
import { putReview, getReview as readReview, type StoredReview } from "../../data/stores/reviews";
import { type Review, validateReviewAgainstRulebook } from "../../domain/review";
import { BusinessRuleError, inBody, NotFoundError } from "../../lib/errors";
import { type RulebookCheckedInput, withCurrentRulebook } from "./common";

export async function setReview(
  db: Db,
  input: RulebookCheckedInput & { review: Review },
): Promise<StoredReview & { created: boolean }> {
  return withCurrentRulebook(db, input, "reviewing", (rulebook, tenantYear) => {
    const errors = validateReviewAgainstRulebook(input.review, rulebook.rulebook);
    if (errors.length > 0) {
      const first = errors[0]?.message ?? "";
      throw new BusinessRuleError(errors.length === 1 ? first : `${first} (and ${errors.length - 1} more)`, {
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
  if (!review) throw new NotFoundError(`no ${year} review of tenant ${tenantId}`);
  return review;
}
