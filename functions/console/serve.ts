/**
 * Serving the built console: the local gateway and the deployed web function both answer every
 * non-API GET/HEAD path with this. Hashed assets go out precompressed (brotli or gzip, as the
 * client accepts) and cached as immutable; any other path is the single-page app's `index.html`,
 * never cached, so a deep link such as `/tenants/changchun/years/2019` opens the right page.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { BUILD_MANIFEST, type BuildManifest, type ManifestFile } from "./manifest";

export interface ConsoleSite {
  dir: string;
  manifest: BuildManifest;
  /** file bodies read so far (a site is one build: its files never change) */
  bodies: Map<string, Buffer>;
}

/** The built console in `dir`, or undefined when it has not been built. */
export function openConsoleSite(dir: string): ConsoleSite | undefined {
  const path = join(dir, BUILD_MANIFEST);
  if (!existsSync(path)) return undefined;
  return { dir, manifest: JSON.parse(readFileSync(path, "utf8")) as BuildManifest, bodies: new Map() };
}

/** Paths the API owns; everything else (GET/HEAD) belongs to the console. */
export function isApiPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/") || path === "/local" || path.startsWith("/local/");
}

type Encoding = "br" | "gzip";

/** The best precompressed encoding the client accepts (`Accept-Encoding`, q-values honoured). */
export function pickEncoding(acceptEncoding: string | undefined, file: ManifestFile): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (file.encodings.br !== undefined && ok("br")) return "br";
  if (file.encodings.gzip !== undefined && ok("gzip")) return "gzip";
  return undefined;
}

function read(site: ConsoleSite, path: string): Buffer {
  let body = site.bodies.get(path);
  if (!body) {
    body = readFileSync(path);
    site.bodies.set(path, body);
  }
  return body;
}

export interface ConsoleRequest {
  method: string;
  path: string;
  acceptEncoding?: string | undefined;
  /** headers for the HTML page (e.g. its Content-Security-Policy) */
  pageHeaders?: Record<string, string>;
}

export function serveConsole(site: ConsoleSite, request: ConsoleRequest): APIGatewayProxyStructuredResultV2 {
  const exact = site.manifest.files[request.path];
  const isAsset = request.path.startsWith("/assets/");
  if (!exact && isAsset) {
    return {
      statusCode: 404,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      body: "not found",
    };
  }
  const name = exact ? request.path : "/index.html";
  const file = exact ?? site.manifest.files["/index.html"];
  if (!file) throw new Error("the console build has no index.html");
  const encoding = pickEncoding(request.acceptEncoding, file);
  const local = join(site.dir, name);
  const body = read(site, encoding === "br" ? `${local}.br` : encoding === "gzip" ? `${local}.gz` : local);
  const headers: Record<string, string> = {
    "content-type": file.type,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...(encoding ? { "content-encoding": encoding } : {}),
    ...(file.type.startsWith("text/html") ? (request.pageHeaders ?? {}) : {}),
  };
  if (request.method === "HEAD") {
    return { statusCode: 200, headers: { ...headers, "content-length": String(body.length) }, body: "" };
  }
  return { statusCode: 200, headers, body: body.toString("base64"), isBase64Encoded: true };
}

/** The console page's Content-Security-Policy: its own origin, plus the identity provider's. */
export function consolePolicy(identityOrigins: readonly string[]): string {
  const idp = identityOrigins.join(" ");
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Element Plus positions popovers and sets sizes with inline style attributes
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${idp}`.trim(),
    `form-action 'self' ${idp}`.trim(),
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}
