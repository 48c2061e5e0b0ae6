/**
 * The pipeline's dependencies in a deployed (or local) function: the process-wide table client,
 * a tenant → province cache, and the authenticator.
 */
import { dbFromEnv } from "../../shared/data/client";
import { verifyApiKey } from "../../shared/data/stores/api-keys";
import { checkRateLimit } from "../../shared/data/stores/rate-limit";
import { tenantProvince } from "../../shared/data/stores/tenancy";
import { createAuthenticator } from "../authorizer/authenticate";
import { remoteJwks } from "../authorizer/remote-jwks";
import type { Authenticate } from "./auth-context";
import { httpConfig } from "./config";
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

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

/**
 * The deployed authenticator: the issuer and audience from the configuration, the issuer's keys
 * fetched from its JWKS URL (cached per instance), API keys checked in the table on every request
 * and rate-limited per key (API_KEY_RATE_PER_MINUTE; 0 = unlimited).
 */
function authenticatorFromConfig(): Authenticate {
  const { oidc, apiKeyRatePerMinute: perMinute } = httpConfig();
  const issuer = required(oidc.issuer, "OIDC_ISSUER");
  const audience = required(oidc.audience, "OIDC_AUDIENCE");
  const jwksUri = oidc.jwksUri ?? `${issuer.replace(/\/$/, "")}/.well-known/jwks.json`;
  return createAuthenticator({
    oidc: { issuer, audience, keys: remoteJwks(new URL(jwksUri)) },
    verifyApiKey: (key) => verifyApiKey(dbFromEnv(), key),
    ...(perMinute > 0 ? { rateLimit: (key) => checkRateLimit(dbFromEnv(), key, perMinute) } : {}),
  });
}

let authenticator: Authenticate | undefined;

/** Replace the process-wide authenticator (the local stack verifies its development issuer's tokens). */
export function setAuthenticator(replacement: Authenticate | undefined): void {
  authenticator = replacement;
}

export const pipelineDeps: PipelineDeps = {
  tenantProvince: cachedTenantProvince,
  authenticate: (headers) => {
    authenticator ??= authenticatorFromConfig();
    return authenticator(headers);
  },
  tableClient: () => dbFromEnv().doc,
};
