/**
 * The province's review of a tenant for a year (`PROV#<p>` `REVIEW#<y>#<t>`), versioned
 * (`REVIEWV#<y>#<t>#<v>`); its audit pair reads as `reviewedAt`/`reviewedBy`.
 */
import * as z from "zod/mini";
import { itemParser, withAuditAs } from "./stored";

export function storedReviewShape() {
  const adjustment = z.object({ points: z.number(), reason: z.string() });
  return {
    provinceId: z.string(),
    tenantId: z.string(),
    year: z.number(),
    /** review item code -> score */
    items: z.record(z.string(), z.number()),
    bonuses: z.array(adjustment),
    deductions: z.array(adjustment),
    veto: z.optional(z.object({ reason: z.string() })),
    version: z.number(),
    reviewedBy: z.string(),
    reviewedAt: z.string(),
  };
}

export const reviewEntity = z.lazy(() =>
  withAuditAs({ at: "reviewedAt", by: "reviewedBy" }, z.object(storedReviewShape())),
);

export type StoredReview = z.infer<typeof reviewEntity>;

export const parseReview = itemParser(reviewEntity);
