/**
 * The province admin's most used page and the year's set-up pages, end to end in Chromium through
 * the local stack (the demo province, the clock in January 2020): sign in and open 进度总览 for
 * 2019-12 — every unit with the fixture's year-end actuals and the API's completion, lagging cells
 * marked in text, two rendered charts, the first screen's wire bytes and timings measured; the
 * period picker in the URL; the CSV download; a unit added in 单位管理 with a field error; an
 * unlock given with the keyboard alone, and the late report and the new unit listed in the
 * rollup; a 2020 rulebook drafted from 2019's with live checks and an API field error at its field;
 * 2019's frozen; a city's token refused with 无权访问. axe-core on every page.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { documentScreenshot, expectAccessible, signInAs } from "../support/browser";
import { useConsoleStack, withSignedInPage } from "../support/console-session";
import { loadFixture } from "../support/fixture";
import type { ResponseOf } from "../support/responses";
import type { TestStack } from "../support/stack";

const NOW = "2020-01-20T10:00:00+08:00";
const ROLLUP = "/provinces/jl/years/2019/rollup";
const fixture = loadFixture();
const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });
const fraction = (f: string | null) => (f === null ? "—" : `${(Number(f) * 100).toFixed(2)}%`);

const session = useConsoleStack({
  page: "province-rollup",
  now: NOW,
  viewport: { width: 1280, height: 800 },
});
let t: TestStack;
let browser: Browser;
let page: Page;

type RollupBody = ResponseOf<"getRollup">;

async function apiRollup(period: string): Promise<RollupBody> {
  const token = await t.token("province-admin", { provinceId: "jl" });
  const res = await t.call<RollupBody>("GET", `/v1/provinces/jl/years/2019/rollup?period=${period}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** What the table shows: per unit row, each indicator cell's actual, completion and lagging mark. */
async function tableOf(p: Page) {
  return p.locator("[data-testid=rollup-table] tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const r = row as unknown as {
        getAttribute(n: string): string | null;
        querySelector(s: string): { textContent: string | null } | null;
        querySelectorAll(s: string): ArrayLike<{
          getAttribute(n: string): string | null;
          classList: { contains(c: string): boolean };
          querySelector(s: string): { textContent: string | null } | null;
        }>;
      };
      return {
        tenantId: r.getAttribute("data-tenant"),
        name: r.querySelector("th")?.textContent?.trim(),
        cells: Array.from(r.querySelectorAll("td[data-code]")).map((td) => ({
          code: td.getAttribute("data-code"),
          actual: td.querySelector(".actual")?.textContent?.trim(),
          completion: td.querySelector(".completion")?.textContent?.replace("完成率", "").trim(),
          lagging: td.classList.contains("lagging"),
          mark: td.querySelector(".lag-mark")?.textContent?.trim() ?? null,
        })),
      };
    }),
  );
}

function expectTableToBe(table: Awaited<ReturnType<typeof tableOf>>, api: RollupBody) {
  expect(table.map((r) => r.tenantId)).toEqual(api.tenants.map((x) => x.tenantId));
  for (const [i, tenant] of api.tenants.entries()) {
    const row = table[i];
    expect(row?.name).toBe(tenant.name);
    expect(row?.cells.map((c) => c.code)).toEqual(api.indicators.map((x) => x.code));
    for (const apiRow of tenant.rows) {
      const cell = row?.cells.find((c) => c.code === apiRow.code);
      expect(cell, `${tenant.name} ${apiRow.code}`).toEqual({
        code: apiRow.code,
        actual: apiRow.actual === null ? "—" : numberFormat.format(apiRow.actual),
        completion: fraction(apiRow.completion),
        lagging: apiRow.lagging,
        mark: apiRow.lagging ? "▼ 滞后" : null,
      });
    }
  }
}

/** When the page rendered its table and its charts, and when its rollup request started and ended. */
function timingsOf(p: Page) {
  return p.evaluate(() => {
    const rendered = performance.getEntriesByName("rollup:rendered")[0]?.startTime ?? 0;
    const chartsAt = performance.getEntriesByName("rollup:charts")[0]?.startTime ?? 0;
    const call = performance.getEntriesByType("resource").find((e) => e.name.includes("/rollup?")) as
      | { startTime: number; responseEnd: number }
      | undefined;
    return { rendered, charts: chartsAt, apiStart: call?.startTime ?? 0, apiEnd: call?.responseEnd ?? 0 };
  });
}

beforeAll(() => {
  ({ t, browser, page } = session);
});

describe("进度总览 as 吉林省 province-admin", () => {
  it("signs in to 2019-12's rollup: every unit with the fixture's year-end actuals, the API's completion and lagging, two charts, within the first-screen budget", async () => {
    const wire: Array<{ url: string; type: string; bytes: number; encoding: string }> = [];
    const pending: Promise<void>[] = [];
    const onResponse = (response: Response) => {
      const type = response.request().resourceType();
      if (type !== "script" && type !== "stylesheet") return;
      pending.push(
        response
          .request()
          .sizes()
          .then((sizes) => {
            wire.push({
              url: new URL(response.url()).pathname,
              type,
              // a copy from the browser's cache is not on the wire (Chromium reports it as ≤ 0)
              bytes: Math.max(0, sizes.responseBodySize),
              encoding: response.headers()["content-encoding"] ?? "identity",
            });
          })
          .catch(() => undefined),
      );
    };
    page.on("response", onResponse);
    await page.goto(`${t.url}${ROLLUP}?period=2019-12`);
    await signInAs(page, "吉林省 province-admin");
    await page.waitForURL(`${t.url}${ROLLUP}?period=2019-12`);
    await page.locator("[data-testid=rollup-table]").waitFor();
    await page.locator("[data-testid=completion-chart] svg").waitFor();
    await page.locator("[data-testid=trend-chart] svg").waitFor();
    await page.waitForFunction(() => performance.getEntriesByName("rollup:charts").length > 0);
    await page.waitForLoadState("networkidle");
    page.off("response", onResponse);
    await Promise.all(pending);

    // the numbers are the API's and the fixture's
    const api = await apiRollup("2019-12");
    const table = await tableOf(page);
    expectTableToBe(table, api);
    expect(table).toHaveLength(12);
    for (const row of table) {
      const actuals = fixture.actuals[row.tenantId ?? ""] ?? {};
      for (const cell of row.cells) {
        const value = actuals[cell.code ?? ""];
        expect(value, `${row.tenantId} ${cell.code}`).toBeDefined();
        expect(cell.actual).toBe(numberFormat.format(value as number));
      }
    }
    expect(table.flatMap((r) => r.cells).filter((c) => c.lagging).length).toBeGreaterThan(0);
    // province totals as the API sums them
    const totalJobs = api.totals.find((x) => x.code === "urban_new_jobs");
    await expect
      .poll(() => page.locator("tfoot td[data-code=urban_new_jobs] .actual").textContent())
      .toBe(numberFormat.format(totalJobs?.actual ?? 0));

    // the charts: a bar per unit with the expected-progress line, a unit's trend with its target line
    const bar = page.locator("[data-testid=completion-chart] svg");
    expect(await bar.locator("text", { hasText: "长春市" }).count()).toBeGreaterThan(0);
    expect(await bar.locator("text", { hasText: "时序进度" }).count()).toBeGreaterThan(0);
    expect(await bar.locator("path").count()).toBeGreaterThanOrEqual(12);
    const trend = page.locator("[data-testid=trend-chart] svg");
    expect(await trend.locator("text", { hasText: "年度目标" }).count()).toBeGreaterThan(0);
    expect(await trend.locator("text", { hasText: "12月" }).count()).toBeGreaterThan(0);

    // what the first screen cost: JS + CSS over the wire (precompressed brotli), the chart library included
    const jsCss = wire.reduce((n, w) => n + w.bytes, 0);
    const charts = wire.filter((w) => /\/assets\/charts-/.test(w.url));
    expect(charts.length, "the chart library is loaded on this page").toBe(1);
    // every file worth compressing came precompressed with brotli
    expect(wire.filter((w) => w.bytes > 600 && w.encoding !== "br")).toEqual([]);
    expect(jsCss).toBeLessThanOrEqual(450 * 1024);
    const timing = await timingsOf(page);
    // the bookmarked case: the page opened with a session in place
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName("rollup:charts").length > 0);
    const warm = await timingsOf(page);
    const figures = {
      jsCssWireBytes: jsCss,
      jsCssWireKB: Number((jsCss / 1024).toFixed(1)),
      chartLibraryWireKB: Number(((charts[0]?.bytes ?? 0) / 1024).toFixed(1)),
      files: wire.sort((a, b) => b.bytes - a.bytes),
      afterSignIn: timing,
      reload: warm,
    };
    const dir = join(process.cwd(), "test-results", "bench");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "province-first-screen.json"), `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(
      `province first screen: ${figures.jsCssWireKB} KB JS+CSS over the wire (charts ${figures.chartLibraryWireKB} KB, ${wire.length} files); ` +
        `reload: rollup call ${Math.round(warm.apiStart)}–${Math.round(warm.apiEnd)} ms, table ${Math.round(warm.rendered)} ms, charts ${Math.round(warm.charts)} ms after navigation\n`,
    );

    // the README's picture: the lagging units, the province totals and both charts
    await page.locator("tr[data-tenant=baicheng]").evaluate((el) => {
      (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: "start" });
    });
    await documentScreenshot(page, "rollup");
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await expectAccessible(page, "进度总览");
  });

  it("the period picker puts the period in the URL; the table follows the API's rollup of that period", async () => {
    await page.locator(".el-select", { has: page.locator("#period-pick") }).click();
    await page.getByRole("option", { name: "2019年6月" }).click();
    await page.waitForURL(`${t.url}${ROLLUP}?period=2019-06`);
    await page.locator("[data-testid=rollup-table]").waitFor();
    await expect.poll(() => page.locator(".page-head .muted").first().textContent()).toContain("2019年6月");
    expectTableToBe(await tableOf(page), await apiRollup("2019-06"));
    await page.getByText("50.00%").first().waitFor();
  });

  it("downloads the rollup as CSV, as the API writes it", async () => {
    await page.goto(`${t.url}${ROLLUP}?period=2019-12`);
    await page.locator("[data-testid=rollup-table]").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 CSV" }).click(),
    ]);
    const path = await download.path();
    const token = await t.token("province-admin", { provinceId: "jl" });
    const api = await t.call("GET", "/v1/provinces/jl/years/2019/rollup?period=2019-12&format=csv", {
      token,
    });
    const file = readFileSync(path, "utf8");
    // with the byte-order mark Excel and WPS need to read UTF-8 (the API's text here has it decoded away)
    expect(file.startsWith("\ufeff")).toBe(true);
    expect(file.replace(/^\ufeff/, "")).toBe(api.text.replace(/^\ufeff/, ""));
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });
});

describe("单位管理, 解锁 and the rollup's reporting lists", () => {
  it("adds a unit: a wrong division code is refused at its field, then the unit is listed in order", async () => {
    await page.goto(`${t.url}/provinces/jl/tenants`);
    await page.locator("[data-testid=units] tbody tr").nth(11).waitFor();
    expect(await page.locator("[data-testid=units] tbody th").allTextContents()).toEqual(
      fixture.tenants.map((x) => x.name),
    );
    await expectAccessible(page, "单位管理");
    await page.getByRole("button", { name: "新增单位" }).click();
    const dialog = page.getByRole("dialog", { name: "新增单位" });
    await dialog.getByLabel("单位标识").fill("changchun-xinqu");
    await dialog.getByLabel("单位名称").fill("长春新区");
    await dialog.getByLabel("机关简称（通报中使用）").fill("长春新区管委会");
    await dialog.getByLabel("显示顺序").fill("13");
    await dialog.getByLabel("行政区划代码（选填）").fill("2201");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("行政区划代码须为 6 位数字").waitFor();
    expect(await dialog.getByLabel("行政区划代码（选填）").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "单位管理 dialog");
    await dialog.getByLabel("行政区划代码（选填）").fill("220173");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(() => page.locator("[data-testid=units] tbody th").last().textContent())
      .toBe("长春新区");
    const token = await t.token("province-admin", { provinceId: "jl" });
    const res = await t.call("GET", "/v1/tenants/changchun-xinqu", { token });
    expect(res.body).toMatchObject({
      name: "长春新区",
      authorityName: "长春新区管委会",
      displayOrder: 13,
      divisionCode: "220173",
    });
  });

  it("unlocks 长春市's December with the keyboard alone; the unlock is listed and the late report shows in the rollup", async () => {
    await page.goto(`${t.url}/provinces/jl/years/2019/unlocks`);
    await page.getByRole("heading", { name: "解锁一个统计期" }).waitFor();
    await expectAccessible(page, "解锁");
    // keyboard only: choose the unit by typing, keep the suggested period and time, type the reason, press 解锁
    await page.locator("#unlock-unit").focus();
    await page.keyboard.type("长春市");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#unlock-period-hint").textContent()).toContain("已锁定");
    await page.keyboard.press("Escape");
    await page.locator("#unlock-reason").focus();
    await page.keyboard.type("核对年报数据，补报12月");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "已解锁：长春市 2019年12月" }).waitFor();
    await page.locator("[data-testid=unlocks] tbody tr", { hasText: "核对年报数据" }).waitFor();
    expect(await page.locator("[data-testid=unlocks] tbody tr").first().textContent()).toContain("生效中");

    // the city revises December under the unlock: a late report
    const city = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
    const latest = await t.call("GET", "/v1/tenants/changchun/years/2019/reports", { token: city });
    const december = (latest.body.reports as Array<{ period: string; version: number; values: object }>).find(
      (r) => r.period === "2019-12",
    );
    const put = await t.call("PUT", "/v1/tenants/changchun/years/2019/reports/2019-12", {
      token: city,
      headers: { "if-match": `"${december?.version}"` },
      body: { values: december?.values, source: "实名制就业信息系统", reason: "补报更正" },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.late).toBe(true);

    await page.goto(`${t.url}${ROLLUP}?period=2019-12`);
    await page.locator("[data-testid=rollup-table]").waitFor();
    await expect.poll(() => page.getByTestId("late").textContent()).toBe("长春市");
    await expect.poll(() => page.getByTestId("not-reported").textContent()).toBe("长春新区");
    const api = await apiRollup("2019-12");
    expect(api.late).toEqual(["changchun"]);
    expect(api.notReported).toEqual(["changchun-xinqu"]);
    expectTableToBe(await tableOf(page), api);
  });
});

describe("考评细则", () => {
  it("2019's rulebook is frozen by the published circular and read-only", async () => {
    await page.goto(`${t.url}/provinces/jl/years/2019/rulebook`);
    await page.getByText("本年度考评细则已冻结").waitFor();
    await page.getByText("吉政函〔2020〕33号").first().waitFor();
    expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);
    await page.getByRole("cell", { name: "第 1 版（当前）" }).waitFor();
    await expectAccessible(page, "考评细则 (frozen)");
  });

  it("drafts 2020's from 2019's: live checks, an API field error at its field, then version 1 with who and when", async () => {
    await page.goto(`${t.url}/provinces/jl/years/2020/rulebook`);
    await page.getByRole("heading", { name: "尚无 2020 年度考评细则" }).waitFor();
    await page.getByRole("button", { name: "以 2019 年度细则为底稿" }).click();
    expect(await page.getByLabel("细则标题").inputValue()).toBe(
      "2020年度吉林省就业创业工作目标责任制考评细则",
    );
    await page.getByLabel("细则文号").fill("吉就组办〔2021〕1号");
    await expect.poll(() => page.getByTestId("weight-sum").textContent()).toBe("70");

    // live: a duplicate code, thresholds out of order, the weight sum
    const code2 = page.getByLabel("第 2 项指标 代码", { exact: true });
    await code2.fill("urban_new_jobs");
    await page.getByText("代码与第 1 项重复").waitFor();
    await page.getByLabel("良好 最低分").fill("95");
    await page.getByText("分数线须低于上一个等次").waitFor();
    await page.getByLabel("第 1 项指标 权重", { exact: true }).fill("20");
    await expect.poll(() => page.getByTestId("weight-sum").textContent()).toBe("75");
    await page.getByText("合计不是 100 分").waitFor();
    await expectAccessible(page, "考评细则 (form with errors)");
    await code2.fill("unemployed_reemployed");
    await page.getByLabel("良好 最低分").fill("80");
    await page.getByLabel("第 1 项指标 权重", { exact: true }).fill("15");

    // the API's own rule (a unit of at most 20 characters) stands at its field
    const unit = page.getByLabel("第 1 项指标 计量单位", { exact: true });
    await unit.fill("人（按实名制信息系统统计的城镇新增就业人数口径）");
    await page.getByRole("button", { name: "保存" }).click();
    const unitError = page.locator(`#${"err-body.indicators.0.unit".replace(/[^\w]+/g, "-")}`);
    await expect.poll(() => unitError.textContent()).not.toBe("");
    expect(await unit.getAttribute("aria-invalid")).toBe("true");
    await unit.fill("人");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存为第 1 版" }).waitFor();
    const row = page.locator("tr", { hasText: "第 1 版（当前）" });
    await row.waitFor();
    expect(await row.textContent()).toContain("admin@jl");
    expect(await row.textContent()).toContain("吉就组办〔2021〕1号");

    const token = await t.token("province-admin", { provinceId: "jl" });
    const stored = await t.call("GET", "/v1/provinces/jl/years/2020/rulebook", { token });
    const previous = await t.call("GET", "/v1/provinces/jl/years/2019/rulebook", { token });
    expect(stored.body.indicators).toEqual(previous.body.indicators);
    expect(stored.body.grades).toEqual(previous.body.grades);
    expect(stored.body).toMatchObject({
      version: 1,
      updatedBy: "admin@jl",
      documentNo: "吉就组办〔2021〕1号",
    });
  });
});

describe("a city's token on a province page", () => {
  it("shows 无权访问 with the reason", async () => {
    await withSignedInPage(
      browser,
      {
        name: "province-no-access",
        url: `${t.url}${ROLLUP}`,
        label: "长春市 city-reporter",
        ready: (city) => city.getByRole("heading", { name: "无权访问" }),
      },
      async (city) => {
        await city.getByText("本页面供省级管理员、省级评审员使用").waitFor();
        expect(await city.locator("[data-testid=rollup-table]").count()).toBe(0);
        await expectAccessible(city, "无权访问 (province page)");
      },
    );
  });
});
