/**
 * A city admin's pages in Chromium through the local stack: 本单位首页 (targets against 时序进度,
 * every period with its state and deadline), 工作亮点 (the 2000-character limit counted as the user
 * types), and 接口密钥 — a key created in the console, copied with its button, works on the API,
 * and revoking it in the console makes the very next request 401. All from the keyboard where a
 * user would, and axe-core on every page.
 */
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, openPage, openSignedIn } from "../support/browser";
import { useConsoleStack } from "../support/console-session";
import type { TestStack } from "../support/stack";

const session = useConsoleStack({
  page: "city-admin",
  now: "2019-07-03T10:00:00+08:00",
  permissions: ["clipboard-read", "clipboard-write"],
});
let t: TestStack;
let context: BrowserContext;
let page: Page;
beforeAll(() => {
  ({ t, context, page } = session);
});

describe("长春市 city-admin", () => {
  it("本单位首页 shows the targets against 时序进度 and every period with its state", async () => {
    await openSignedIn(
      page,
      `${t.url}/tenants/changchun/years/2019`,
      "长春市 city-admin",
      page.getByRole("heading", { name: "本单位首页" }),
    );
    const progress = page.getByRole("region", { name: "目标任务完成情况" });
    await progress.getByRole("rowheader", { name: "城镇新增就业人数" }).waitFor();
    await progress.getByText("160,000").waitFor();
    const periods = page.getByRole("region", { name: "各月填报情况" });
    await periods.getByRole("row", { name: /2019年6月.*填报中/ }).waitFor();
    await periods.getByRole("row", { name: /2019年5月.*已锁定/ }).waitFor();
    await page.getByText("2019年6月数据填报中").waitFor();
    // only the pages this role may use are offered
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const name of ["本单位首页", "月度填报", "工作亮点", "补贴提标", "地方项目", "接口密钥"])
      await nav.getByRole("link", { name }).waitFor();
    expect(await nav.getByRole("link", { name: "进度总览" }).count()).toBe(0);
    await expectAccessible(page, "本单位首页");
  });

  it("工作亮点 counts characters as the user types and refuses more than 2000 without cutting", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作亮点" }).click();
    const field = page.getByLabel("就业工作亮点", { exact: false });
    await field.waitFor();
    await field.fill("全市城镇新增就业稳步增长。");
    await page.getByText("13 / 2000 字").waitFor();
    await field.fill("就".repeat(2003));
    await page.getByText("2003 / 2000 字（超出 3 字）").waitFor();
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("超出 3 个字，请删减到 2000 字以内").waitFor();
    expect((await field.inputValue()).length).toBe(2003);
    await field.fill("全市城镇新增就业稳步增长，实名制台账全覆盖。");
    await page.getByRole("button", { name: "保存" }).click();
    await page
      .getByText(/已保存：第 \d+ 版/)
      .first()
      .waitFor();
    const token = await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
    const stored = await t.call("GET", "/v1/tenants/changchun/years/2019/highlights", { token });
    expect(stored.body.employment).toBe("全市城镇新增就业稳步增长，实名制台账全覆盖。");
    await expectAccessible(page, "工作亮点");
  });

  it("接口密钥: creates a key from the keyboard, copies it, uses it, revokes it — the next request is 401", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "接口密钥" }).click();
    await page.getByLabel("密钥名称").focus();
    await page.keyboard.type("市实名制就业系统");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "密钥已创建" });
    await dialog.waitFor();
    // the list is read again after the dialog opens: measure once the new key's row is there
    await page.locator("tbody tr", { hasText: "市实名制就业系统" }).waitFor();
    await expectAccessible(page, "接口密钥 (new key)");
    await dialog.getByRole("button", { name: "复制" }).click();
    await dialog.getByRole("button", { name: "已复制" }).waitFor();
    const key = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(key).toBe(await dialog.getByLabel(/的密钥$/).inputValue());

    const works = await t.call("GET", "/v1/tenants/changchun/years/2019/targets", { apiKey: key });
    expect(works.status).toBe(200);

    await dialog.getByRole("button", { name: "我已保存，关闭" }).click();
    const row = page.getByRole("row", { name: /市实名制就业系统/ });
    await row.getByRole("button", { name: "吊销" }).click();
    await page.getByRole("dialog", { name: "吊销密钥" }).getByRole("button", { name: "吊销" }).click();
    await row.getByText("已吊销").waitFor();
    const refused = await t.call("GET", "/v1/tenants/changchun/years/2019/targets", { apiKey: key });
    expect(refused.status).toBe(401);
    await expectAccessible(page, "接口密钥");
  });

  it("offers a city reporter none of the admin pages, and says 无权访问 on a deep link to one", async () => {
    const reporter = await openPage(context, "city-reporter-no-admin");
    await openSignedIn(
      reporter,
      `${t.url}/tenants/changchun/api-keys`,
      "长春市 city-reporter",
      reporter.getByRole("heading", { name: "无权访问" }),
    );
    const nav = reporter.getByRole("navigation", { name: "主导航" });
    await nav.getByRole("link", { name: "月度填报" }).waitFor();
    expect(await nav.getByRole("link", { name: "接口密钥" }).count()).toBe(0);
    await reporter.close();
  });
});
