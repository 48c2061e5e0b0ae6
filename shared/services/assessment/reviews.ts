/** The province's review of a tenant: item scores within the rulebook's maxScore, adjustments, veto; versioned. */
import type { Db } from "../../data/client";
import { putReview, getReview as readReview, type StoredReview } from "../../data/stores/reviews";
import { rulebookUnchanged } from "../../data/stores/rulebooks";
import { type Review, validateReviewAgainstRulebook } from "../../domain/review";
import { nowIso } from "../../lib/clock";
import { BusinessRuleError, NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import { type Actor, requireRulebook, StaleReadError, withRetry } from "./common";

export async function setReview(
  db: Db,
  input: {
    provinceId: string;
    tenantId: string;
    year: number;
    review: Review;
    ifMatch: IfMatch | undefined;
    actor: Actor;
  },
): Promise<StoredReview & { created: boolean }> {
  const { provinceId, tenantId, year } = input;
  return withRetry(async () => {
    const rulebook = await requireRulebook(db, provinceId, year, "reviewing");
    const errors = validateReviewAgainstRulebook(input.review, rulebook.rulebook);
    if (errors.length > 0) {
      const first = errors[0]?.message ?? "";
      throw new BusinessRuleError(errors.length === 1 ? first : `${first} (and ${errors.length - 1} more)`, {
        errors: errors.map((e) => ({ ...e })),
      });
    }
    return putReview(db, {
      provinceId,
      tenantId,
      year,
      review: input.review,
      ifMatch: input.ifMatch,
      at: nowIso(),
      by: input.actor.sub,
      conditions: [
        rulebookUnchanged(
          db,
          rulebook,
          () => new StaleReadError(`the ${year} rulebook changed meanwhile; retry`),
        ),
      ],
    });
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
