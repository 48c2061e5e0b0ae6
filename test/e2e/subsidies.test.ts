/**
 * The subsidy pages in Chromium through the local stack (the demo province): the public catalogue
 * of Changchun on a date (the provincial standard and Changchun's raise side by side, with the
 * documents), the calculator filled from the keyboard with the README's graduate and its answer
 * reproduced from the shared URL in a fresh browser; as 长春市 city-admin, a top-up below the
 * provincial standard refused at its parameter, a valid one saved into the versions, a typed value
 * kept over a reload; a local program created after its errors stood at their fields.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentScreenshot, expectAccessible, newContext, openPage, openSignedIn } from "../support/browser";
import { useConsoleStack } from "../support/console-session";
import type { TestStack } from "../support/stack";

const CATALOGUE = "/public/tenants/changchun/subsidies";
const README_BODY = {
  profile: { category: "graduate", graduationDate: "2019-07-01", degree: "master", keyUniversity: true },
  date: "2019-12-01",
};

const session = useConsoleStack({ page: "subsidies-public" });
let t: TestStack;
let browser: Browser;
let page: Page;
beforeAll(() => {
  ({ t, browser, page } = session);
});

/** The option chosen in an Element Plus select, as the user sees it. */
const chosen = (p: Page, id: string) => p.locator(`.el-select:has(#${id}) .el-select__placeholder`).first();

/** With the keyboard alone: open the focused select with `open`, go down `downs` options, choose with Enter. */
async function pickFromKeyboard(
  p: Page,
  id: string,
  open: "Enter" | "ArrowDown",
  downs: number,
): Promise<void> {
  await p.keyboard.press(open);
  await expect.poll(() => p.locator(`#${id}`).getAttribute("aria-expanded")).toBe("true");
  for (let i = 0; i < downs; i++) await p.keyboard.press("ArrowDown");
  await p.keyboard.press("Enter");
  await expect.poll(() => p.locator(`#${id}`).getAttribute("aria-expanded")).toBe("false");
}

describe("补贴政策 and 补贴测算, as the public without signing in", () => {
  it("shows the catalogue on a date: the provincial standard beside Changchun's, with the documents", async () => {
    await page.goto(`${t.url}${CATALOGUE}?date=2019-06-15`);
    await page.getByRole("heading", { name: "长春市就业创业补贴政策" }).waitFor();
    expect(await page.getByLabel("政策日期").inputValue()).toBe("2019-06-15");

    const loan = page.getByRole("article", { name: "创业担保贷款" });
    const raised = loan.getByRole("row", { name: /高校毕业生，且毕业日期/ });
    await expect
      .poll(() => raised.locator("td").allInnerTexts())
      .toEqual(["150,000 元", "300,000 元（已提高）"]);
    await loan.getByText("长春市已提标").waitFor();
    // the legal basis of each level: the province's document and Changchun's, with clauses
    await loan
      .getByText("吉林省人民政府关于进一步做好新形势下就业创业工作的实施意见（2015年） （十一）")
      .waitFor();
    await loan
      .getByText(/吉政函〔2020〕33号（通报长春市2019年措施：在长大学生创业者贴息贷款最高30万元） 一、（二）/)
      .waitFor();
    const startup = page.getByRole("article", { name: "一次性初创企业补贴" });
    await startup.getByText("吉政发〔2017〕32号 （七）").waitFor();
    await startup.getByText("正常经营月数不少于12个月").waitFor();
    const local = page.getByRole("article", { name: "企业引进重点院校本科及以上毕业生一次性安家费" });
    await local.getByText("长春市地方项目").waitFor();
    await expectAccessible(page, "补贴政策");

    // another date from the keyboard: before Changchun's raise and its local program
    const date = page.getByLabel("政策日期");
    await date.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2018-06-15");
    await page.keyboard.press("Enter");
    await page.waitForURL(/date=2018-06-15/);
    const before = page
      .getByRole("article", { name: "创业担保贷款" })
      .getByRole("row", { name: /高校毕业生，且毕业日期/ });
    await expect.poll(() => before.locator("td").allInnerTexts()).toEqual(["150,000 元", "150,000 元"]);
    expect(
      await page.getByRole("article", { name: "企业引进重点院校本科及以上毕业生一次性安家费" }).count(),
    ).toBe(0);
  });

  it("answers the README's graduate filled from the keyboard, and the shared URL gives the same answer", async () => {
    await page.goto(`${t.url}${CATALOGUE}?date=2019-12-01`);
    await page.getByRole("tab", { name: "补贴测算" }).click();
    await page.getByRole("heading", { name: "补贴测算" }).waitFor();

    await page.getByLabel("人员类别").focus();
    await pickFromKeyboard(page, "pf-category", "Enter", 1);
    await expect.poll(() => chosen(page, "pf-category").innerText()).toBe("高校毕业生");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2019-07-01");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.getByLabel("毕业日期").inputValue()).toBe("2019-07-01");
    await pickFromKeyboard(page, "pf-degree", "ArrowDown", 2);
    await expect.poll(() => chosen(page, "pf-degree").innerText()).toBe("硕士研究生");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await page.getByLabel("重点高校毕业").isChecked()).toBe(true);
    await page.getByRole("button", { name: "测算" }).focus();
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      date: "2019-12-01",
      category: "graduate",
      graduationDate: "2019-07-01",
      degree: "master",
      keyUniversity: "true",
    });
    await page.getByRole("status").filter({ hasText: "补助资金合计 80,000.00 元" }).waitFor();
    await page.getByRole("status").filter({ hasText: "创业担保贷款最高 300,000.00 元" }).waitFor();

    // every program as the API answers the README's request: applies or not, the exact amount
    const api = await t.call("POST", "/v1/public/tenants/changchun/entitlements", { body: README_BODY });
    expect(api.status, api.text).toBe(200);
    const results = page.getByRole("table", { name: "各补贴项目的测算结果" });
    for (const program of api.body.programs as Array<{ name: string; eligible: boolean; amount: string }>) {
      const cells = await results
        .getByRole("row", { name: new RegExp(`^${program.name}`) })
        .locator("td")
        .allInnerTexts();
      expect(cells[0], program.name).toBe(program.eligible ? "可申领" : "不符合条件");
      expect(cells[1], program.name).toBe(
        program.eligible ? program.amount.replace(/^\d+/, (i) => i.replace(/\B(?=(\d{3})+$)/g, ",")) : "—",
      );
    }
    expect(
      await results
        .getByRole("row", { name: /^创业担保贷款/ })
        .locator("td")
        .allInnerTexts(),
    ).toEqual(["可申领", "300,000.00", "150,000.00", "150,000.00"]);

    // the reasons, the unmet conditions and the documents, in Chinese
    const loan = page.getByRole("article", { name: "创业担保贷款" });
    await loan.getByText("省级标准150,000元，本市提标150,000元，合计300,000元").waitFor();
    await loan.getByText(/吉政函〔2020〕33号/).waitFor();
    const allowance = page.getByRole("article", { name: "企业引进重点院校本科及以上毕业生一次性安家费" });
    await allowance.getByText("补助 80,000.00 元").waitFor();
    const startup = page.getByRole("article", { name: "一次性初创企业补贴" });
    await startup.getByText("须首次创业（申请人：未填写）").waitFor();
    await startup.getByText("吉政发〔2017〕32号 （七）").waitFor();
    await expectAccessible(page, "补贴测算");
    // the picture for the README: the form, the summary and the first results
    await page
      .getByRole("tablist")
      .evaluate((el) =>
        (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: "start" }),
      );
    await page.mouse.move(0, 0);
    await documentScreenshot(page, "calculator");

    // the shared link, opened in a fresh browser, reproduces the answer
    const shared = await page.getByLabel("本次测算的链接（打开即得到相同结果）").inputValue();
    expect(shared).toBe(page.url());
    const fresh = await newContext(browser);
    try {
      const other = await openPage(fresh, "subsidies-shared");
      await other.goto(shared);
      await other.getByRole("heading", { name: "测算结果" }).waitFor();
      const table = (p: Page) => p.getByRole("table", { name: "各补贴项目的测算结果" }).innerText();
      expect(await table(other)).toBe(await table(page));
      expect(await chosen(other, "pf-degree").innerText()).toBe("硕士研究生");
    } finally {
      await fresh.close();
    }
  });

  it("keeps a number that is not one in its field, with its error, and does not put it into the URL", async () => {
    await page.goto(`${t.url}${CATALOGUE}?date=2019-12-01`);
    await page.getByRole("tab", { name: "补贴测算" }).click();
    await page.getByRole("heading", { name: "补贴测算" }).waitFor();
    const months = page.getByLabel("正常经营月数");
    await months.fill("1.2.3");
    await page.getByRole("button", { name: "测算", exact: true }).click();

    await page.locator("#pf-businessOperatingMonths-error").getByText("不是有效的数字").waitFor();
    expect(await months.inputValue()).toBe("1.2.3");
    expect(await months.getAttribute("aria-invalid")).toBe("true");
    expect(await months.getAttribute("aria-describedby")).toBe(
      "pf-businessOperatingMonths-error pf-businessOperatingMonths-hint",
    );
    await expect.poll(() => page.locator("#pf-businessOperatingMonths:focus").count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("businessOperatingMonths")).toBeNull();
    expect(await page.getByRole("heading", { name: "测算结果" }).count()).toBe(0);
    await expectAccessible(page, "补贴测算 with a wrong number");

    // another policy date opens the page anew: the text comes with it, still with its error
    const date = page.getByLabel("政策日期");
    await date.click();
    // the picker's panel is a named dialog
    await page.getByRole("dialog", { name: "选择日期" }).waitFor();
    await expectAccessible(page, "补贴测算 with the date picker open");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2019-11-01");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("date") === "2019-11-01");
    await page.locator("#pf-businessOperatingMonths-error").getByText("不是有效的数字").waitFor();
    expect(await page.getByLabel("正常经营月数").inputValue()).toBe("1.2.3");

    // corrected, it is calculated and shared like any other answer
    await months.fill("12");
    await page.getByRole("button", { name: "测算", exact: true }).click();
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    expect(new URL(page.url()).searchParams.get("businessOperatingMonths")).toBe("12");
    expect(await page.locator("#pf-businessOperatingMonths-error").innerText()).toBe("");
  });
});

describe("补贴提标 and 地方项目, as 长春市 city-admin", () => {
  let admin: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    admin = await newContext(browser);
    adminPage = await openPage(admin, "subsidies-admin");
  });
  afterAll(async () => admin?.close());

  const graduateTier = (p: Page) => p.getByLabel(/高校毕业生，且毕业日期.*（本市标准）/);

  it("refuses a top-up below the provincial standard at its parameter, then saves a valid one into the versions", async () => {
    const heading = adminPage.getByRole("heading", { name: "补贴提标", exact: true });
    await openSignedIn(adminPage, `${t.url}/tenants/changchun/subsidy-top-ups`, "长春市 city-admin", heading);
    await adminPage.getByRole("button", { name: /提标设置.*创业担保贷款/ }).click();
    await adminPage.getByRole("heading", { name: "提标设置：创业担保贷款" }).waitFor();
    // the provincial standard and the limit beside the parameter, as the API gives them
    const row = adminPage
      .getByRole("table", { name: /各项标准/ })
      .getByRole("row", { name: /高校毕业生，且毕业日期/ });
    expect((await row.locator("td").allInnerTexts()).slice(0, 2)).toEqual(["150,000 元", "未设上限"]);
    expect(await graduateTier(adminPage).inputValue()).toBe("300000");

    await graduateTier(adminPage).fill("120,000");
    // nothing typed is lost: the draft survives a reload
    await adminPage.reload();
    await adminPage.getByText("已恢复未保存的内容").waitFor();
    expect(await graduateTier(adminPage).inputValue()).toBe("120,000");

    await adminPage.getByRole("button", { name: "保存为新版本" }).click();
    const error = adminPage.locator('[id="tu-v-tiers.graduate-error"]');
    await error.getByText("（省级标准 150,000 元；提标上限 未设）").waitFor();
    expect(await error.innerText()).toContain("150000");
    expect(await graduateTier(adminPage).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(adminPage, "补贴提标 with the 422");

    await graduateTier(adminPage).fill("350,000");
    await adminPage.getByLabel("本市政策文件（文号或标题）").fill("长政发〔2020〕3号");
    await adminPage.getByLabel("条款", { exact: true }).fill("第二条");
    await adminPage.getByRole("button", { name: "保存为新版本" }).click();
    const versions = adminPage.getByRole("region", { name: "提标版本记录" });
    const v2 = versions.getByRole("row", { name: /第 2 版/ });
    await v2.waitFor();
    expect(await v2.innerText()).toContain("350,000 元");
    expect(await v2.innerText()).toContain("长政发〔2020〕3号 第二条");
    expect(await versions.getByRole("row", { name: /第 1 版/ }).innerText()).toContain("300,000 元");

    const token = await t.token("city-admin", { provinceId: "jl", tenantId: "changchun" });
    const history = await t.call("GET", "/v1/tenants/changchun/subsidy-top-ups/guarantee_loan/versions", {
      token,
    });
    expect(history.body.versions.map((v: { overrides: object }) => v.overrides)).toEqual([
      { "tiers.graduate": 300000 },
      { "tiers.graduate": 350000 },
    ]);
    expect(history.body.versions.at(-1).writtenBy).toBe("admin@changchun");
  });

  it("creates a local program: the API's errors stand at their fields, then it is saved with its version", async () => {
    const heading = adminPage.getByRole("heading", { name: "地方项目", exact: true });
    await openSignedIn(adminPage, `${t.url}/tenants/changchun/local-programs`, "长春市 city-admin", heading);
    await adminPage.getByRole("button", { name: "新增地方项目" }).click();
    await adminPage.getByLabel("项目代码").fill("graduate_internship");
    await adminPage.getByLabel("项目名称").fill("高校毕业生就业见习补贴");
    await adminPage.getByRole("button", { name: "添加申领条件" }).click();
    await adminPage.getByLabel("本市政策文件（文号或标题）").fill("长人社发〔2019〕12号");
    const from = adminPage.getByLabel("生效日期", { exact: true });
    await from.click();
    await adminPage.keyboard.press("Control+A");
    await adminPage.keyboard.type("2019-01-01");
    await adminPage.keyboard.press("Enter");
    // no amount, no condition value: the API's 400 names both, each shown at its input
    await adminPage.getByRole("button", { name: "保存地方项目" }).click();
    await expect.poll(() => adminPage.getByLabel("补贴金额").getAttribute("aria-invalid")).toBe("true");
    expect(await adminPage.locator("#lp-amount-error").innerText()).not.toBe("");
    const value = adminPage.getByLabel("申领条件第1条：人员类别的值");
    expect(await value.getAttribute("aria-invalid")).toBe("true");
    expect(await adminPage.locator("#lp-elig-0-value-error").innerText()).not.toBe("");
    await expectAccessible(adminPage, "地方项目 with errors");

    await adminPage.getByLabel("补贴金额").fill("1,800");
    await value.focus();
    await pickFromKeyboard(adminPage, "lp-elig-0-value", "Enter", 1);
    await expect.poll(() => chosen(adminPage, "lp-elig-0-value").innerText()).toBe("高校毕业生");
    await adminPage.getByRole("button", { name: "保存地方项目" }).click();
    await adminPage.getByRole("heading", { name: "版本记录：高校毕业生就业见习补贴" }).waitFor();
    const list = adminPage.getByRole("table", { name: /本市地方项目/ });
    expect(await list.getByRole("row", { name: /高校毕业生就业见习补贴/ }).innerText()).toContain("1,800 元");
    await adminPage
      .getByRole("region", { name: "地方项目版本记录" })
      .getByRole("row", { name: /第 1 版/ })
      .waitFor();

    // the public calculator now offers it to a graduate in Changchun
    const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", { body: README_BODY });
    expect(res.body.programs.find((p: { code: string }) => p.code === "graduate_internship")).toMatchObject({
      source: "local",
      eligible: true,
      amount: "1800.00",
      basis: [{ level: "city", document: "长人社发〔2019〕12号", clause: null }],
    });
  });
});
