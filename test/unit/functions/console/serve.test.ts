/**
 * Serving the built console (local gateway and deployed web function alike), on a small site
 * written here: precompressed assets by Accept-Encoding, immutable hashed assets, index.html for
 * every other path (deep links), HEAD, the sign-in settings, and API paths left to the API.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gzipSync } from "node:zlib";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import type { BuildManifest } from "../../../../functions/console/manifest";
import { isApiPath, openConsoleSite, pickEncoding, serveConsole } from "../../../../functions/console/serve";
import { consoleConfigFrom, consoleResponse } from "../../../../functions/console/web";

function site() {
  const dir = mkdtempSync(join(tmpdir(), "console-site-"));
  mkdirSync(join(dir, "assets"));
  const html = `<!doctype html><html lang="zh-CN"><body><div id="app"></div>${"<!-- padding -->".repeat(60)}</body></html>`;
  const js = `console.log(${JSON.stringify("x".repeat(2000))});`;
  const files: Record<string, string> = { "/index.html": html, "/assets/index-abc12345.js": js };
  const manifest: BuildManifest = { sourceHash: "test", files: {} };
  for (const [path, body] of Object.entries(files)) {
    writeFileSync(join(dir, path), body);
    writeFileSync(join(dir, `${path}.br`), brotliCompressSync(body));
    writeFileSync(join(dir, `${path}.gz`), gzipSync(body));
    manifest.files[path] = {
      type: path.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8",
      size: body.length,
      immutable: path.startsWith("/assets/"),
      encodings: { br: 1, gzip: 1 },
    };
  }
  writeFileSync(join(dir, "build.json"), JSON.stringify(manifest));
  return { dir, html, js };
}

const event = (method: string, path: string, headers: Record<string, string> = {}) =>
  ({ rawPath: path, headers, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

const env = {
  OIDC_ISSUER: "https://cognito-idp.cn-north-1.amazonaws.com.cn/pool/",
  OIDC_CLIENT_ID: "console",
};

describe("serveConsole", () => {
  const { dir, html, js } = site();
  const opened = openConsoleSite(dir);
  if (!opened) throw new Error("test site not written");

  it("serves a hashed asset precompressed and immutable", () => {
    const res = serveConsole(opened, {
      method: "GET",
      path: "/assets/index-abc12345.js",
      acceptEncoding: "gzip, br",
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      "content-encoding": "br",
      "cache-control": "public, max-age=31536000, immutable",
      vary: "accept-encoding",
      "x-content-type-options": "nosniff",
    });
    expect(brotliDecompressSync(Buffer.from(String(res.body), "base64")).toString()).toBe(js);
  });

  it("answers every other path with index.html, never cached, with the page's headers", () => {
    const res = serveConsole(opened, {
      method: "GET",
      path: "/tenants/changchun/years/2019/reports/2019-06",
      acceptEncoding: "identity",
      pageHeaders: { "content-security-policy": "default-src 'self'" },
    });
    expect(res.headers).toMatchObject({
      "cache-control": "no-cache",
      "content-security-policy": "default-src 'self'",
    });
    expect(res.headers?.["content-encoding"]).toBeUndefined();
    expect(Buffer.from(String(res.body), "base64").toString()).toBe(html);
  });

  it("is 404 for an asset that is not in this build, and HEAD has no body", () => {
    expect(serveConsole(opened, { method: "GET", path: "/assets/gone-00000000.js" }).statusCode).toBe(404);
    const head = serveConsole(opened, { method: "HEAD", path: "/", acceptEncoding: "gzip" });
    expect(head.body).toBe("");
    expect(head.headers?.["content-encoding"]).toBe("gzip");
  });

  it("negotiates encodings with q-values", () => {
    const file = { type: "x", size: 1, immutable: true, encodings: { br: 1, gzip: 1 } };
    expect(pickEncoding("br;q=0, gzip", file)).toBe("gzip");
    expect(pickEncoding("*", file)).toBe("br");
    expect(pickEncoding("", file)).toBeUndefined();
    expect(pickEncoding("gzip", { ...file, encodings: {} })).toBeUndefined();
  });

  it("leaves the API's paths to the API", () => {
    expect(isApiPath("/v1/health")).toBe(true);
    expect(isApiPath("/local/token")).toBe(true);
    expect(isApiPath("/v1x")).toBe(false);
    expect(isApiPath("/public/provinces/jl/circulars")).toBe(false);
  });

  it("as the web function: the console, its sign-in settings, and nothing for API paths or writes", () => {
    const page = consoleResponse(event("GET", "/provinces/jl/years/2019/rollup"), env, dir);
    expect(page?.statusCode).toBe(200);
    expect(String(page?.headers?.["content-security-policy"])).toContain(
      "connect-src 'self' https://cognito-idp.cn-north-1.amazonaws.com.cn https://*.amazoncognito.com",
    );
    const config = consoleResponse(event("GET", "/console-config.json"), env, dir);
    expect(JSON.parse(String(config?.body))).toEqual({
      oidc: {
        authority: "https://cognito-idp.cn-north-1.amazonaws.com.cn/pool",
        clientId: "console",
        scope: "openid profile email",
      },
      environment: "aws",
      publicProvinces: [],
    });
    expect(consoleResponse(event("GET", "/v1/nothing"), env, dir)).toBeUndefined();
    expect(consoleResponse(event("POST", "/tenants"), env, dir)).toBeUndefined();
  });

  it("reads the public provinces and refuses a configuration without an issuer", () => {
    expect(consoleConfigFrom({ ...env, PUBLIC_PROVINCES: "jl:吉林省, hl" }).publicProvinces).toEqual([
      { provinceId: "jl", name: "吉林省" },
      { provinceId: "hl", name: "hl" },
    ]);
    expect(() => consoleConfigFrom({})).toThrow(/OIDC_ISSUER/);
  });
});
