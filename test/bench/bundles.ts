/**
 * Bundle sizes from the synthesized cloud assembly (the exact files that deploy), and the median
 * import time of each in a fresh Node process, against a floor bundle holding only the DynamoDB
 * client, built with the same esbuild settings in the same run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { build } from "esbuild";
import { BUNDLING } from "../../infra/constructs/service-function";
import { EmploymentStack } from "../../infra/stack";
import { median, progress, round } from "./stats";

export interface BundleFigure {
  name: string;
  bytes: number;
  kb: number;
  importMsMedian: number;
  importMsMin: number;
  importVsFloor: number;
}

export interface BundleReport {
  floor: { bytes: number; kb: number; importMsMedian: number; importMsMin: number };
  functions: BundleFigure[];
  importRuns: number;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

const IMPORT_ENV = {
  TABLE_NAME: "bench",
  AWS_REGION: "cn-northwest-1",
  OIDC_ISSUER: "https://issuer.example",
  OIDC_AUDIENCE: "bench",
  POWERTOOLS_SERVICE_NAME: "employment-api",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

function importTimes(file: string, runs: number): number[] {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, ...IMPORT_ENV },
      encoding: "utf8",
    });
    samples.push(Number(out));
  }
  return samples;
}

export async function measureBundles(runs = 15): Promise<BundleReport> {
  const outdir = mkdtempSync(join(tmpdir(), "bench-assembly-"));
  progress(`bundles: synthesizing the stack into ${outdir} …`);
  const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
  const stack = new EmploymentStack(app, "Bench", {
    env: { region: "cn-northwest-1" },
    oidc: { issuer: IMPORT_ENV.OIDC_ISSUER, audience: "bench" },
  });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<
      string,
      { Type: string; Metadata?: Record<string, string>; Properties?: { Handler?: string } }
    >;
  };
  const functions = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::Lambda::Function" && r.Properties?.Handler === "index.handler")
    .map(([logicalId, r]) => ({
      name: logicalId.replace(/Function.*$/, "").replace(/^./, (c) => c.toLowerCase()),
      dir: join(outdir, String(r.Metadata?.["aws:asset:path"])),
    }));

  progress("bundles: building the floor bundle (DynamoDB client only) with the same esbuild settings …");
  const floorDir = mkdtempSync(join(tmpdir(), "bench-floor-"));
  const floorFile = join(floorDir, "index.mjs");
  await build({
    entryPoints: [join(root, "test/bench/floor-entry.ts")],
    bundle: true,
    platform: "node",
    outfile: floorFile,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    target: BUNDLING.target,
    format: "esm",
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    logLevel: "silent",
  });

  const floorBytes = statSync(floorFile).size;
  // Interleave the fresh-process imports so machine noise hits every bundle alike.
  const samples = new Map<string, number[]>([["floor", []]]);
  for (const fn of functions) samples.set(fn.name, []);
  const chunk = 5;
  for (let done = 0; done < runs; done += chunk) {
    const n = Math.min(chunk, runs - done);
    samples.get("floor")?.push(...importTimes(floorFile, n));
    for (const fn of functions) samples.get(fn.name)?.push(...importTimes(join(fn.dir, "index.mjs"), n));
    progress(
      `bundles: import timing ${Math.min(runs, done + n)}/${runs} runs of ${functions.length + 1} bundles`,
    );
  }
  const floorSamples = samples.get("floor") ?? [];
  const floorMs = median(floorSamples);
  const figures = functions
    .map((fn) => {
      const file = join(fn.dir, readdirSync(fn.dir).find((f) => f.endsWith(".mjs")) ?? "index.mjs");
      const bytes = statSync(file).size;
      const ms = median(samples.get(fn.name) ?? []);
      return {
        name: fn.name,
        bytes,
        kb: round(bytes / 1024, 1),
        importMsMedian: round(ms),
        importMsMin: round(Math.min(...(samples.get(fn.name) ?? []))),
        // paired by round: each bundle against the floor imported moments before it
        importVsFloor: round(
          median((samples.get(fn.name) ?? []).map((t, i) => t / (floorSamples[i] ?? Number.NaN))),
        ),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    floor: {
      bytes: floorBytes,
      kb: round(floorBytes / 1024, 1),
      importMsMedian: round(floorMs),
      importMsMin: round(Math.min(...(samples.get("floor") ?? []))),
    },
    functions: figures,
    importRuns: runs,
  };
}
