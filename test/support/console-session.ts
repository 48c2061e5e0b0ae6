/**
 * What every end-to-end suite sets up the same way: the local stack with the demo province, the
 * clock, Chromium with one context and one page, closed again after the suite; a second signed-in
 * page in a context of its own; and the Excel template a page offers for download.
 */
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { setNow } from "../../shared/lib/clock";
import { launchBrowser, newContext, openPage, openSignedIn } from "./browser";
import { startTestStack, type TestStack } from "./stack";

export interface ConsoleSession {
  t: TestStack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export interface ConsoleStackOptions {
  /** the page's name in failure screenshots */
  page: string;
  /** the service's clock for the suite */
  now?: string;
  viewport?: { width?: number; height?: number };
  /** browser permissions granted to the stack's origin */
  permissions?: string[];
}

/**
 * The suite's stack and browser: started before its first test, stopped after its last. The
 * returned session is filled in once the suite's `beforeAll` has run.
 */
export function useConsoleStack(options: ConsoleStackOptions): ConsoleSession {
  const session = {} as ConsoleSession;
  beforeAll(async () => {
    session.t = await startTestStack({ seedDemo: true });
    if (options.now) setNow(options.now);
    session.browser = await launchBrowser();
    session.context = await newContext(session.browser, options.viewport);
    if (options.permissions)
      await session.context.grantPermissions(options.permissions, { origin: session.t.url });
    session.page = await openPage(session.context, options.page);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.t?.stop();
  });
  return session;
}

/**
 * In a context of its own (another person at another browser): open `url` signed in as `label`,
 * run `use` with the page, and close the context whatever happens.
 */
export async function withSignedInPage(
  browser: Browser,
  who: { name: string; url: string; label: string; ready: (page: Page) => Locator },
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await newContext(browser);
  try {
    const page = await openPage(context, who.name);
    await openSignedIn(page, who.url, who.label, who.ready(page));
    await use(page);
  } finally {
    await context.close();
  }
}

/** Click 下载模板 on the page: the downloaded .xlsx, opened, and its first sheet. */
export async function downloadTemplate(
  page: Page,
): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "下载模板" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(String(await download.path()));
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("the template has no sheet");
  return { workbook, sheet };
}
