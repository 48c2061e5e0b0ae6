import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { remoteJwks } from "../../../functions/authorizer/remote-jwks";
import { setNow } from "../../../shared/lib/clock";

afterEach(() => setNow(null));

async function key(kid: string) {
  const pair = await generateKeyPair("ES256", { extractable: true });
  return { kid, pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "ES256" } };
}

const sign = (k: Awaited<ReturnType<typeof key>>) =>
  new SignJWT({ sub: "x" }).setProtectedHeader({ alg: "ES256", kid: k.kid }).sign(k.pair.privateKey);

const header = (kid: string) => ({ alg: "ES256", kid });

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
    setNow("2020-01-01T00:00:00Z");
    const keys = remoteJwks(new URL("https://issuer.example/jwks"), {
      maxAgeMs: 60_000,
      cooldownMs: 10_000,
      download: async () => {
        downloads++;
        return { keys: served };
      },
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
