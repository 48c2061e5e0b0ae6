import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../../../functions/authorizer/authenticate";
import { isJwksUnavailable, remoteJwks } from "../../../../functions/authorizer/remote-jwks";
import { setNow } from "../../../../shared/lib/clock";

afterEach(() => setNow(null));

async function key(kid: string) {
  const pair = await generateKeyPair("ES256", { extractable: true });
  return { kid, pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "ES256" } };
}

const sign = (k: Awaited<ReturnType<typeof key>>) =>
  new SignJWT({ sub: "x" }).setProtectedHeader({ alg: "ES256", kid: k.kid }).sign(k.pair.privateKey);

const header = (kid: string) => ({ alg: "ES256", kid });

/** A remote set read from 2020-01-01 00:00 on: kept for a minute, an unknown kid retried after 10 s. */
function timedJwks(download: () => Promise<unknown>) {
  setNow("2020-01-01T00:00:00Z");
  return remoteJwks(new URL("https://issuer.example/jwks"), {
    maxAgeMs: 60_000,
    cooldownMs: 10_000,
    download,
  });
}

describe("remoteJwks", () => {
  it("downloads the set once and reuses it", async () => {
    const a = await key("a");
    let downloads = 0;
    const keys = remoteJwks(new URL("https://issuer.example/jwks"), {
      download: async () => {
        downloads++;
        return { keys: [a.jwk] };
      },
    });
    const token = await sign(a);
    await keys(header("a"), { payload: token, signature: "" } as never);
    await keys(header("a"), { payload: token, signature: "" } as never);
    expect(downloads).toBe(1);
  });

  it("refreshes after its maximum age and on an unknown key id after the cool-down", async () => {
    const a = await key("a");
    const b = await key("b");
    let served = [a.jwk];
    let downloads = 0;
    const keys = timedJwks(async () => {
      downloads++;
      return { keys: served };
    });
    await keys(header("a"), {} as never);
    served = [a.jwk, b.jwk];
    // within the cool-down an unknown kid is refused without another download
    await expect(keys(header("b"), {} as never)).rejects.toMatchObject({ code: "ERR_JWKS_NO_MATCHING_KEY" });
    expect(downloads).toBe(1);
    setNow("2020-01-01T00:00:20Z");
    await keys(header("b"), {} as never);
    expect(downloads).toBe(2);
    setNow("2020-01-01T00:02:00Z");
    await keys(header("a"), {} as never);
    expect(downloads).toBe(3);
  });

  it("refuses a response that is not a key set", async () => {
    const keys = remoteJwks(new URL("https://issuer.example/jwks"), {
      download: async () => ({ nope: true }),
    });
    await expect(keys(header("a"), {} as never)).rejects.toThrow(/not a JSON Web Key Set/);
  });
});

describe("remoteJwks when the issuer cannot be reached", () => {
  it("fails as 'unavailable' (not as a bad token) when it has never fetched the set", async () => {
    const keys = remoteJwks(new URL("https://issuer.example/jwks"), {
      download: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
    });
    const failure = await Promise.resolve()
      .then(() => keys(header("a"), {} as never))
      .catch((error: unknown) => error);
    expect(isJwksUnavailable(failure)).toBe(true);
    expect(String(failure)).not.toContain("ECONNREFUSED");
  });

  it("keeps verifying with the last good set while the issuer is down, retrying after the cool-down", async () => {
    const a = await key("a");
    let up = true;
    let downloads = 0;
    const keys = timedJwks(async () => {
      downloads++;
      if (!up) throw new Error("timed out");
      return { keys: [a.jwk] };
    });
    await keys(header("a"), {} as never);
    up = false;
    setNow("2020-01-01T00:02:00Z");
    await keys(header("a"), {} as never);
    await keys(header("a"), {} as never);
    expect(downloads).toBe(2);
    setNow("2020-01-01T00:02:11Z");
    await keys(header("a"), {} as never);
    expect(downloads).toBe(3);
  });
});

describe("the authenticator", () => {
  const deps = (keys: Parameters<typeof createAuthenticator>[0]["oidc"]["keys"]) =>
    createAuthenticator({
      oidc: { issuer: "https://issuer.example", audience: "employment-api", keys },
      verifyApiKey: async () => undefined,
    });

  it("answers 'unavailable: identity-provider' when the issuer's keys cannot be fetched", async () => {
    const a = await key("a");
    const authenticate = deps(
      remoteJwks(new URL("https://issuer.example/jwks"), {
        download: async () => {
          throw new Error("socket hang up");
        },
      }),
    );
    const token = await new SignJWT({ sub: "u", role: "province-admin", provinceId: "jl" })
      .setProtectedHeader({ alg: "ES256", kid: "a" })
      .setIssuer("https://issuer.example")
      .setAudience("employment-api")
      .setExpirationTime("10m")
      .sign(a.pair.privateKey);
    expect(await authenticate({ authorization: `Bearer ${token}` })).toEqual({
      kind: "unavailable",
      what: "identity-provider",
    });
  });

  it("tells a client that sent a Cognito access token to send the ID token", async () => {
    const a = await key("a");
    const authenticate = deps(
      remoteJwks(new URL("https://issuer.example/jwks"), { download: async () => ({ keys: [a.jwk] }) }),
    );
    const token = await new SignJWT({ sub: "u", token_use: "access", client_id: "employment-api" })
      .setProtectedHeader({ alg: "ES256", kid: "a" })
      .setIssuer("https://issuer.example")
      .setExpirationTime("10m")
      .sign(a.pair.privateKey);
    expect(await authenticate({ authorization: `Bearer ${token}` })).toEqual({
      kind: "refused",
      reason: expect.objectContaining({ en: "send the ID token as the bearer, not the access token" }),
    });
  });
});
