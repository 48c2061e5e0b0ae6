/** The tenant a path names, read from storage (its province is never taken from the caller's claims). */
import type { Db } from "../data/client";
import { findTenant, type Tenant } from "../data/stores/tenancy";
import { NotFoundError } from "../lib/errors";

export function noTenant(tenantId: string): NotFoundError {
  return new NotFoundError({ en: `no tenant ${tenantId}`, zh: `单位“${tenantId}”不存在。` });
}

/** The tenant of the path (404 when unknown); `consistent` to see a write just made. */
export async function getTenant(
  db: Db,
  tenantId: string,
  options: { consistent?: boolean } = {},
): Promise<Tenant> {
  const tenant = await findTenant(db, tenantId, options);
  if (!tenant) throw noTenant(tenantId);
  return tenant;
}
