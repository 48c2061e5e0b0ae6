/** The province's review of a city: item scores, bonuses, deductions, veto. */
import * as z from "zod/mini";
import { PROVINCE_ROLES } from "../../../shared/domain/principal";
import { reviewSchema } from "../../../shared/domain/review";
import { declareRoutes, lazySchema } from "../../http/route";
import { listOf, stamp, versionField } from "../../http/schemas";
import { provinceYear, provinceYearTenant } from "./params";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const reviewResponse = lazySchema(() => {
  const adjustment = z.object({ points: z.number(), reason: z.string() });
  return z.object({
    provinceId: z.string(),
    tenantId: z.string(),
    year: z.int(),
    items: z.record(z.string(), z.number()),
    bonuses: z.array(adjustment),
    deductions: z.array(adjustment),
    veto: z.optional(z.object({ reason: z.string() })),
    version: versionField,
    ...stamp("reviewed"),
  });
});

export const reviewsRoutes = declareRoutes({
  putReview: {
    method: "PUT",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}",
    summary: "Review a city: item scores, bonuses, deductions, veto",
    tags: ["reviews"],
    access: { roles: ["province-reviewer", "province-admin"] },
    params: provinceYearTenant,
    body: reviewSchema,
    response: reviewResponse,
    alsoStatus: [201],
    versioned: true,
  },
  getReview: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}",
    summary: "A city's review",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYearTenant,
    response: reviewResponse,
    versioned: true,
  },
  listReviews: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews",
    summary: "The current review of every reviewed unit of the year, units in display order",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    response: listOf("reviews", reviewResponse),
  },
  listReviewVersions: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/reviews/{t}/versions",
    summary: "Every version of a unit's review, oldest first",
    tags: ["reviews"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYearTenant,
    response: listOf("versions", reviewResponse),
  },
});
