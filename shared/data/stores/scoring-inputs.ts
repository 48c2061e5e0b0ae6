/**
 * Everything a scoring run reads, with a constant number of requests whatever the number of
 * tenants: one GetItem for the rulebook and one paginated Query each for the province's tenants,
 * the province-year's targets, latest reports (gsi1) and reviews (the province partition). The
 * item shapes are the assessment stores'; this module only gathers them.
 */
import type { Db } from "../client";
import { type ReportSummary, reportsOfProvinceYear } from "./reports";
import { reviewsOfProvinceYear, type StoredReview } from "./reviews";
import { findRulebook, type StoredRulebook } from "./rulebooks";
import { type StoredTargets, targetsOfProvinceYear } from "./targets";
import { allTenants, type Tenant } from "./tenancy";

export interface ScoringSources {
  rulebook: StoredRulebook | undefined;
  tenants: Tenant[];
  targets: StoredTargets[];
  reports: ReportSummary[];
  reviews: StoredReview[];
}

/** The current rulebook, tenants, targets, latest reports and reviews of a province-year (5 reads, in parallel). */
export async function readScoringSources(db: Db, provinceId: string, year: number): Promise<ScoringSources> {
  const [rulebook, tenants, targets, reports, reviews] = await Promise.all([
    findRulebook(db, provinceId, year, { consistent: true }),
    allTenants(db, provinceId),
    targetsOfProvinceYear(db, provinceId, year),
    reportsOfProvinceYear(db, provinceId, year),
    reviewsOfProvinceYear(db, provinceId, year),
  ]);
  return { rulebook, tenants, targets, reports, reviews };
}
