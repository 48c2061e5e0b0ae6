/** Bad credentials of every kind get 401 problem+json on every authenticated route. */
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeTable } from "../../functions/routes";
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "../../infra/local/dev-issuer";
import { routeCases, samplePath } from "../support/route-samples";
import { startTestStack, type TestStack } from "../support/stack";
import { buildWorld, type World } from "../support/world";

const TARGET = { provinceId: "jl", tenantId: "changchun" };
const protectedRoutes = routeTable.filter((r) => r.access !== "public");
const claims = { sub: "admin@jl", role: "province-admin", provinceId: "jl" };

let t: TestStack;
let world: World;
let bad: Array<[string, Record<string, string>]>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

beforeAll(async () => {
  t = await startTestStack();
  world = await buildWorld(t);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const other = await generateKeyPair("ES256");
  const foreignSigned = await new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: "attacker" })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + 600)
    .sign(other.privateKey);
  const good = await t.token("province-admin", { provinceId: "jl" });
  const [header, payload] = good.split(".");
  const resigned = `${header}.${payload}.${foreignSigned.split(".")[2]}`;
  const valid = { ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: nowSeconds, exp: nowSeconds + 600 };
  const revokedKey = await t.call<{ keyId: string; key: string }>("POST", "/v1/tenants/changchun/api-keys", {
    token: world.get("changchun/city-admin").token,
    body: { name: "to revoke" },
  });
  await t.call("DELETE", `/v1/tenants/changchun/api-keys/${revokedKey.body.keyId}`, {
    token: world.get("changchun/city-admin").token,
  });
  const liveKey = world.get("changchun/key").apiKey ?? "";
  bad = [
    ["no credentials", {}],
    ["a bearer that is not a JWT", { authorization: "Bearer not-a-token" }],
    ["a malformed Authorization header", { authorization: "Basic YWRtaW46YWRtaW4=" }],
    ["alg none", { authorization: `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64(valid)}.` }],
    ["a foreign key's signature", { authorization: `Bearer ${foreignSigned}` }],
    ["a tampered signature", { authorization: `Bearer ${resigned}` }],
    [
      "an expired token",
      {
        authorization: `Bearer ${await t.stack.issuer.sign({ ...valid, exp: nowSeconds - 3600, iat: nowSeconds - 7200 })}`,
      },
    ],
    [
      "a wrong issuer",
      { authorization: `Bearer ${await t.stack.issuer.sign({ ...valid, iss: "https://evil.example" })}` },
    ],
    [
      "a wrong audience",
      { authorization: `Bearer ${await t.stack.issuer.sign({ ...valid, aud: "another-api" })}` },
    ],
    [
      "no role claim",
      { authorization: `Bearer ${await t.stack.issuer.sign({ ...valid, role: undefined })}` },
    ],
    [
      "an unknown role",
      { authorization: `Bearer ${await t.stack.issuer.sign({ ...valid, role: "superuser" })}` },
    ],
    ["a revoked API key", { "x-api-key": revokedKey.body.key }],
    ["an unknown API key", { "x-api-key": liveKey.replace(/.$/, (c) => (c === "A" ? "B" : "A")) }],
    ["a malformed API key", { "x-api-key": "hunter2" }],
  ];
});
afterAll(async () => t?.stop());

describe("authentication", () => {
  it.each(routeCases(protectedRoutes))(
    "%s answers 401 problem+json to every bad credential",
    async (_name, route) => {
      const path = samplePath(route, TARGET);
      for (const [label, headers] of bad) {
        const res = await t.call(route.method, path, { headers });
        expect(res.status, `${label} → ${route.method} ${path}: ${res.text}`).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.text).not.toMatch(/eyJ|ek\./);
      }
    },
  );

  it("accepts Cognito-style custom claims", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const token = await t.stack.issuer.sign({
      sub: "cognito-user",
      "custom:role": "province-reviewer",
      "custom:provinceId": "jl",
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      iat: nowSeconds,
      exp: nowSeconds + 600,
    });
    const res = await t.call("GET", "/v1/provinces/jl/tenants", { token });
    expect(res.status).toBe(200);
  });

  it("stops a revoked key on the very next request", async () => {
    const admin = { token: world.get("jilin/city-admin").token };
    const created = await t.call<{ keyId: string; key: string }>("POST", "/v1/tenants/jilin/api-keys", {
      ...admin,
      body: { name: "next request" },
    });
    const probe = routeTable.find((r) => r.access !== "public" && r.access.roles.includes("integration"));
    const path = probe ? samplePath(probe, { provinceId: "jl", tenantId: "jilin" }) : "/v1/tenants/jilin";
    const method = probe?.method ?? "GET";
    const before = await t.call(method, path, { apiKey: created.body.key });
    expect(before.status).not.toBe(401);
    await t.call("DELETE", `/v1/tenants/jilin/api-keys/${created.body.keyId}`, admin);
    const after = await t.call(method, path, { apiKey: created.body.key });
    expect(after.status).toBe(401);
  });

  it("leaves public routes open", async () => {
    for (const route of routeTable.filter((r) => r.access === "public")) {
      const res = await t.call(route.method, samplePath(route, TARGET));
      expect([401, 403], `${route.method} ${route.path}`).not.toContain(res.status);
    }
  });
});
