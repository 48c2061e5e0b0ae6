/**
 * A tenant's review for a year (评审): qualitative item scores, bonuses (加分), deductions (扣分)
 * and an optional veto (一票否决). The schema checks the shape (400); `validateReviewAgainstRulebook`
 * checks the business rules against the year's rulebook (422).
 */
import * as z from "zod/mini";
import { dec } from "../lib/decimal";
import type { FieldIssue } from "../lib/errors";
import { multiLineText } from "../lib/safe-text";
import { zodMessage } from "../lib/zod-text";
import type { Rulebook } from "./rulebook";

const reason = (max: number) => multiLineText(max);

// The schemas are built on first use (`z.lazy`), so importing this module builds nothing.

/** One bonus or deduction: positive points with a reason. */
export const adjustmentSchema = z.lazy(() =>
  z.strictObject({
    points: z.number().check(z.gt(0, zodMessage("points must be > 0", "须大于0"))),
    reason: reason(500),
  }),
);

export const vetoSchema = z.lazy(() =>
  z.strictObject({
    reason: reason(500),
  }),
);

export const reviewSchema = z.lazy(() =>
  z.strictObject({
    /** review item code -> score (0..maxScore; the upper bound and the codes are checked against the rulebook) */
    items: z.record(z.string(), z.number().check(z.gte(0, zodMessage("a score must be >= 0", "不能小于0")))),
    bonuses: z._default(z.array(adjustmentSchema).check(z.maxLength(100)), () => []),
    deductions: z._default(z.array(adjustmentSchema).check(z.maxLength(100)), () => []),
    veto: z.optional(vetoSchema),
  }),
);

export type Review = z.output<typeof reviewSchema>;
export type ReviewInput = z.input<typeof reviewSchema>;
export type Adjustment = z.output<typeof adjustmentSchema>;

/** Business rules of a review against the rulebook of its year: known item codes, scores within maxScore (the Chinese names the item). */
export function validateReviewAgainstRulebook(
  review: Review,
  rulebook: Pick<Rulebook, "reviewItems">,
): FieldIssue[] {
  const items = new Map((rulebook.reviewItems ?? []).map((item) => [item.code, item]));
  const errors: FieldIssue[] = [];
  for (const [code, score] of Object.entries(review.items)) {
    const item = items.get(code);
    if (!item) {
      errors.push({
        path: `items.${code}`,
        message: `no review item '${code}' in the rulebook`,
        zh: `考评细则中没有评审项目“${code}”`,
      });
    } else if (dec(score).gt(dec(item.maxScore))) {
      errors.push({
        path: `items.${code}`,
        message: `score ${score} is above the item's maxScore ${item.maxScore}`,
        zh: `${item.name}的得分${score}超过该项满分${item.maxScore}分`,
      });
    }
  }
  return errors;
}
