/**
 * The browser side of the end-to-end suites: Debian's Chromium driven by playwright-core (no
 * browser download is reachable here), zh-CN and Asia/Shanghai, sign-in through the development
 * issuer's page, axe-core with no serious or critical violation allowed, and a screenshot of the
 * page when a test fails (`test-results/e2e/`).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { beforeEach, expect } from "vitest";

export { CHROMIUM, launchBrowser, newContext } from "./chromium";

const RESULTS = join(process.cwd(), "test-results", "e2e");

const open = new Map<Page, { name: string; errors: string[] }>();

// every test of a browser suite: when it fails, a screenshot of each open page and its page errors
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const [page, { name, errors }] of open) {
      if (page.isClosed()) continue;
      const file = join(RESULTS, `${name.replace(/[^\w-]+/g, "_")}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`screenshot of ${page.url()}: ${file}\n`);
      if (errors.length > 0) process.stderr.write(`page errors: ${errors.join(" | ")}\n`);
    }
  });
});

/** A page whose uncaught errors are kept, and which is photographed when a test fails. */
export async function openPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  const entry = { name, errors: [] as string[] };
  page.on("pageerror", (error) => entry.errors.push(error.message));
  page.on("close", () => open.delete(page));
  open.set(page, entry);
  return page;
}

/** On the development issuer's sign-in page: pick the identity whose button reads `label`. */
export async function signInAs(page: Page, label: string): Promise<void> {
  await page.getByRole("button", { name: label, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/local/") && !url.pathname.startsWith("/auth/"));
}

/**
 * Open a signed-in page: when the session is missing or has expired (the page then goes to the
 * sign-in page by itself), sign in as `label` and come back. `ready` is what the page shows once loaded.
 */
export async function openSignedIn(page: Page, url: string, label: string, ready: Locator): Promise<void> {
  await page.goto(url);
  const atSignIn = page.getByRole("heading", { name: "本地开发登录" });
  await atSignIn.or(ready).first().waitFor();
  if (await atSignIn.isVisible()) {
    await signInAs(page, label);
    await page.waitForURL(url);
  }
  await ready.waitFor();
}

export const SCREENSHOT_DIR = join(process.cwd(), "functions", "console", "screenshots");

/**
 * A screenshot for the README: always written to `test-results/screenshots/`; with
 * `SCREENSHOTS=update` also to `functions/console/screenshots/<name>.png` (committed, small).
 */
export async function documentScreenshot(page: Page, name: string): Promise<void> {
  const dirs = [join(process.cwd(), "test-results", "screenshots")];
  if (process.env.SCREENSHOTS === "update") dirs.push(SCREENSHOT_DIR);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false, scale: "css" });
  }
  if (viewport) await page.setViewportSize(viewport);
}

/**
 * axe-core on the page as it is: no serious or critical violation. A draft circular's 草稿
 * watermark is excluded: it is pure decoration (aria-hidden; WCAG 1.4.3 exempts incidental text)
 * and must stay faint to leave the document readable under it.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // a dialog still fading in leaves its mask half-transparent: measure colours once transitions
  // end (an endless animation, such as a spinner, does not hold the check up for long). A Vue
  // <Transition> (an Element Plus tag, a dialog) starts its CSS transition two frames after the
  // element is inserted, so let two frames pass first: a transition about to start is then running.
  await page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
  await page
    .waitForFunction("document.getAnimations().every((a) => a.playState !== 'running')", undefined, {
      timeout: 3000,
    })
    .catch(() => undefined);
  // one can still start after that wait (the 接口密钥 dialog's fade-in was seen 100 ms in when axe
  // began): finish every running animation, so the page is measured as it rests (an endless one
  // cannot finish and is left as it is)
  await page.evaluate(
    "document.getAnimations().forEach((a) => { try { if (a.playState === 'running') a.finish(); } catch {} })",
  );
  const result = await new AxeBuilder({ page })
    .exclude(".draft-mark")
    .exclude(["iframe", ".draft-mark"])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} (${n.any[0]?.message ?? ""})`).join("; ")}`,
    );
  expect(bad, `${what}: accessibility violations`).toEqual([]);
}

/** Paste text into the focused element as a spreadsheet copy would arrive (a real paste event). */
export async function pasteInto(page: Page, selector: { label: string }, text: string): Promise<void> {
  const target = page.getByLabel(selector.label, { exact: true });
  await target.focus();
  // runs in the page, where DataTransfer and ClipboardEvent exist (this file is type-checked without the DOM lib)
  await target.evaluate((el, data) => {
    const w = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => unknown;
    };
    const transfer = new w.DataTransfer();
    transfer.setData("text/plain", data);
    (el as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(
      new w.ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}
