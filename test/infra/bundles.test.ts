/**
 * The deployed artifacts under test: each bundled function asset of the synthesized stack (not the
 * TypeScript source) driven with API Gateway payload 2.0 events against DynamoDB Local, in a fresh
 * Node.js process per runtime — this machine's Node and the Lambda runtime's Node 24 — so a
 * bundling mistake (a missing file, a module that only works unbundled, a runtime difference)
 * fails CI. Tokens come from an issuer whose JWKS is served over HTTPS here; the failure paths
 * (a bad token, storage down, the JWKS unreachable) run against dead endpoints.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureTable } from "../../infra/local/dynamodb";
import { loadDemoData } from "../../infra/local/seed/index";
import { freePort } from "../support/ports";

const NODE24 = "24.22.3";

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };

interface Step {
  label: string;
  area: string;
  event: Record<string, unknown>;
}

interface Outcome {
  label: string;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

let assets: Record<string, string>;
let issuerUrl: string;
let jwksServer: Server;
let certFile: string;
let signToken: (claims: Record<string, unknown>) => Promise<string>;
let foreignToken: string;
let table: string;
let endpoint: string;
let dead: string;

/** The Node.js 24 binary from the registry's `node-linux-*` package, installed once into .cache/. */
function node24(): string {
  const arch = process.arch === "arm64" ? "arm64" : "x64";
  const prefix = resolve(".cache/node24");
  const binary = join(prefix, "node_modules", `node-linux-${arch}`, "bin", "node");
  if (!existsSync(binary)) {
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        `node-linux-${arch}@${NODE24}`,
      ],
      { stdio: "ignore" },
    );
  }
  return binary;
}

beforeAll(async () => {
  const assemblyDir = inject("assemblyDir");
  const template = JSON.parse(readFileSync(join(assemblyDir, "Test.template.json"), "utf8")) as {
    Resources: Record<string, Resource>;
  };
  assets = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== "AWS::Lambda::Function" || resource.Properties.Handler !== "index.handler")
      continue;
    const area = id.replace(/Function.*$/, "").toLowerCase();
    assets[area] = join(assemblyDir, String(resource.Metadata?.["aws:asset:path"]), "index.mjs");
  }

  // an issuer with its JWKS over HTTPS on this machine (a self-signed certificate the children trust)
  const dir = mkdtempSync(join(tmpdir(), "bundle-issuer-"));
  certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  const pair = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "bundle-test", alg: "ES256", use: "sig" };
  jwksServer = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, "127.0.0.1", () => r()));
  issuerUrl = `https://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  signToken = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "bundle-test" })
      .setIssuer(issuerUrl)
      .setAudience("bundle-test")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(pair.privateKey);
  const other = await generateKeyPair("ES256");
  foreignToken = await new SignJWT({ sub: "x", role: "platform-admin" })
    .setProtectedHeader({ alg: "ES256", kid: "bundle-test" })
    .setIssuer(issuerUrl)
    .setAudience("bundle-test")
    .setExpirationTime("10m")
    .sign(other.privateKey);

  endpoint = inject("dynamoEndpoint");
  dead = `http://127.0.0.1:${await freePort()}`;
}, 120_000);

afterAll(() => {
  jwksServer?.close();
});

let requestNo = 0;

/** An API Gateway HTTP API (payload 2.0) event for a route of the table (or `$default`). */
function event(
  method: string,
  path: string,
  routePath: string | "$default",
  options: { headers?: Record<string, string>; body?: unknown; query?: Record<string, string> } = {},
): Record<string, unknown> {
  const names = routePath === "$default" ? [] : [...routePath.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const values =
    routePath === "$default"
      ? []
      : (new RegExp(`^${routePath.replace(/\{\w+\}/g, "([^/]+)")}$`).exec(path)?.slice(1) ?? []);
  const pathParameters = Object.fromEntries(names.map((n, i) => [n, values[i] ?? ""]));
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  requestNo += 1;
  return {
    version: "2.0",
    routeKey: routePath === "$default" ? "$default" : `${method} ${routePath}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {
      host: "api.example",
      ...(body ? { "content-type": "application/json" } : {}),
      ...(options.headers ?? {}),
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(names.length ? { pathParameters } : {}),
    ...(body ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
    requestContext: {
      accountId: "123456789012",
      apiId: "bundle",
      domainName: "api.example",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bundle-test" },
      requestId: `bundle-${requestNo}`,
      routeKey: routePath === "$default" ? "$default" : `${method} ${routePath}`,
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

const DRIVER = `
import { readFileSync, writeFileSync } from "node:fs";
const { assets, steps, out } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const handlers = {};
for (const [area, file] of Object.entries(assets)) handlers[area] = (await import(file)).handler;
const results = [];
for (const step of steps) {
  const context = { awsRequestId: step.event.requestContext.requestId, functionName: step.area, functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:ap-east-1:123456789012:function:" + step.area, memoryLimitInMB: "1024",
    logGroupName: "/aws/lambda/" + step.area, logStreamName: "s", callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
  const r = await handlers[step.area](step.event, context);
  results.push({ label: step.label, statusCode: r.statusCode, headers: r.headers ?? {}, body: r.body ?? "" });
}
writeFileSync(out, JSON.stringify(results));
process.exit(0);
`;

/** Run steps through the bundles in a fresh process of `node`; the results, and what it logged. */
async function drive(
  node: string,
  steps: Step[],
  env: Record<string, string>,
): Promise<{ results: Outcome[]; logs: string; version: string }> {
  const dir = mkdtempSync(join(tmpdir(), "bundle-drive-"));
  const driver = join(dir, "driver.mjs");
  const plan = join(dir, "plan.json");
  const out = join(dir, "out.json");
  writeFileSync(driver, DRIVER);
  writeFileSync(plan, JSON.stringify({ assets, steps, out }));
  const child = spawn(node, [driver, plan], {
    env: {
      PATH: process.env.PATH ?? "",
      AWS_REGION: "ap-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_SERVICE_NAME: "employment-api",
      POWERTOOLS_LOG_LEVEL: "INFO",
      NODE_OPTIONS: "--enable-source-maps",
      NODE_EXTRA_CA_CERTS: certFile,
      OIDC_ISSUER: issuerUrl,
      OIDC_AUDIENCE: "bundle-test",
      OIDC_CLIENT_ID: "bundle-console",
      PUBLIC_PROVINCES: "bna:测试省",
      OIDC_JWKS_URI: `${issuerUrl}/.well-known/jwks.json`,
      API_KEY_RATE_PER_MINUTE: "600",
      ...env,
    },
  });
  let logs = "";
  child.stdout.on("data", (d: Buffer) => {
    logs += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    logs += d.toString();
  });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`driver exited ${code}:\n${logs.slice(-3000)}`);
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  return { results: JSON.parse(readFileSync(out, "utf8")) as Outcome[], logs, version };
}

async function happySteps(province: string): Promise<Step[]> {
  const tenant = `${province}-city`;
  const platform = { authorization: `Bearer ${await signToken({ sub: "ops", role: "platform-admin" })}` };
  const admin = {
    authorization: `Bearer ${await signToken({ sub: "admin", role: "province-admin", provinceId: province })}`,
  };
  const city = {
    authorization: `Bearer ${await signToken({ sub: "staff", role: "city-admin", provinceId: province, tenantId: tenant })}`,
  };
  const rulebook = loadDemoData().rulebook;
  return [
    { label: "health", area: "platform", event: event("GET", "/v1/health", "/v1/health") },
    { label: "head health", area: "platform", event: event("HEAD", "/v1/health", "/v1/health") },
    { label: "openapi", area: "platform", event: event("GET", "/v1/openapi.json", "/v1/openapi.json") },
    {
      label: "put province",
      area: "platform",
      event: event("PUT", `/v1/provinces/${province}`, "/v1/provinces/{p}", {
        headers: platform,
        body: { name: "测试省", authorityName: "测试省人民政府" },
      }),
    },
    {
      label: "put tenant",
      area: "platform",
      event: event("PUT", `/v1/provinces/${province}/tenants/${tenant}`, "/v1/provinces/{p}/tenants/{t}", {
        headers: admin,
        body: { name: "测试市", authorityName: "测试市政府", displayOrder: 1 },
      }),
    },
    {
      label: "list tenants",
      area: "platform",
      event: event("GET", `/v1/provinces/${province}/tenants`, "/v1/provinces/{p}/tenants", {
        headers: admin,
        query: { limit: "1" },
      }),
    },
    {
      label: "put rulebook",
      area: "assessment",
      event: event(
        "PUT",
        `/v1/provinces/${province}/years/2019/rulebook`,
        "/v1/provinces/{p}/years/{y}/rulebook",
        {
          headers: admin,
          body: rulebook,
        },
      ),
    },
    {
      label: "city reads rulebook",
      area: "assessment",
      event: event(
        "GET",
        `/v1/provinces/${province}/years/2019/rulebook`,
        "/v1/provinces/{p}/years/{y}/rulebook",
        {
          headers: city,
        },
      ),
    },
    {
      label: "scoring runs",
      area: "scoring",
      event: event(
        "GET",
        `/v1/provinces/${province}/years/2019/scoring-runs`,
        "/v1/provinces/{p}/years/{y}/scoring-runs",
        { headers: admin },
      ),
    },
    {
      label: "public circulars",
      area: "circulars",
      event: event("GET", `/v1/public/provinces/${province}/circulars`, "/v1/public/provinces/{p}/circulars"),
    },
    {
      label: "subsidy catalogue",
      area: "subsidies",
      event: event("GET", `/v1/public/tenants/${tenant}/subsidies`, "/v1/public/tenants/{t}/subsidies"),
    },
    { label: "unknown path", area: "web", event: event("GET", "/v1/nothing-here", "$default") },
    ...consoleSteps(),
    { label: "wrong method", area: "web", event: event("DELETE", "/v1/health", "$default") },
    {
      label: "foreign signature",
      area: "assessment",
      event: event(
        "GET",
        `/v1/provinces/${province}/years/2019/rulebook`,
        "/v1/provinces/{p}/years/{y}/rulebook",
        {
          headers: { authorization: `Bearer ${foreignToken}` },
        },
      ),
    },
    {
      label: "no credentials",
      area: "scoring",
      event: event(
        "GET",
        `/v1/provinces/${province}/years/2019/scoring-runs`,
        "/v1/provinces/{p}/years/{y}/scoring-runs",
      ),
    },
  ];
}

/** The console's files as the web function's asset ships them (`console/build.json`). */
function shippedConsole(): {
  files: Record<string, { type: string; immutable: boolean; encodings: Record<string, number> }>;
} {
  const web = assets.web;
  if (!web) throw new Error("no web function asset");
  return JSON.parse(readFileSync(join(web, "..", "console", "build.json"), "utf8"));
}

/** The hashed entry script the shipped console's index.html loads. */
function consoleScript(): string {
  const web = assets.web ?? "";
  const html = readFileSync(join(web, "..", "console", "index.html"), "utf8");
  const name = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!name || !shippedConsole().files[name]) throw new Error("the shipped console has no entry script");
  return name;
}

function consoleSteps(): Step[] {
  const brotli = { "accept-encoding": "gzip, deflate, br" };
  return [
    { label: "console page", area: "web", event: event("GET", "/", "$default", { headers: brotli }) },
    {
      label: "console deep link",
      area: "web",
      event: event("GET", "/provinces/bna/years/2019/rollup", "$default", {
        headers: { "accept-encoding": "identity" },
      }),
    },
    {
      label: "console head",
      area: "web",
      event: event("HEAD", "/public/provinces/bna/circulars", "$default"),
    },
    { label: "console config", area: "web", event: event("GET", "/console-config.json", "$default") },
    {
      label: "console asset",
      area: "web",
      event: event("GET", consoleScript(), "$default", { headers: brotli }),
    },
    { label: "missing asset", area: "web", event: event("GET", "/assets/nothing-0000.js", "$default") },
    { label: "console post", area: "web", event: event("POST", "/", "$default") },
  ];
}

function expectConsole(results: Outcome[]) {
  const r = byLabel(results);
  const page = r["console page"];
  expect(page?.statusCode).toBe(200);
  expect(page?.headers["content-type"]).toMatch(/^text\/html/);
  expect(page?.headers["cache-control"]).toBe("no-cache");
  expect(page?.headers["content-encoding"]).toBe("br");
  expect(page?.headers["content-security-policy"]).toContain("script-src 'self'");
  const deep = r["console deep link"];
  expect(deep?.statusCode).toBe(200);
  expect(deep?.headers["content-encoding"]).toBeUndefined();
  const html = Buffer.from(deep?.body ?? "", "base64").toString("utf8");
  expect(html).toContain('<div id="app"');
  expect(html).toContain(consoleScript());
  expect(r["console head"]).toMatchObject({ statusCode: 200, body: "" });
  const config = JSON.parse(r["console config"]?.body ?? "{}");
  expect(config.oidc).toMatchObject({ authority: issuerUrl, clientId: "bundle-console" });
  expect(config.publicProvinces).toEqual([{ provinceId: "bna", name: "测试省" }]);
  const asset = r["console asset"];
  expect(asset?.statusCode).toBe(200);
  expect(asset?.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(asset?.headers["content-encoding"]).toBe("br");
  expect(Buffer.from(asset?.body ?? "", "base64").length).toBe(
    shippedConsole().files[consoleScript()]?.encodings.br,
  );
  expect(r["missing asset"]?.statusCode).toBe(404);
  expect(r["console post"]?.statusCode).toBe(404);
  expect(r["console post"]?.headers["content-type"]).toBe("application/problem+json");
}

function byLabel(results: Outcome[]): Record<string, Outcome> {
  return Object.fromEntries(results.map((r) => [r.label, r]));
}

function expectHappy(results: Outcome[]) {
  const r = byLabel(results);
  const problem = (o: Outcome | undefined) => o?.headers["content-type"] ?? "";
  expect(r.health?.statusCode, r.health?.body).toBe(200);
  expect(r["head health"]).toMatchObject({ statusCode: 200, body: "" });
  expect(JSON.parse(r.openapi?.body ?? "{}").openapi).toBe("3.1.0");
  expect(r["put province"]?.statusCode, r["put province"]?.body).toBe(201);
  expect(r["put tenant"]?.statusCode, r["put tenant"]?.body).toBe(201);
  expect(r["list tenants"]?.statusCode).toBe(200);
  expect(JSON.parse(r["list tenants"]?.body ?? "{}").nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(r["put rulebook"]?.statusCode, r["put rulebook"]?.body).toBe(201);
  expect(r["city reads rulebook"]?.statusCode, r["city reads rulebook"]?.body).toBe(200);
  expect(r["scoring runs"]?.statusCode, r["scoring runs"]?.body).toBe(200);
  expect(r["public circulars"]?.statusCode, r["public circulars"]?.body).toBe(200);
  expect(r["subsidy catalogue"]?.statusCode, r["subsidy catalogue"]?.body).toBeLessThan(500);
  expect(r["unknown path"]?.statusCode).toBe(404);
  expect(problem(r["unknown path"])).toBe("application/problem+json");
  expect(r["wrong method"]?.statusCode).toBe(405);
  expect(r["wrong method"]?.headers.allow).toBe("GET, HEAD");
  for (const label of ["foreign signature", "no credentials"]) {
    expect(r[label]?.statusCode, label).toBe(401);
    expect(problem(r[label])).toBe("application/problem+json");
  }
}

describe("the bundled functions", () => {
  beforeAll(async () => {
    table = `bundles-${Date.now().toString(36)}`;
    await ensureTable(endpoint, table);
  });

  it("bundles every area and the web function", () => {
    expect(Object.keys(assets).sort()).toEqual([
      "assessment",
      "circulars",
      "platform",
      "scoring",
      "subsidies",
      "web",
    ]);
  });

  it("serve every area on this machine's Node.js", async () => {
    const { results, logs } = await drive(process.execPath, await happySteps("bna"), {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: endpoint,
    });
    expectHappy(results);
    expectConsole(results);
    // embedded-metric-format records and the request log line come out of the bundles too
    expect(logs).toContain('"Namespace":"EmploymentApi"');
    expect(logs).toMatch(/"message":"request"[^\n]*"status":201/);
  });

  it("serve every area on Node.js 24, the Lambda runtime", async () => {
    const node = node24();
    const { results, version } = await drive(node, await happySteps("bnb"), {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: endpoint,
    });
    expect(version).toBe(`v${NODE24}`);
    expectHappy(results);
    expectConsole(results);
  }, 240_000);

  it("answer 503 problem+json when storage or the identity provider is down, and log it at error level", async () => {
    const token = await signToken({ sub: "admin", role: "province-admin", provinceId: "bna" });
    const steps: Step[] = [
      { label: "health", area: "platform", event: event("GET", "/v1/health", "/v1/health") },
      {
        label: "bearer, JWKS unreachable",
        area: "assessment",
        event: event("GET", "/v1/provinces/bna/years/2019/rulebook", "/v1/provinces/{p}/years/{y}/rulebook", {
          headers: { authorization: `Bearer ${token}` },
        }),
      },
      {
        label: "API key, storage down",
        area: "assessment",
        event: event("GET", "/v1/tenants/bna-city/years/2019/targets", "/v1/tenants/{t}/years/{y}/targets", {
          headers: { "x-api-key": `ek.bna-city.0123456789abcdef.${"a".repeat(43)}` },
        }),
      },
    ];
    const { results, logs } = await drive(process.execPath, steps, {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: dead,
      OIDC_JWKS_URI: `${dead.replace("http:", "https:")}/jwks.json`,
    });
    const r = byLabel(results);
    for (const outcome of results) {
      expect(outcome.statusCode, `${outcome.label}: ${outcome.body}`).toBe(503);
      expect(outcome.headers["content-type"]).toBe("application/problem+json");
      expect(outcome.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at \w+ \(/);
    }
    expect(JSON.parse(r["bearer, JWKS unreachable"]?.body ?? "{}").type).toContain(
      "identity-provider-unavailable",
    );
    const errorLines = logs
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { level?: string; message?: string })
      .filter((l) => l.level === "ERROR");
    expect(errorLines.map((l) => l.message)).toContain("identity provider unavailable");
    expect(errorLines.map((l) => l.message)).toContain("storage unavailable");
  }, 120_000);
});
