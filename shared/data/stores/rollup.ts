/**
 * What a provincial rollup reads: the rulebook (one GetItem) and three province-wide gsi1
 * partitions — the province's tenants, the province-year's targets and its latest reports —
 * each a paginated Query. The number of requests grows only with 1 MB pages, never with one
 * request per tenant, and nothing is ever Scanned. The four reads run in parallel.
 */
import type { Db } from "../client";
import { keys } from "../keys";
import { queryGsi1 } from "../versioned";
import { type ReportSummary, reportsOfProvinceYear } from "./reports";
import { findRulebook, type StoredRulebook } from "./rulebooks";
import { type StoredTargets, targetsOfProvinceYear } from "./targets";

export interface RollupTenantRow {
  tenantId: string;
  name: string;
  displayOrder: number;
}

export interface RollupSources {
  rulebook: StoredRulebook | undefined;
  tenants: RollupTenantRow[];
  targets: StoredTargets[];
  reports: ReportSummary[];
}

/** Every tenant of a province (gsi1 in display order, all pages, no page-size limit). */
export async function tenantsOfProvince(db: Db, provinceId: string): Promise<RollupTenantRow[]> {
  const items = await queryGsi1(db, keys.tenantsOfProvince(provinceId));
  return items.map((item) => ({
    tenantId: String(item.tenantId),
    name: String(item.name),
    displayOrder: Number(item.displayOrder),
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
