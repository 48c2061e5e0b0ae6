/**
 * The issuer's signing keys, fetched from its JWKS URL over `node:https` and cached.
 *
 * jose's own `createRemoteJWKSet` builds a WHATWG `Headers` object when it is created and fetches
 * with the global `fetch`, which makes Node load its bundled undici HTTP client — about 40 ms of
 * every cold start (measured with `npm run bench`). This resolver keeps jose for everything that
 * matters (JWK import, signature and claim checks, via `createLocalJWKSet`) and only replaces the
 * download: fetched on first use, refreshed after `maxAgeMs`, and re-fetched at most once per
 * `cooldownMs` when a token names a key id the cached set does not have (key rotation).
 */
import { get } from "node:https";
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { now } from "../../shared/lib/clock";

/** The issuer's key set could not be downloaded (unreachable, slow, not a key set): a 503, not a 401. */
export class JwksUnavailableError extends Error {
  override name = "JwksUnavailableError";
}

export function isJwksUnavailable(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === "JwksUnavailableError" || e?.code === "ERR_JWKS_TIMEOUT";
}

export interface RemoteJwksOptions {
  timeoutMs?: number;
  maxAgeMs?: number;
  cooldownMs?: number;
  /** how to download the set (tests replace it) */
  download?: (url: URL, timeoutMs: number) => Promise<unknown>;
}

export function remoteJwks(url: URL, options: RemoteJwksOptions = {}): JWTVerifyGetKey {
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60 * 1000;
  const cooldownMs = options.cooldownMs ?? 30 * 1000;
  const download = options.download ?? downloadJson;
  let local: JWTVerifyGetKey | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;

  const reload = async () => {
    pending ??= download(url, timeoutMs)
      .then(
        (json) => {
          if (!isJwks(json))
            throw new JwksUnavailableError("the issuer's JWKS response is not a JSON Web Key Set");
          local = createLocalJWKSet(json);
          fetchedAt = now().getTime();
        },
        (error: unknown) => {
          throw new JwksUnavailableError(`the issuer's JWKS could not be fetched from ${url.host}`, {
            cause: error,
          });
        },
      )
      .finally(() => {
        pending = undefined;
      });
    await pending;
  };

  return async (protectedHeader, token) => {
    if (!local || now().getTime() - fetchedAt > maxAgeMs) {
      try {
        await reload();
      } catch (error) {
        // never fetched: nothing to verify with (503). Stale: keep verifying with the last good
        // set and try the issuer again after the cool-down, not on every request.
        if (!local) throw error;
        fetchedAt = now().getTime() - maxAgeMs + cooldownMs;
      }
    }
    const keys = local as JWTVerifyGetKey;
    try {
      return await keys(protectedHeader, token);
    } catch (error) {
      const rotated = (error as { code?: string }).code === "ERR_JWKS_NO_MATCHING_KEY";
      if (!rotated || now().getTime() - fetchedAt < cooldownMs) throw error;
      await reload();
      return (local as JWTVerifyGetKey)(protectedHeader, token);
    }
  };
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as { keys?: unknown }).keys) &&
    (value as { keys: unknown[] }).keys.every((k) => typeof k === "object" && k !== null)
  );
}

function downloadJson(url: URL, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { headers: { accept: "application/json, application/jwk-set+json" } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`the issuer's JWKS answered HTTP ${response.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > 512 * 1024) request.destroy(new Error("the issuer's JWKS is larger than 512 KB"));
          else chunks.push(chunk);
        });
        response.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch (error) {
            reject(error);
          }
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error("timed out fetching the issuer's JWKS")));
    request.on("error", reject);
  });
}
