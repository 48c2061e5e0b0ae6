/**
 * The province's assessment year from scoring to the published circular, end to end in Chromium
 * through the local stack (the demo province): as admin, start a scoring run and see 7 优秀 and 5
 * 良好 in official order with each unit's explanation and the hashes, and a what-if beside the
 * run; draft the correcting circular as one admin, fail to approve it as the same admin with the
 * reason shown, edit it with If-Match, approve it as the second admin, publish it and read it on
 * the public page with the same hash; paste a block of targets from a spreadsheet and see the
 * province total change, one row refused with its reason; import the targets template edited
 * in Excel (dry run with one change and one wrong cell, then commit); as reviewer, save a review. axe-core on
 * every page (the public reading view's in public-circular.test.ts).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  documentScreenshot,
  expectAccessible,
  newContext,
  openPage,
  openSignedIn,
  pasteInto,
} from "../support/browser";
import { downloadTemplate, useConsoleStack, withSignedInPage } from "../support/console-session";
import { loadFixture } from "../support/fixture";
import type { TestStack } from "../support/stack";

const NOW = "2020-04-20T10:00:00+08:00";
const BASE = "/provinces/jl/years/2019";
const fixture = loadFixture();
const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

const session = useConsoleStack({ page: "province-assessment", now: NOW });
let t: TestStack;
let browser: Browser;
let page: Page;
let runId = "";
let circularId = "";

const adminToken = () => t.token("province-admin", { provinceId: "jl", sub: "admin@jl" });

beforeAll(() => {
  ({ t, browser, page } = session);
});

describe("考评结果", () => {
  it("starts a scoring run from the page: 7 优秀 and 5 良好 in official order, as the fixture expects", async () => {
    await openSignedIn(
      page,
      `${t.url}${BASE}/scoring-runs`,
      "吉林省 province-admin",
      page.getByRole("button", { name: "开始考评" }),
    );
    // the button shows while the runs are still being read: wait for the list itself
    await page.locator("[data-testid=runs] tbody tr").first().waitFor();
    const before = await page.locator("[data-testid=runs] tbody tr").count();
    expect(before).toBe(1);
    await expectAccessible(page, "考评结果 (runs)");
    await page.getByRole("button", { name: "开始考评" }).click();
    await page.waitForURL(/\/scoring-runs\/[0-9a-z]+$/);
    runId = page.url().split("/").at(-1) ?? "";
    await page.getByTestId("grade-line").first().waitFor();

    const inOrder = (grade: string) =>
      fixture.tenants
        .filter((x) => fixture.expected.find((e) => e.tenantId === x.id)?.grade === grade)
        .map((x) => x.name);
    expect(inOrder("优秀")).toHaveLength(7);
    expect(inOrder("良好")).toHaveLength(5);
    expect(await page.getByTestId("grade-line").allTextContents()).toEqual([
      `优秀（7 个）：${inOrder("优秀").join("、")}`,
      `良好（5 个）：${inOrder("良好").join("、")}`,
    ]);

    // the table is the API's run: rank, unit, total, grade
    const res = await t.call("GET", `/v1${BASE}/scoring-runs/${runId}`, { token: await adminToken() });
    expect(res.status).toBe(200);
    const rows = await page.locator("[data-testid=results] > tbody > tr[data-tenant]").evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = Array.from(
          (tr as unknown as { children: ArrayLike<{ textContent: string | null }> }).children,
        );
        return cells.slice(0, 4).map((c) => c.textContent?.trim() ?? "");
      }),
    );
    const expected = [
      ...(res.body.results as Array<{ rank: number; name: string; total: string; grade: string }>),
    ]
      .sort((a, b) => a.rank - b.rank)
      .map((r) => [String(r.rank), r.name, r.total, r.grade]);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]?.slice(0, 2)])).toEqual(expected);
    for (const e of fixture.expected) {
      const r = (
        res.body.results as Array<{ tenantId: string; total: string; rank: number; grade: string }>
      ).find((x) => x.tenantId === e.tenantId);
      expect(r).toMatchObject({ total: e.total, rank: e.rank, grade: e.grade });
    }
    expect(await page.getByTestId("inputs-hash").textContent()).toBe(res.body.inputsHash);
    expect(await page.getByTestId("results-hash").textContent()).toBe(res.body.resultsHash);

    // each unit's explanation, line by line with the formula
    const toggle = page.locator("tr[data-tenant=changchun] button[aria-controls=explain-changchun]");
    expect(await toggle.textContent()).toBe("计分明细：长春市");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const explain = page.locator("#explain-changchun");
    await explain.getByText("城镇新增就业人数").first().waitFor();
    const line = (
      res.body.results as Array<{
        tenantId: string;
        lines: Array<{ kind: string; code?: string; formula?: string; points: string }>;
      }>
    )
      .find((x) => x.tenantId === "changchun")
      ?.lines.find((l) => l.kind === "indicator" && l.code === "urban_new_jobs");
    await explain.getByText(line?.formula ?? "—", { exact: true }).waitFor();
    expect(await explain.locator("tfoot").textContent()).toContain("100.20");
  });

  it("what-if: 公主岭市 with doubled jobs and full review marks, beside the run, every change highlighted", async () => {
    await page.getByRole("tab", { name: "单位数据" }).click();
    await page.locator(".el-select", { has: page.locator("#whatif-unit") }).click();
    await page.getByRole("option", { name: "公主岭市" }).click();
    const target = fixture.targets.gongzhuling?.urban_new_jobs ?? 0;
    await page.getByLabel("公主岭市 城镇新增就业人数 模拟年末实际").fill(String(target * 2));
    for (const item of (
      fixture.rulebook as unknown as { reviewItems: Array<{ name: string; maxScore: number }> }
    ).reviewItems)
      await page.getByLabel(`公主岭市 ${item.name} 模拟评审得分`).fill(String(item.maxScore));
    await page.getByRole("button", { name: "模拟计算" }).click();
    const compare = page.getByTestId("what-if");
    await compare.waitFor();
    const row = compare.locator("tr[data-tenant=gongzhuling]");
    expect(await row.getAttribute("class")).toContain("changed");

    const api = await t.call("POST", `/v1${BASE}/scoring-runs?dryRun=true`, {
      token: await adminToken(),
      body: {
        runId,
        overrides: {
          actuals: { gongzhuling: { urban_new_jobs: target * 2 } },
          reviews: {
            gongzhuling: {
              items: Object.fromEntries(
                (
                  fixture.rulebook as unknown as { reviewItems: Array<{ code: string; maxScore: number }> }
                ).reviewItems.map((i) => [i.code, i.maxScore]),
              ),
            },
          },
        },
      },
    });
    expect(api.status, api.text).toBe(200);
    const changed = await compare
      .locator("tbody tr.changed")
      .evaluateAll((trs) =>
        trs.map((tr) =>
          (tr as unknown as { getAttribute(n: string): string | null }).getAttribute("data-tenant"),
        ),
      );
    expect(changed.sort()).toEqual(
      (api.body.changes as Array<{ tenantId: string }>).map((c) => c.tenantId).sort(),
    );
    const mine = (
      api.body.changes as Array<{
        tenantId: string;
        baseline: { rank: number; total: string; grade: string };
        whatIf: { rank: number; total: string; grade: string };
      }>
    ).find((c) => c.tenantId === "gongzhuling");
    expect(mine?.whatIf.grade).toBe("优秀");
    const text = await row.textContent();
    expect(text).toContain(`总分 ${mine?.baseline.total} → ${mine?.whatIf.total}`);
    expect(text).toContain(`等次 ${mine?.baseline.grade} → ${mine?.whatIf.grade}`);
    if (mine?.baseline.rank !== mine?.whatIf.rank)
      expect(text).toContain(`名次 ${mine?.baseline.rank} → ${mine?.whatIf.rank}`);
    // the run's side is the run itself
    expect(await row.locator("td").nth(0).textContent()).toBe(mine?.baseline.total);
    await page.getByText("优秀 7 · 良好 5；模拟：优秀 8 · 良好 4").waitFor();
    await expectAccessible(page, "考评结果 (what-if)");
  });
});

describe("通报: draft → refused to its creator → edit → approved by a second admin → published → public", () => {
  it("drafts the correcting circular from the new run as 吉林省 province-admin", async () => {
    await page.goto(`${t.url}${BASE}/circulars?run=${runId}`);
    await page.getByRole("heading", { name: "创建通报草稿" }).waitFor();
    await expect.poll(() => page.getByLabel("文号").inputValue()).toBe("吉政函〔2020〕33号");
    await page.getByLabel("文号").fill("吉政函〔2020〕41号");
    await page.getByLabel("成文日期").fill("2020-04-20");
    await expectAccessible(page, "通报 (new draft)");
    await page.getByRole("button", { name: "创建草稿" }).click();
    await page.waitForURL(/\/circulars\/[0-9a-z]+$/);
    circularId = page.url().split("/").at(-1) ?? "";
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("草稿");
    await page.getByText("本通报发布后将更正并取代").waitFor();
    await page.getByTestId("preview").waitFor();
  });

  it("fails to approve it as the same admin, and says why", async () => {
    await page.getByText("本草稿由您创建").waitFor();
    await page.getByRole("button", { name: "审核通过" }).click();
    await page.getByText("不能审核通过：须由另一位省级管理员审核").waitFor();
    await page.getByText("本草稿由您（admin@jl）创建").waitFor();
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("草稿");
    const token = await adminToken();
    const stored = await t.call("GET", `/v1${BASE}/circulars/${circularId}`, { token });
    expect(stored.body.status).toBe("draft");
  });

  it("edits the draft (保存修改, If-Match) and the preview is the API's print HTML", async () => {
    const closing = page.getByLabel("结尾段落");
    await closing.fill(`${await closing.inputValue()}（经复核更正）`);
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.getByRole("status").filter({ hasText: "已保存修改（第 2 版" }).waitFor();
    const token = await adminToken();
    const html = await t.call("GET", `/v1${BASE}/circulars/${circularId}?format=html`, { token });
    await expect
      .poll(() => page.getByTestId("preview").evaluate((el) => (el as unknown as { srcdoc: string }).srcdoc))
      .toBe(html.text);
    expect(html.text).toContain("经复核更正");
    await expectAccessible(page, "通报 (draft)");
  });

  it("is approved by 吉林省（第二管理员） and published; the public page shows the same SHA-256 and the grade lines", async () => {
    await withSignedInPage(
      browser,
      {
        name: "province-assessment-admin2",
        url: `${t.url}${BASE}/circulars/${circularId}`,
        label: "吉林省（第二管理员） province-admin",
        ready: (other) => other.getByRole("button", { name: "审核通过" }),
      },
      async (other) => {
        expect(await other.getByText("本草稿由您创建").count()).toBe(0);
        await other.getByRole("button", { name: "审核通过" }).click();
        await expect.poll(() => other.getByTestId("status").textContent()).toBe("已审核");
        await other.getByRole("button", { name: "发布" }).click();
        const confirm = other.getByRole("dialog", { name: "发布通报" });
        await confirm.waitFor();
        await confirm.getByRole("button", { name: "发布" }).click();
        await expect.poll(() => other.getByTestId("status").textContent()).toBe("已发布");
        const shown = await other.getByTestId("sha256").textContent();

        const token = await adminToken();
        const stored = await t.call("GET", `/v1${BASE}/circulars/${circularId}`, { token });
        expect(stored.body).toMatchObject({
          status: "published",
          approvedBy: "admin2@jl",
          createdBy: "admin@jl",
        });
        expect(shown).toBe(stored.body.sha256);
      },
    );

    // the public, without signing in
    const anonymous = await newContext(browser);
    try {
      const reader = await openPage(anonymous, "province-assessment-public");
      await reader.goto(`${t.url}/public/provinces/jl/circulars/${circularId}`);
      await reader.getByTestId("reading").waitFor();
      const token = await adminToken();
      const stored = await t.call("GET", `/v1${BASE}/circulars/${circularId}`, { token });
      expect(await reader.getByTestId("sha256").textContent()).toBe(stored.body.sha256);
      const text = await reader.getByTestId("reading").textContent();
      expect(text).toContain(
        "优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。",
      );
      expect(text).toContain("良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。");
      expect(text).toContain("吉政函〔2020〕41号");
      await reader.getByTestId("supersedes").getByText("吉政函〔2020〕33号").waitFor();
    } finally {
      await anonymous.close();
    }
  });
});

describe("目标任务", () => {
  it("pastes a block copied from a spreadsheet, saves every changed row with its If-Match, and the province total changes; a stale row stays marked with the reason", async () => {
    await page.goto(`${t.url}${BASE}/targets`);
    const cell = (name: string) => page.getByLabel(name, { exact: true });
    await cell("长春市 城镇新增就业人数").waitFor();
    const footer = page.locator("tfoot td").first();
    const before = await t.call("GET", `/v1${BASE}/targets`, { token: await adminToken() });
    const total = (body: { totals: Array<{ code: string; target: number }> }) =>
      body.totals.find((x) => x.code === "urban_new_jobs")?.target ?? 0;
    expect(await footer.textContent()).toBe(numberFormat.format(total(before.body)));

    // 2 units × 2 indicators, as Excel copies them
    await pasteInto(page, { label: "长春市 城镇新增就业人数" }, "170,000\t57,000\r\n71,000\t25,000\r\n");
    await expect.poll(() => cell("吉林市 城镇失业人员再就业人数").inputValue()).toBe("25,000");
    expect(await cell("长春市 城镇新增就业人数").inputValue()).toBe("170,000");
    // and 四平市 by hand, while someone else saves 四平市 first
    await cell("四平市 城镇新增就业人数").fill("39000");
    const siping = (
      before.body.targets as Array<{ tenantId: string; version: number; targets: Record<string, number> }>
    ).find((x) => x.tenantId === "siping");
    const other = await t.call("PUT", `/v1${BASE}/targets/siping`, {
      token: await t.token("province-admin", { provinceId: "jl", sub: "admin2@jl" }),
      headers: { "if-match": `"${siping?.version}"` },
      body: { targets: { ...siping?.targets, urban_new_jobs: 38500 } },
    });
    expect(other.status, other.text).toBe(200);

    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存 2 个单位，1 个单位未保存" }).waitFor();
    const sipingRow = page.locator("tr", { has: page.locator("th", { hasText: "四平市" }) });
    await expect.poll(() => sipingRow.textContent()).toContain("保存失败：他人已先保存了第");
    expect(await cell("四平市 城镇新增就业人数").inputValue()).toBe("39000");
    await page.getByRole("alert").getByText("四平市").waitFor();

    const after = await t.call("GET", `/v1${BASE}/targets`, { token: await adminToken() });
    const byId = new Map(
      (
        after.body.targets as Array<{ tenantId: string; version: number; targets: Record<string, number> }>
      ).map((x) => [x.tenantId, x]),
    );
    expect(byId.get("changchun")?.targets).toMatchObject({
      urban_new_jobs: 170000,
      unemployed_reemployed: 57000,
    });
    expect(byId.get("jilin")?.targets).toMatchObject({ urban_new_jobs: 71000, unemployed_reemployed: 25000 });
    expect(byId.get("siping")?.targets.urban_new_jobs).toBe(38500);
    const oldChangchun = fixture.targets.changchun?.urban_new_jobs ?? 0;
    const oldJilin = fixture.targets.jilin?.urban_new_jobs ?? 0;
    expect(total(after.body)).toBe(total(before.body) + (170000 - oldChangchun) + (71000 - oldJilin) + 500);
    await expect.poll(() => footer.textContent()).toBe(numberFormat.format(total(after.body)));

    // keep mine: saved over the newer version
    await page.getByRole("button", { name: "保留我填写的数值" }).click();
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存 1 个单位的目标任务" }).waitFor();
    const last = await t.call("GET", "/v1/tenants/siping/years/2019/targets", { token: await adminToken() });
    expect(last.body.targets.urban_new_jobs).toBe(39000);
    await expectAccessible(page, "目标任务 (saved)");
  });
});

describe("目标任务 from a spreadsheet", () => {
  it("downloads the template, and its edited copy is previewed (one change, one wrong cell) before one unit is written", async () => {
    await page.goto(`${t.url}${BASE}/targets`);
    await page.getByLabel("通化市 城镇新增就业人数", { exact: true }).waitFor();
    const { workbook, sheet } = await downloadTemplate(page);
    let column = 0;
    sheet.getRow(1).eachCell((c, n) => {
      if (String(c.value).includes("urban_new_jobs")) column = n;
    });
    const rowOf = (name: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(2).value === name) found = n;
      });
      return found;
    };
    const tonghua = rowOf("通化市");
    const baishan = rowOf("白山市");
    expect(column * tonghua * baishan).toBeGreaterThan(0);
    const before = await t.call("GET", "/v1/tenants/tonghua/years/2019/targets", {
      token: await adminToken(),
    });
    expect(sheet.getCell(tonghua, column).value).toBe(before.body.targets.urban_new_jobs);
    sheet.getCell(tonghua, column).value = 41234;
    sheet.getCell(baishan, column).value = "两万";
    const file = join(mkdtempSync(join(tmpdir(), "targets-import-")), "目标任务.xlsx");
    await workbook.xlsx.writeFile(file);

    await page.locator('input[type="file"]').setInputFiles(file);
    const dialog = page.getByRole("dialog", { name: "导入预览" });
    await dialog.getByText(/试导入（未写入）：新增 0 · 修改 1 · 未变 \d+ · 有误 1/).waitFor();
    const cellName = `${String.fromCharCode(64 + column)}${baishan}`;
    expect(await dialog.locator("tr", { hasText: "白山市" }).textContent()).toContain(cellName);
    expect(await dialog.locator("tr", { hasText: "通化市" }).textContent()).toContain("→ 41,234");
    expect(await dialog.getByRole("button", { name: "确认导入" }).isDisabled()).toBe(true);
    await expectAccessible(page, "目标任务 import preview");
    await documentScreenshot(page, "targets-import");
    await dialog.getByRole("button", { name: "取消" }).click();
    const unchanged = await t.call("GET", "/v1/tenants/tonghua/years/2019/targets", {
      token: await adminToken(),
    });
    expect(unchanged.body.version).toBe(before.body.version);

    sheet.getCell(baishan, column).value = (
      await t.call("GET", "/v1/tenants/baishan/years/2019/targets", { token: await adminToken() })
    ).body.targets.urban_new_jobs;
    await workbook.xlsx.writeFile(file);
    await page.locator('input[type="file"]').setInputFiles(file);
    await dialog.getByText(/修改 1 · 未变 \d+ · 有误 0/).waitFor();
    await dialog.getByRole("button", { name: "确认导入" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "已从表格导入：1 个单位的目标已保存为新版本" })
      .waitFor();
    const after = await t.call("GET", "/v1/tenants/tonghua/years/2019/targets", {
      token: await adminToken(),
    });
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.targets.urban_new_jobs).toBe(41234);
    expect(await page.getByLabel("通化市 城镇新增就业人数", { exact: true }).inputValue()).toBe("41,234");
  });
});

describe("考评打分 as 吉林省 province-reviewer", () => {
  it("saves a unit's item score and a deduction; a score above full marks is refused at its field; the versions list it", async () => {
    await withSignedInPage(
      browser,
      {
        name: "province-reviews",
        url: `${t.url}${BASE}/reviews`,
        label: "吉林省 province-reviewer",
        ready: (reviewer) => reviewer.getByLabel("长春市 就业优先政策落实", { exact: true }),
      },
      async (reviewer) => {
        await expectAccessible(reviewer, "考评打分");
        const score = reviewer.getByLabel("长春市 就业优先政策落实", { exact: true });
        await score.fill("11");
        await reviewer.getByText("得分须在 0 至 10 之间").waitFor();
        expect(await score.getAttribute("aria-invalid")).toBe("true");
        await score.fill("9.9");
        await reviewer.getByRole("button", { name: "长春市 添加扣分" }).click();
        await reviewer.getByLabel("长春市 扣分第 1 项 分值", { exact: true }).fill("0.5");
        await reviewer.getByLabel("长春市 扣分第 1 项 原因", { exact: true }).fill("数据报送不及时");
        await reviewer.getByRole("button", { name: "保存", exact: true }).click();
        await reviewer.getByRole("status").filter({ hasText: "已保存 1 个单位的评分" }).waitFor();
        const row = reviewer.locator("tr[data-tenant=changchun]");
        await expect.poll(() => row.getByTestId("row-status").textContent()).toBe("已保存 · 第 2 版");

        const token = await t.token("province-reviewer", { provinceId: "jl" });
        const review = await t.call("GET", `/v1${BASE}/reviews/changchun`, { token });
        expect(review.body).toMatchObject({
          version: 2,
          reviewedBy: "reviewer@jl",
          deductions: [{ points: 0.5, reason: "数据报送不及时" }],
        });
        expect(review.body.items.policy_implementation).toBe(9.9);
        expect(review.body.bonuses).toEqual(fixture.reviews.changchun?.bonuses);

        await reviewer.getByRole("button", { name: "长春市 版本记录" }).click();
        const dialog = reviewer.getByRole("dialog");
        await dialog.getByText("第 2 版").waitFor();
        await dialog.getByText("数据报送不及时").waitFor();
        expect(await dialog.getByText("第 1 版").count()).toBe(1);
        await expectAccessible(reviewer, "考评打分 (versions)");
      },
    );
  });
});
