/**
 * The console in a real browser (Debian's Chromium) against the local stack with the demo
 * province: bytes over the wire for each role's first screen (sign-in → the page, JS + CSS as
 * served: precompressed), the time from navigation to the page filled against the time of the API
 * calls it needs (both measured in the browser, in the same run), and the size of every page chunk.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildConsole } from "../../functions/console/build";
import type { BuildManifest } from "../../functions/console/manifest";
import type { RunningDynamoDb } from "../../infra/local/dynamodb";
import { CONSOLE_DIST } from "../../infra/local/stack";
import { setNow } from "../../shared/lib/clock";
import { launchBrowser, newContext } from "../support/chromium";
import { startBenchStack } from "./harness";
import { median, progress, round } from "./stats";

export const CONSOLE_BUDGETS = { cityFirstScreenKb: 300, provinceFirstScreenKb: 450 };

interface Journey {
  /** JS + CSS bytes over the wire (compressed bodies + headers) from sign-in to the filled page */
  jsCssKb: number;
  /** every byte over the wire on the way (HTML, JS, CSS, API JSON) */
  allKb: number;
  requests: number;
  /** navigation start → page filled, and the API calls of that navigation, medians over the runs */
  filledMs: number;
  apiMs: number;
  apiCalls: number;
  runs: number;
}

interface Sized {
  name: string;
  rawKb: number;
  gzipKb: number;
  brotliKb: number;
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof newContext>>["newPage"]>>;

/** Navigation start → `ready()` in the page, and the /v1/ calls of that navigation (resource timing). */
type Ready = () => boolean;

async function timed(
  page: Page,
  ready: Ready,
): Promise<{ filledMs: number; apiMs: number; apiCalls: number }> {
  const filledMs = await page
    .waitForFunction(ready, undefined, { timeout: 60_000 })
    .then(() => page.evaluate(() => performance.now()));
  const api = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => new URL(e.name).pathname.startsWith("/v1/"))
      .map((e) => ({ start: e.startTime, end: (e as unknown as { responseEnd: number }).responseEnd })),
  );
  const first = Math.min(...api.map((e) => e.start));
  const last = Math.max(...api.map((e) => e.end));
  return { filledMs, apiMs: api.length ? last - first : 0, apiCalls: api.length };
}

async function journey(url: string, identity: string, ready: Ready, runs: number): Promise<Journey> {
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    let jsCss = 0;
    let all = 0;
    let requests = 0;
    const pending: Promise<void>[] = [];
    let counting = true;
    page.on("response", (response) => {
      if (!counting) return;
      pending.push(
        response
          .request()
          .sizes()
          .then((sizes) => {
            const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
            const type = response.request().resourceType();
            requests++;
            all += bytes;
            if (type === "script" || type === "stylesheet") jsCss += bytes;
          })
          .catch(() => undefined),
      );
    });
    await page.goto(url);
    await page.getByRole("button", { name: identity, exact: true }).click();
    await page.waitForURL(url);
    const first = await timed(page, ready);
    counting = false;
    await Promise.all(pending);
    const samples = [first];
    for (let i = 1; i < runs; i++) {
      // a return visit: the session is in the tab, the hashed assets in the browser's cache
      await page.reload();
      samples.push(await timed(page, ready));
    }
    return {
      jsCssKb: round(jsCss / 1024, 1),
      allKb: round(all / 1024, 1),
      requests,
      filledMs: round(median(samples.map((s) => s.filledMs)), 0),
      apiMs: round(median(samples.map((s) => s.apiMs)), 0),
      apiCalls: first.apiCalls,
      runs,
    };
  } finally {
    await browser.close();
  }
}

function chunks(): Sized[] {
  const manifest = JSON.parse(readFileSync(join(CONSOLE_DIST, "build.json"), "utf8")) as BuildManifest;
  const byName = new Map<string, Sized>();
  for (const [path, file] of Object.entries(manifest.files)) {
    if (!/\.(js|css)$/.test(path)) continue;
    const name = path.replace(/^\/assets\//, "").replace(/-[\w-]{8}\.(js|css)$/, ".$1");
    byName.set(name, {
      name,
      rawKb: round(file.size / 1024, 1),
      gzipKb: round((file.encodings.gzip ?? file.size) / 1024, 1),
      brotliKb: round((file.encodings.br ?? file.size) / 1024, 1),
    });
  }
  return [...byName.values()].sort((a, b) => b.brotliKb - a.brotliKb);
}

export async function measureConsole(dynamo: RunningDynamoDb, runs = 5) {
  await buildConsole({ log: progress });
  progress("console: starting the local stack with the demo province …");
  const stack = await startBenchStack(dynamo, {
    name: "console",
    tableName: `bench-console-${Date.now()}`,
    seedDemo: true,
  });
  // June 2019's reporting window, as a city would open 月度填报
  setNow("2019-07-03T10:00:00+08:00");
  try {
    progress("console: 长春市 city-reporter → 月度填报 …");
    const city = await journey(
      `${stack.url}/tenants/changchun/years/2019/reports/2019-06`,
      "长春市 city-reporter",
      () => {
        const cells = [...(globalThis as any).document.querySelectorAll("table.entry input")];
        return cells.length > 0 && cells.every((c: { value: string }) => c.value !== "");
      },
      runs,
    );
    progress("console: 吉林省 province-admin → 进度总览 with its charts …");
    const province = await journey(
      `${stack.url}/provinces/jl/years/2019/rollup?period=2019-12`,
      "吉林省 province-admin",
      () => {
        const doc = (globalThis as any).document;
        // both charts drawn (ECharts' SVG renderer) and the rollup table with every unit
        return (
          doc.querySelector("[data-testid=completion-chart] svg") !== null &&
          doc.querySelector("[data-testid=trend-chart] svg") !== null &&
          doc.querySelectorAll("[data-testid=rollup-table] tbody tr").length >= 12
        );
      },
      runs,
    ).catch((error: unknown) => {
      progress(`console: the province journey did not complete: ${String(error)}`);
      return undefined;
    });
    return {
      city,
      province,
      chunks: chunks(),
      budgets: {
        cityFirstScreenWithin300Kb: city.jsCssKb <= CONSOLE_BUDGETS.cityFirstScreenKb,
        provinceFirstScreenWithin450Kb:
          province !== undefined && province.jsCssKb <= CONSOLE_BUDGETS.provinceFirstScreenKb,
      },
    };
  } finally {
    setNow(null);
    await stack.stop();
  }
}
