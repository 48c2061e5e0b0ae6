/**
 * The local development issuer: an ES256 key generated on first start into DATA_DIR, used by
 * `POST /local/token` to sign the same claims a real identity provider would. The same
 * authenticator as in AWS verifies its tokens (issuer, audience, expiry, signature).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import { now } from "../../shared/lib/clock";
import { randomId } from "../../shared/lib/ids";

export const LOCAL_ISSUER = "https://dev-issuer.localhost";
export const LOCAL_AUDIENCE = "employment-api";

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
  keys: JWTVerifyGetKey;
  mint(
    claims: Record<string, unknown> & { sub: string },
    expiresInSeconds?: number,
  ): Promise<{ token: string; expiresAt: string }>;
  /** sign an arbitrary payload with the development key (tests use it for wrong-issuer/expired tokens) */
  sign(payload: JWTPayload): Promise<string>;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreate(path: string): Promise<StoredKey> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = `dev-${randomId(8)}`;
  const stored: StoredKey = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "ES256" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return stored;
}

export async function createDevIssuer(keyPath: string): Promise<DevIssuer> {
  const stored = await loadOrCreate(keyPath);
  const privateKey = await importJWK(stored.privateJwk, "ES256");
  const jwks: JSONWebKeySet = { keys: [stored.publicJwk] };
  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    jwks,
    keys: createLocalJWKSet(jwks),
    async mint(claims, expiresInSeconds = 12 * 60 * 60) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: stored.kid, typ: "JWT" })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(claims.sub)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + expiresInSeconds)
        .sign(privateKey);
      return { token, expiresAt: new Date((issuedAt + expiresInSeconds) * 1000).toISOString() };
    },
    sign(payload) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "ES256", kid: stored.kid, typ: "JWT" })
        .sign(privateKey);
    },
  };
}
