/**
 * A city reporter's month in the console, end to end in Chromium through the local stack (the
 * demo province, the clock in June 2019's reporting window): sign in through the development
 * issuer, revise the June report from the keyboard and by pasting a block copied from a
 * spreadsheet, see it in the versions (and in the API's), see a locked period explained, be
 * import the period's template edited in Excel (dry run, then commit), be
 * refused another city, get the 412 choice when two tabs save, keep typed values over a reload
 * and over an expired session.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { setNow } from "../../shared/lib/clock";
import {
  documentScreenshot,
  expectAccessible,
  openPage,
  openSignedIn,
  pasteInto,
  signInAs,
} from "../support/browser";
import { downloadTemplate, useConsoleStack } from "../support/console-session";
import type { TestStack } from "../support/stack";

const IN_WINDOW = "2019-07-03T10:00:00+08:00";
const REPORT = "/tenants/changchun/years/2019/reports/2019-06";

const session = useConsoleStack({ page: "city-report", now: IN_WINDOW });
let t: TestStack;
let context: BrowserContext;
let page: Page;

async function versions(period = "2019-06") {
  // a token of the service's current time (tests move the clock)
  const token = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
  const res = await t.call("GET", `/v1/tenants/changchun/years/2019/reports/${period}/versions`, { token });
  expect(res.status).toBe(200);
  return res.body.versions as Array<{
    version: number;
    values: Record<string, number>;
    reason?: string;
    submittedBy: string;
    late: boolean;
  }>;
}

const cell = (p: Page, name: string) => p.getByLabel(name, { exact: true });

beforeAll(async () => {
  ({ t, context, page } = session);
  await page.goto(`${t.url}${REPORT}`);
  await signInAs(page, "长春市 city-reporter");
  await page.waitForURL(`${t.url}${REPORT}`);
  await cell(page, "城镇新增就业人数").waitFor();
});

describe("月度填报 as 长春市 city-reporter", () => {
  it("revises a value from the keyboard with a reason; the API's versions show it, the page shows it saved", async () => {
    const before = await versions();
    await cell(page, "城镇新增就业人数").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("87,000");
    await page.keyboard.press("Tab");
    // Tab went to the next indicator's cell; full-width digits are understood
    await page.keyboard.press("Control+A");
    await page.keyboard.type("３０５００");
    await expect.poll(() => cell(page, "城镇失业人员再就业人数").inputValue()).toBe("３０５００");
    await page.getByLabel("修改原因", { exact: false }).fill("补录6月下旬实名制数据");
    await page.getByRole("button", { name: "提交" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已提交：第 ${before.length + 1} 版` })
      .waitFor();
    await documentScreenshot(page, "monthly-report");

    const after = await versions();
    const latest = after.at(-1);
    expect(after).toHaveLength(before.length + 1);
    expect(latest?.values.urban_new_jobs).toBe(87000);
    expect(latest?.values.unemployed_reemployed).toBe(30500);
    expect(latest?.reason).toBe("补录6月下旬实名制数据");
    expect(latest?.submittedBy).toBe("reporter@changchun");
    // the saved cells say so
    await expect.poll(() => page.locator("td.state-saved").count()).toBeGreaterThanOrEqual(2);
  });

  it("pastes a column copied from Excel, submits it, and shows it in the versions", async () => {
    const block = "87,100\r\n30,600\r\n9,700\r\n";
    await pasteInto(page, { label: "城镇新增就业人数" }, block);
    await expect.poll(() => cell(page, "就业困难人员实现就业人数").inputValue()).toBe("9,700");
    expect(await cell(page, "城镇新增就业人数").inputValue()).toBe("87,100");
    await page.getByLabel("修改原因", { exact: false }).fill("按台账更正");
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByRole("status").filter({ hasText: "已提交：" }).waitFor();
    const latest = (await versions()).at(-1);
    expect(latest?.values).toMatchObject({
      urban_new_jobs: 87100,
      unemployed_reemployed: 30600,
      hard_to_employ_employed: 9700,
    });

    await page.getByRole("button", { name: "查看全部版本" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("按台账更正").waitFor();
    await expect.poll(() => dialog.getByText("87,100").count()).toBeGreaterThan(0);
    await expectAccessible(page, "月度填报 versions");
    await dialog.getByRole("button", { name: "关闭" }).last().click();
  });

  it("imports the period's template from Excel: a dry run shows the change and the wrong cell, nothing written until 确认导入", async () => {
    const before = await versions();
    const { workbook, sheet } = await downloadTemplate(page);
    const rowOf = (first: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === first) found = n;
      });
      if (!found) throw new Error(`no row ${first} in the template`);
      return found;
    };
    const jobs = rowOf("urban_new_jobs");
    const hard = rowOf("hard_to_employ_employed");
    // the template holds the current version's values
    expect(sheet.getCell(jobs, 6).value).toBe(before.at(-1)?.values.urban_new_jobs);
    sheet.getCell(jobs, 6).value = 88000;
    sheet.getCell(hard, 6).value = "九千";
    sheet.getCell(rowOf("修改原因"), 2).value = "按报表导入";
    const file = join(mkdtempSync(join(tmpdir(), "report-import-")), "6月.xlsx");
    await workbook.xlsx.writeFile(file);

    await page.locator('input[type="file"]').setInputFiles(file);
    const dialog = page.getByRole("dialog", { name: "导入预览" });
    // the jobs value and the reason change; the text in a number cell is named at its cell
    await dialog.getByText(/试导入（未写入）：新增 0 · 修改 2 · 未变 \d+ · 有误 1/).waitFor();
    const wrong = dialog.locator("tr", { hasText: "就业困难人员实现就业人数" });
    expect(await wrong.textContent()).toContain(`F${hard}`);
    expect(await wrong.textContent()).toContain("有误");
    expect(await dialog.locator("tr", { hasText: "城镇新增就业人数" }).textContent()).toMatch(
      /87,100 → 88,000/,
    );
    expect(await dialog.getByRole("button", { name: "确认导入" }).isDisabled()).toBe(true);
    await expectAccessible(page, "月度填报 import preview");
    expect(await versions()).toHaveLength(before.length);
    await dialog.getByRole("button", { name: "取消" }).click();

    sheet.getCell(hard, 6).value = 9700;
    await workbook.xlsx.writeFile(file);
    await page.locator('input[type="file"]').setInputFiles(file);
    await dialog.getByText("有误 0").waitFor();
    await dialog.getByRole("button", { name: "确认导入" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已从表格导入并提交：第 ${before.length + 1} 版` })
      .waitFor();
    const after = await versions();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      reason: "按报表导入",
      values: { urban_new_jobs: 88000, hard_to_employ_employed: 9700 },
    });
    expect(await cell(page, "城镇新增就业人数").inputValue()).toBe("88,000");
  });

  it("refuses a pasted row for a one-column grid instead of transposing it", async () => {
    const value = await cell(page, "城镇新增就业人数").inputValue();
    await pasteInto(page, { label: "城镇新增就业人数" }, "1\t2\t3\r\n");
    await page.getByText("复制的是一行").waitFor();
    expect(await cell(page, "城镇新增就业人数").inputValue()).toBe(value);
  });

  it("keeps a typed value over a reload", async () => {
    await cell(page, "农民工向农技工转型培训人数").fill("7,999");
    await page.reload();
    await cell(page, "农民工向农技工转型培训人数").waitFor();
    expect(await cell(page, "农民工向农技工转型培训人数").inputValue()).toBe("7,999");
    await page.getByText("已恢复未提交的内容").waitFor();
    await expectAccessible(page, "月度填报");
    await page.getByRole("button", { name: "放弃这些修改" }).click();
    expect(await cell(page, "农民工向农技工转型培训人数").inputValue()).toBe("7,912");
  });

  it("shows both versions and lets the user choose when another tab saved first (412)", async () => {
    const other = await openPage(context, "city-report-tab2");
    await other.goto(`${t.url}${REPORT}`);
    await signInAs(other, "长春市 city-reporter");
    await cell(other, "发放创业担保贷款").waitFor();

    await cell(page, "发放创业担保贷款").fill("39,000");
    await cell(other, "发放创业担保贷款").fill("39,100");
    await other.getByLabel("修改原因", { exact: false }).fill("第二个标签页");
    await other.getByRole("button", { name: "提交" }).click();
    await other.getByRole("status").filter({ hasText: "已提交：" }).waitFor();

    await page.getByLabel("修改原因", { exact: false }).fill("第一个标签页");
    await page.getByRole("button", { name: "提交" }).click();
    const dialog = page.getByRole("dialog", { name: "他人已先提交了新版本" });
    await dialog.waitFor();
    await dialog.getByText("39,000").waitFor();
    await dialog.getByText("39,100").waitFor();
    // nothing was overwritten
    expect((await versions()).at(-1)?.values.guarantee_loans_issued).toBe(39100);
    await dialog.getByRole("button", { name: "保留我填写的数值" }).click();
    await page.getByLabel("修改原因", { exact: false }).fill("核对后以本标签页为准");
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByRole("status").filter({ hasText: "已提交：" }).waitFor();
    expect((await versions()).at(-1)?.values.guarantee_loans_issued).toBe(39000);
    await other.close();
  });

  it("explains a locked period: when it closed and that the province can unlock it", async () => {
    await page.goto(`${t.url}/tenants/changchun/years/2019/reports/2019-05`);
    await page.getByText("2019年5月已锁定").waitFor();
    await page.getByText("2019年6月10日 24:00").first().waitFor();
    await page.getByText("请联系省级主管部门解锁").first().waitFor();
    expect(await cell(page, "城镇新增就业人数").getAttribute("readonly")).not.toBeNull();
    expect(await page.getByRole("button", { name: "提交" }).isDisabled()).toBe(true);
  });

  it("shows the 423 with its closing time when the window closes while the page is open", async () => {
    // the evening of the deadline day: sign in afresh (tokens live 12 hours of the service's clock)
    setNow("2019-07-10T20:00:00+08:00");
    try {
      await openSignedIn(page, `${t.url}${REPORT}`, "长春市 city-reporter", cell(page, "城镇新增就业人数"));
      await cell(page, "城镇新增就业人数").fill("87,200");
      await page.getByLabel("修改原因", { exact: false }).fill("截止后提交");
      setNow("2019-07-11T00:30:00+08:00");
      await page.getByRole("button", { name: "提交" }).click();
      await page.getByText("提交未成功：本期已于 2019年7月10日 24:00 截止").waitFor();
      await page.getByText("2019年6月已锁定").waitFor();
      expect((await versions()).at(-1)?.values.urban_new_jobs).not.toBe(87200);
    } finally {
      setNow(IN_WINDOW);
    }
  });

  it("refuses another city's page with 无权访问", async () => {
    await openSignedIn(
      page,
      `${t.url}/tenants/jilin/years/2019/reports/2019-06`,
      "长春市 city-reporter",
      page.getByRole("heading", { name: "无权访问" }),
    );
    await page.getByRole("heading", { name: "无权访问" }).waitFor();
    await page.getByText("不能访问其他单位的页面").waitFor();
    await expectAccessible(page, "无权访问");
  });

  it("after the session expires, signs in again and comes back to the page with the typed value", async () => {
    // a fresh session at the window's time: its token lives until 22:00 of the service's clock
    await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear(),
    );
    await openSignedIn(page, `${t.url}${REPORT}`, "长春市 city-reporter", cell(page, "城镇新增就业人数"));
    await cell(page, "城镇新增就业人数").fill("87,300");
    await page.getByLabel("修改原因", { exact: false }).fill("会话过期后继续提交");
    // the token lives 12 hours of the service's clock
    setNow("2019-07-03T23:30:00+08:00");
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/local/oidc/authorize"));
    await signInAs(page, "长春市 city-reporter");
    await expect.poll(() => page.url()).toBe(`${t.url}${REPORT}`);
    await cell(page, "城镇新增就业人数").waitFor();
    expect(await cell(page, "城镇新增就业人数").inputValue()).toBe("87,300");
    expect(await page.getByLabel("修改原因", { exact: false }).inputValue()).toBe("会话过期后继续提交");
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByRole("status").filter({ hasText: "已提交：" }).waitFor();
    expect((await versions()).at(-1)?.values.urban_new_jobs).toBe(87300);
  });
});
