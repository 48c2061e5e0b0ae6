/**
 * The province's review of a tenant for a year (`PROV#<p>` `REVIEW#<y>#<t>`), versioned
 * (`REVIEWV#<y>#<t>#<v>`); its audit pair reads as `reviewedAt`/`reviewedBy`.
 */
import * as z from "zod/mini";
import { itemParser, tenantYearFields, versionedEntity, versionFields } from "./stored";

const REVIEWED = { at: "reviewedAt", by: "reviewedBy" } as const;

export function storedReviewShape() {
  const adjustment = z.object({ points: z.number(), reason: z.string() });
  return {
    ...tenantYearFields(),
    /** review item code -> score */
    items: z.record(z.string(), z.number()),
    bonuses: z.array(adjustment),
    deductions: z.array(adjustment),
    veto: z.optional(z.object({ reason: z.string() })),
    ...versionFields(REVIEWED),
  };
}

export const reviewEntity = /* @__PURE__ */ versionedEntity(REVIEWED, storedReviewShape);
export const parseReview = /* @__PURE__ */ itemParser(reviewEntity);

export type StoredReview = z.infer<typeof reviewEntity>;
