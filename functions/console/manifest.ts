/** What `build.ts` writes next to the built console and the servers read (local gateway, Lambda). */

export const BUILD_MANIFEST = "build.json";

export interface ManifestFile {
  type: string;
  /** bytes, uncompressed */
  size: number;
  /** content-hashed: cached for a year as immutable; otherwise never cached */
  immutable: boolean;
  /** precompressed siblings (`<file>.br`, `<file>.gz`) and their sizes */
  encodings: { br?: number; gzip?: number };
}

export interface BuildManifest {
  sourceHash: string;
  /** by URL path, e.g. `/assets/index-3f2a1c.js`, `/index.html` */
  files: Record<string, ManifestFile>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
};

export function mediaType(path: string): string {
  const dot = path.lastIndexOf(".");
  return TYPES[dot >= 0 ? path.slice(dot) : ""] ?? "application/octet-stream";
}
