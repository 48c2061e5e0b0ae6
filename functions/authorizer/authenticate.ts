/**
 * Credentials → principal. The one piece of logic behind the Lambda authorizer and the local
 * stack: a bearer JWT verified against the configured issuer's keys (signature, issuer,
 * audience, expiry; `alg: none` and unknown algorithms refused), or an integration API key.
 */
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import * as z from "zod/mini";
import { isStorageUnavailable } from "../../shared/data/infra-errors";
import type { VerifiedKey } from "../../shared/data/stores/api-keys";
import { missingScope, type Principal, principalSchema, ROLES } from "../../shared/domain/principal";
import { now } from "../../shared/lib/clock";
import { type AuthContext, authenticatedContext } from "../http/auth-context";

export interface OidcSettings {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

export interface AuthenticatorDeps {
  oidc: OidcSettings;
  verifyApiKey(key: string): Promise<VerifiedKey | undefined>;
  /** per-key rate limit; absent means unlimited */
  rateLimit?(key: VerifiedKey): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

const ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"];

/** Custom claims as they come from Cognito (`custom:role`) or any other issuer (`role`). */
const claimsSchema = z.looseObject({
  sub: z.string().check(z.minLength(1)),
  role: z.optional(z.string()),
  provinceId: z.optional(z.string()),
  tenantId: z.optional(z.string()),
  "custom:role": z.optional(z.string()),
  "custom:provinceId": z.optional(z.string()),
  "custom:tenantId": z.optional(z.string()),
});

export function principalFromClaims(payload: JWTPayload): Principal | string {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return "the token has no subject";
  const c = claims.data;
  const role = c.role ?? c["custom:role"];
  if (!role || !(ROLES as readonly string[]).includes(role)) return "the token has no known role";
  if (role === "integration") return "the integration role is for API keys only";
  const candidate = {
    sub: c.sub,
    role,
    provinceId: c.provinceId ?? c["custom:provinceId"],
    tenantId: c.tenantId ?? c["custom:tenantId"],
    kind: "user" as const,
  };
  const principal = principalSchema.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!principal.success) return "the token's claims are malformed";
  const missing = missingScope(principal.data);
  return missing ?? principal.data;
}

export function createAuthenticator(deps: AuthenticatorDeps) {
  return async function authenticate(
    headers: Readonly<Record<string, string | undefined>>,
  ): Promise<AuthContext> {
    const authorization = headers.authorization;
    const apiKey = headers["x-api-key"];
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1])
        return { outcome: "refused", reason: "the Authorization header must be 'Bearer <token>'" };
      try {
        const { payload } = await jwtVerify(match[1], deps.oidc.keys, {
          issuer: deps.oidc.issuer,
          audience: deps.oidc.audience,
          algorithms: ALGORITHMS,
          currentDate: now(),
          clockTolerance: 30,
          requiredClaims: ["exp", "sub"],
        });
        const principal = principalFromClaims(payload);
        return typeof principal === "string"
          ? { outcome: "refused", reason: principal }
          : authenticatedContext(principal);
      } catch (error) {
        return { outcome: "refused", reason: jwtFailure(error) };
      }
    }
    if (apiKey !== undefined) {
      let verified: VerifiedKey | undefined;
      try {
        verified = await deps.verifyApiKey(apiKey);
        if (verified && deps.rateLimit) {
          const limit = await deps.rateLimit(verified);
          if (!limit.allowed) return { outcome: "rate-limited", retryAfter: String(limit.retryAfterSeconds) };
        }
      } catch (error) {
        if (isStorageUnavailable(error)) return { outcome: "unavailable" };
        throw error;
      }
      if (!verified) return { outcome: "refused", reason: "unknown or revoked API key" };
      return authenticatedContext({
        sub: `apikey:${verified.keyId}`,
        role: "integration",
        provinceId: verified.provinceId,
        tenantId: verified.tenantId,
        kind: "api-key",
        keyId: verified.keyId,
      });
    }
    return { outcome: "anonymous" };
  };
}

/** A short, non-sensitive reason (never the token itself). */
function jwtFailure(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `the token's ${(error as { claim?: string }).claim ?? "claims"} claim is not accepted`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature is not valid";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return "the token's algorithm is not accepted";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "the token was not signed by a known key";
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JOSE_GENERIC":
      return "the issuer's keys could not be fetched";
    default:
      return "the token is not valid";
  }
}
