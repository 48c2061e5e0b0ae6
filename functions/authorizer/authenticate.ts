/**
 * Credentials → principal. The one piece of logic every area function (and the local stack)
 * authenticates with: a bearer JWT verified against the configured issuer's keys (signature,
 * issuer, audience, expiry; `alg: none` and unknown algorithms refused), or an integration API
 * key (looked up on every request, so a revoked key stops at once, and rate-limited per key).
 * When the issuer's keys cannot be fetched the verdict is "unavailable" (503), not a refusal:
 * an identity-provider outage must not look like every user's token being wrong.
 */
import { decodeJwt, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import * as z from "zod/mini";
import { isStorageUnavailable } from "../../shared/data/infra-errors";
import type { VerifiedKey } from "../../shared/data/stores/api-keys";
import { missingScopeText, type Principal, principalSchema, ROLES } from "../../shared/domain/principal";
import { now } from "../../shared/lib/clock";
import type { Bilingual } from "../../shared/lib/errors";
import type { Authenticate, Authentication } from "../http/auth-context";
import { lazySchema } from "../http/route";
import { isJwksUnavailable } from "./remote-jwks";

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
const claimsSchema = lazySchema(() =>
  z.looseObject({
    sub: z.string().check(z.minLength(1)),
    role: z.optional(z.string()),
    provinceId: z.optional(z.string()),
    tenantId: z.optional(z.string()),
    "custom:role": z.optional(z.string()),
    "custom:provinceId": z.optional(z.string()),
    "custom:tenantId": z.optional(z.string()),
  }),
);

/** The principal a token's claims name, or why they name none. */
export function principalFromClaims(payload: JWTPayload): Principal | Bilingual {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return { en: "the token has no subject", zh: "令牌缺少用户标识（sub）" };
  const c = claims.data;
  const role = c.role ?? c["custom:role"];
  if (!role || !(ROLES as readonly string[]).includes(role))
    return { en: "the token has no known role", zh: "令牌未带有可识别的角色" };
  if (role === "integration")
    return { en: "the integration role is for API keys only", zh: "integration 角色只能通过 API 密钥使用" };
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
  if (!principal.success) return { en: "the token's claims are malformed", zh: "令牌中的声明格式有误" };
  const missing = missingScopeText(principal.data);
  return missing ?? principal.data;
}

/**
 * Verified tokens, kept until they expire so a warm authorizer does not redo the signature check
 * on every request of a session. The key is the whole token (signature included), so only the
 * exact token that passed can hit; expiry is still checked against the clock on every hit.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { context: Authentication; expiresAtMs: number }>();

  constructor(private readonly capacity = 1000) {}

  get(token: string): Authentication | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= now().getTime()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.context;
  }

  set(token: string, context: Authentication, expiresAtSeconds: number | undefined): void {
    if (expiresAtSeconds === undefined) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { context, expiresAtMs: expiresAtSeconds * 1000 });
  }
}

function refused(reason: Bilingual): Authentication {
  return { kind: "refused", reason };
}

/** Cognito access tokens name the client in `client_id`, not `aud`, and carry no custom attributes. */
function isAccessToken(token: string): boolean {
  try {
    return decodeJwt(token).token_use === "access";
  } catch {
    return false;
  }
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  const verifiedTokens = new VerifiedTokens();

  async function bearer(authorization: string): Promise<Authentication> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!token)
      return refused({
        en: "the Authorization header must be 'Bearer <token>'",
        zh: "Authorization 请求头须为“Bearer <令牌>”格式",
      });
    const known = verifiedTokens.get(token);
    if (known) return known;
    if (isAccessToken(token))
      return refused({
        en: "send the ID token as the bearer, not the access token",
        zh: "请以 ID 令牌（而非访问令牌）作为 Bearer 令牌",
      });
    try {
      const { payload } = await jwtVerify(token, deps.oidc.keys, {
        issuer: deps.oidc.issuer,
        audience: deps.oidc.audience,
        algorithms: ALGORITHMS,
        currentDate: now(),
        clockTolerance: 30,
        requiredClaims: ["exp", "sub"],
      });
      const principal = principalFromClaims(payload);
      if ("en" in principal) return refused(principal);
      const context: Authentication = { kind: "principal", principal: Object.freeze(principal) };
      verifiedTokens.set(token, context, payload.exp);
      return context;
    } catch (error) {
      if (isJwksUnavailable(error)) return { kind: "unavailable", what: "identity-provider" };
      return refused(jwtFailure(error));
    }
  }

  async function integrationKey(presented: string): Promise<Authentication> {
    let key: VerifiedKey | undefined;
    try {
      key = await deps.verifyApiKey(presented);
      if (key && deps.rateLimit) {
        const limit = await deps.rateLimit(key);
        if (!limit.allowed) return { kind: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
      }
    } catch (error) {
      if (isStorageUnavailable(error)) return { kind: "unavailable", what: "storage" };
      throw error;
    }
    if (!key) return refused({ en: "unknown or revoked API key", zh: "API 密钥不存在或已被吊销" });
    return {
      kind: "principal",
      principal: Object.freeze({
        sub: `apikey:${key.keyId}`,
        role: "integration" as const,
        provinceId: key.provinceId,
        tenantId: key.tenantId,
        kind: "api-key" as const,
        keyId: key.keyId,
      }),
    };
  }

  return async function authenticate(headers) {
    if (headers.authorization !== undefined) return bearer(headers.authorization);
    if (headers["x-api-key"] !== undefined) return integrationKey(headers["x-api-key"]);
    return { kind: "anonymous" };
  };
}

/** A short, non-sensitive reason (never the token itself). */
function jwtFailure(error: unknown): Bilingual {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return { en: "the token has expired", zh: "令牌已过期" };
    case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
      const claim = (error as { claim?: string }).claim;
      return {
        en: `the token's ${claim ?? "claims"} claim is not accepted`,
        zh: claim ? `令牌的 ${claim} 声明不被接受` : "令牌的声明不被接受",
      };
    }
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return { en: "the token's signature is not valid", zh: "令牌签名无效" };
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return { en: "the token's algorithm is not accepted", zh: "令牌的签名算法不被接受" };
    case "ERR_JWKS_NO_MATCHING_KEY":
      return { en: "the token was not signed by a known key", zh: "令牌并非由已知密钥签发" };
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JOSE_GENERIC":
      return { en: "the issuer's keys could not be fetched", zh: "暂时无法获取签发方的公钥" };
    default:
      return { en: "the token is not valid", zh: "令牌无效" };
  }
}
