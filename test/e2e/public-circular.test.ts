/**
 * The published circulars for anyone, without signing in, in Chromium through the local stack
 * (the demo province): the list; the 2019 circular's reading view, line for line the API's text
 * form (the grade lines exactly as issue 11 has them), its SHA-256 and when it was published; the
 * print view, which is the API's A4 HTML itself; the downloads; a correction that supersedes it,
 * said on both; an unknown circular. axe-core on every page.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { useConsoleStack } from "../support/console-session";
import type { TestStack } from "../support/stack";

const EXCELLENT =
  "优秀等次：长春市政府、吉林市政府、四平市政府、辽源市政府、通化市政府、白山市政府、松原市政府。";
const GOOD = "良好等次：白城市政府、延边州政府、长白山管委会、梅河口市政府、公主岭市政府。";

const session = useConsoleStack({ page: "public-circular", now: "2020-05-06T10:00:00+08:00" });
let t: TestStack;
let page: Page;
let circularId = "";
let sha256 = "";

/** The wall-clock time in Asia/Shanghai, which is UTC+8 all year round (no daylight saving). */
const shanghai = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 60 * 60 * 1000);
  const twoDigits = (n: number) => String(n).padStart(2, "0");
  const time = `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`;
};

beforeAll(async () => {
  ({ t, page } = session);
  const list = await t.call("GET", "/v1/public/provinces/jl/circulars");
  circularId = list.body.circulars[0].circularId;
  sha256 = list.body.circulars[0].sha256;
});

describe("通报公开, without signing in", () => {
  it("lists the published circulars", async () => {
    await page.goto(`${t.url}/public/provinces/jl/circulars`);
    const link = page.getByRole("link", { name: /吉政函〔2020〕33号/ });
    await link.waitFor();
    await page.getByText(sha256).waitFor();
    await expectAccessible(page, "通报公开 (list)");
    await link.click();
    await page.waitForURL(`${t.url}/public/provinces/jl/circulars/${circularId}`);
  });

  it("reads the 2019 circular line for line as the API's text, the grade lines exactly; SHA-256 and publication shown", async () => {
    await page.getByTestId("reading").waitFor();
    const txt = await t.call("GET", `/v1/public/provinces/jl/circulars/${circularId}?format=txt`);
    expect(txt.status).toBe(200);
    const lines = await page.locator("[data-testid=reading] p").allTextContents();
    expect(lines).toEqual(txt.text.replace(/\n$/, "").split("\n"));
    expect(lines).toContain(`\u3000\u3000（一）${EXCELLENT}`);
    expect(lines).toContain(`\u3000\u3000（二）${GOOD}`);
    const reading = await page.getByTestId("reading").textContent();
    expect(reading).toContain(EXCELLENT);
    expect(reading).toContain(GOOD);

    await page.getByText("SHA-256", { exact: true }).waitFor();
    expect(await page.getByTestId("sha256").textContent()).toBe(sha256);
    const json = await t.call("GET", `/v1/public/provinces/jl/circulars/${circularId}`);
    expect(json.headers.get("etag")).toBe(`"${sha256}"`);
    expect(await page.getByTestId("published-at").textContent()).toBe(shanghai(json.body.publishedAt));
    expect(await page.getByTestId("superseded").count()).toBe(0);
    await expectAccessible(page, "通报公开 (reading)");
  });

  it("the print view is the API's print-ready A4 HTML itself, bookmarkable", async () => {
    const html = await t.call("GET", `/v1/public/provinces/jl/circulars/${circularId}?format=html`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/circulars/${circularId}?format=html`)),
      page.getByRole("button", { name: "打印版" }).click(),
    ]);
    expect(await response.text()).toBe(html.text);
    expect(page.url()).toBe(`${t.url}/public/provinces/jl/circulars/${circularId}?view=print`);
    const frame = page.frameLocator("[data-testid=print-frame]");
    await frame.locator(".issuer").first().waitFor();
    const frameTitle = await page
      .locator("[data-testid=print-frame]")
      .evaluate((el) => (el as unknown as { contentDocument: { title: string } }).contentDocument.title);
    expect(html.text).toContain(`<title>${frameTitle}</title>`);
    expect(await page.getByRole("link", { name: "在新窗口打开" }).getAttribute("href")).toBe(
      `/v1/public/provinces/jl/circulars/${circularId}?format=html`,
    );
    await expectAccessible(page, "通报公开 (print)");
    // the bookmark opens the print view
    await page.reload();
    await page.locator("[data-testid=print-frame]").waitFor();
  });

  it("downloads the text and the HTML as the API serves them, and offers the DOCX", async () => {
    expect(await page.getByRole("link", { name: "下载 DOCX" }).getAttribute("href")).toBe(
      `/v1/public/provinces/jl/circulars/${circularId}?format=docx`,
    );
    for (const [name, format] of [
      ["下载 TXT", "txt"],
      ["下载 HTML", "html"],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name }).click(),
      ]);
      const api = await t.call("GET", `/v1/public/provinces/jl/circulars/${circularId}?format=${format}`);
      expect(readFileSync(await download.path(), "utf8")).toBe(api.text);
      expect(download.suggestedFilename()).toBe(`吉政函〔2020〕33号.${format}`);
    }
  });

  it("says when a circular was superseded, and by which; the correction says what it corrects", async () => {
    const admin1 = await t.token("province-admin", { provinceId: "jl", sub: "admin@jl" });
    const admin2 = await t.token("province-admin", { provinceId: "jl", sub: "admin2@jl" });
    const runs = await t.call("GET", "/v1/provinces/jl/years/2019/scoring-runs", { token: admin1 });
    const draft = await t.call("POST", "/v1/provinces/jl/years/2019/circulars", {
      token: admin1,
      body: {
        runId: runs.body.runs[0].runId,
        supersedes: circularId,
        documentNo: "吉政函〔2020〕52号",
        issueDate: "2020-05-06",
        addressees: "各市（州）人民政府，长白山管委会：",
        opening: "2019年，全省各地深入开展就业创业工作。",
        problems: ["就业压力持续加大。"],
        closing: "特此通报。",
        disclosure: "public",
      },
    });
    expect(draft.status, draft.text).toBe(201);
    const next = draft.body.circularId as string;
    const approved = await t.call("POST", `/v1/provinces/jl/years/2019/circulars/${next}/approve`, {
      token: admin2,
    });
    expect(approved.status, approved.text).toBe(200);
    const published = await t.call("POST", `/v1/provinces/jl/years/2019/circulars/${next}/publish`, {
      token: admin2,
    });
    expect(published.status, published.text).toBe(200);

    await page.goto(`${t.url}/public/provinces/jl/circulars/${circularId}`);
    const superseded = page.getByTestId("superseded");
    await superseded.waitFor();
    await superseded.getByRole("link", { name: "吉政函〔2020〕52号" }).waitFor();
    // the old one stays readable as it was
    expect(await page.getByTestId("sha256").textContent()).toBe(sha256);
    await expectAccessible(page, "通报公开 (superseded)");
    await superseded.getByRole("link", { name: "吉政函〔2020〕52号" }).click();
    await page.waitForURL(`${t.url}/public/provinces/jl/circulars/${next}`);
    await page.getByTestId("supersedes").getByRole("link", { name: "吉政函〔2020〕33号" }).waitFor();
    expect(await page.getByTestId("sha256").textContent()).toBe(published.body.sha256);
    expect(await page.getByTestId("reading").textContent()).toContain(EXCELLENT);

    await page.goto(`${t.url}/public/provinces/jl/circulars`);
    await page.getByText("已被 吉政函〔2020〕52号 取代").waitFor();
    await page.getByText("更正并取代 吉政函〔2020〕33号").waitFor();
  });

  it("an unknown circular says so", async () => {
    await page.goto(`${t.url}/public/provinces/jl/circulars/zzzzzzzzzzzz`);
    await page.getByText("没有这份通报").waitFor();
    await expectAccessible(page, "通报公开 (unknown)");
  });
});
