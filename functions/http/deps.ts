/** The pipeline's dependencies in a deployed (or local) function: the process-wide table client. */
import { dbFromEnv } from "../../shared/data/client";
import { tenantProvince } from "../../shared/data/stores/tenancy";
import type { PipelineDeps } from "./pipeline";

/**
 * Tenant → province, remembered per instance. A tenant never changes province (ids are global and
 * a PUT under another province is 409) and is never deleted, so a province once read stays true;
 * "no such tenant" is not remembered, since the tenant may be created next. Used by the access
 * check of city tokens and of province roles acting on a tenant.
 */
const KNOWN_LIMIT = 1000;
const known = new Map<string, string>();

async function cachedTenantProvince(tenantId: string): Promise<string | null> {
  const db = dbFromEnv();
  // by table too: tests and the local stack may point one process at several tables
  const key = `${db.table}\u0000${tenantId}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const provinceId = await tenantProvince(db, tenantId);
  if (provinceId !== null) {
    if (known.size >= KNOWN_LIMIT) known.delete(known.keys().next().value as string);
    known.set(key, provinceId);
  }
  return provinceId;
}

export const pipelineDeps = (): PipelineDeps => ({ tenantProvince: cachedTenantProvince });
