/**
 * Builds the console when its sources changed: `vite build`, then every compressible file is
 * precompressed (brotli and gzip) and `dist/build.json` lists each file with its media type,
 * sizes and cache policy (hashed assets immutable, `index.html` never cached). `npm start`,
 * `npm test` and `npm run synth` call it; an unchanged console is not rebuilt.
 *
 *   npx tsx functions/console/build.ts [--force] [--quiet]
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { BUILD_MANIFEST, type BuildManifest, type ManifestFile, mediaType } from "./manifest";

const root = fileURLToPath(new URL(".", import.meta.url));
const dist = join(root, "dist");
const repo = join(root, "..", "..");

/** The files outside the console that it bundles (not just imports types from). */
const SHARED_SOURCES = ["shared/domain/subsidies/explain/words.ts"];

const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json", ".txt", ".map"]);

/**
 * Everything the build reads: the console's sources and config, the domain's word lists it bundles
 * (`shared/domain/subsidies/explain/words.ts`; the rest of `shared/` it reads for types only), and
 * the lock file.
 */
function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "dist" || name === "node_modules" || name === "screenshots") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(root);
  for (const file of SHARED_SOURCES)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(repo, file)))
      .update("\0");
  hash.update(readFileSync(join(repo, "package-lock.json")));
  return hash.digest("hex");
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

function precompress(): BuildManifest["files"] {
  const files: BuildManifest["files"] = {};
  for (const path of listFiles(dist)) {
    const rel = `/${relative(dist, path).split(sep).join("/")}`;
    if (rel === `/${BUILD_MANIFEST}` || rel.endsWith(".gz") || rel.endsWith(".br")) continue;
    const body = readFileSync(path);
    const entry: ManifestFile = {
      type: mediaType(rel),
      size: body.length,
      immutable: rel.startsWith("/assets/"),
      encodings: {},
    };
    if (COMPRESSIBLE.has(extname(rel)) && body.length > 512) {
      const br = brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      const gz = gzipSync(body, { level: 9 });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gz);
      entry.encodings = { br: br.length, gzip: gz.length };
    }
    files[rel] = entry;
  }
  return files;
}

export async function buildConsole(options: { force?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => undefined);
  const hash = sourceHash();
  const manifestPath = join(dist, BUILD_MANIFEST);
  if (!options.force && existsSync(manifestPath)) {
    const previous = JSON.parse(readFileSync(manifestPath, "utf8")) as BuildManifest;
    if (previous.sourceHash === hash) {
      log("console: up to date");
      return previous;
    }
  }
  const started = performance.now();
  log("console: building (vite) …");
  const { build } = await import("vite");
  // always the production build, whoever builds: under vitest NODE_ENV is "test", which would give
  // Vue's development build (its warnings and devtools hooks, ~45 KB more) to the browser suites and
  // then, as the build is cached by its sources, to `npm start` and the bench
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const manifest: BuildManifest = { sourceHash: hash, files: precompress() };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const total = Object.values(manifest.files).reduce((n, f) => n + (f.encodings.br ?? f.size), 0);
  log(
    `console: built ${Object.keys(manifest.files).length} files in ${((performance.now() - started) / 1000).toFixed(1)} s (${(total / 1024).toFixed(0)} KB brotli in all)`,
  );
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quiet = process.argv.includes("--quiet");
  buildConsole({
    force: process.argv.includes("--force"),
    log: quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  }).catch((error) => {
    process.stderr.write(`console build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
