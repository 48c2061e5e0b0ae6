/** Public: the city's catalogue in force on a date and the entitlement calculator (no `writtenBy`). */
import type { Db } from "../../data/client";
import {
  listLocalProgramVersions,
  listProgramVersions,
  listTopUpVersions,
} from "../../data/stores/subsidies";
import { findTenant } from "../../data/stores/tenancy";
import {
  buildCatalogue,
  type Catalogue,
  calculateEntitlements,
  type Entitlements,
  type Profile,
} from "../../domain/subsidies";
import { noTenant } from "../tenants";

/**
 * The city's catalogue in force on `date`, in a constant number of requests: the tenant item
 * (404 if unknown) and the tenant's `TOPUP#` and `LOCALPROG#` versions together, then the
 * province's `PROGRAM#` versions.
 */
export async function getPublicCatalogue(
  db: Db,
  tenantId: string,
  date: string,
): Promise<Catalogue & { tenantName: string }> {
  const [tenant, topUps, localPrograms] = await Promise.all([
    findTenant(db, tenantId),
    listTopUpVersions(db, tenantId),
    listLocalProgramVersions(db, tenantId),
  ]);
  if (!tenant) throw noTenant(tenantId);
  const provincePrograms = await listProgramVersions(db, tenant.provinceId);
  return { tenantName: tenant.name, ...buildCatalogue({ provincePrograms, topUps, localPrograms, date }) };
}

/** What `profile` is entitled to in the city on `date`, and why (404 for an unknown city). */
export async function getPublicEntitlements(
  db: Db,
  tenantId: string,
  profile: Profile,
  date: string,
): Promise<Entitlements> {
  return calculateEntitlements(await getPublicCatalogue(db, tenantId, date), profile, date);
}
