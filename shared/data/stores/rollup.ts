/**
 * What a provincial rollup reads: the rulebook (one GetItem) and three province-wide gsi1
 * partitions — the province's tenants, the province-year's targets and its latest reports —
 * each a paginated Query. The number of requests grows only with 1 MB pages, never with one
 * request per tenant, and nothing is ever Scanned. The four reads run in parallel.
 */
import type { Db } from "../client";
import { type ReportSummary, reportsOfProvinceYear } from "./reports";
import { findRulebook, type StoredRulebook } from "./rulebooks";
import { type StoredTargets, targetsOfProvinceYear } from "./targets";
import { allTenants, type Tenant } from "./tenancy";

export type RollupTenantRow = Pick<Tenant, "tenantId" | "name" | "displayOrder">;

export interface RollupSources {
  rulebook: StoredRulebook | undefined;
  tenants: RollupTenantRow[];
  targets: StoredTargets[];
  reports: ReportSummary[];
}

/** Every tenant of a province (gsi1 in display order, all pages, no page-size limit). */
export async function tenantsOfProvince(db: Db, provinceId: string): Promise<RollupTenantRow[]> {
  return (await allTenants(db, provinceId)).map(({ tenantId, name, displayOrder }) => ({
    tenantId,
    name,
    displayOrder,
  }));
}

export async function readRollupSources(db: Db, provinceId: string, year: number): Promise<RollupSources> {
  const [rulebook, tenants, targets, reports] = await Promise.all([
    findRulebook(db, provinceId, year),
    tenantsOfProvince(db, provinceId),
    targetsOfProvinceYear(db, provinceId, year),
    reportsOfProvinceYear(db, provinceId, year),
  ]);
  return { rulebook, tenants, targets, reports };
}
