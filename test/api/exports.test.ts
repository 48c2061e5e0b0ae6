/**
 * Spreadsheet exports of the demo province, opened as a bureau would: the rollup, a scoring run
 * and a city's reports as XLSX read back with ExcelJS (numbers typed as numbers, percentages
 * formatted, Chinese headers, the header row frozen), and the rollup's CSV converted by LibreOffice.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { download, provinceAdmin, t, useDemoStack, XLSX } from "../support/demo-stack";
import { convertWithLibreOffice, readBytes } from "../support/office-tools";

useDemoStack();

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

describe("exports", () => {
  it("gives the rollup as XLSX: one sheet per view, typed cells, Chinese headers, frozen header row", async () => {
    const res = await download("/v1/provinces/jl/years/2019/rollup?format=xlsx&period=2019-12");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="rollup-jl-2019-12.xlsx"; filename*=UTF-8''${encodeURIComponent("考评进度汇总（2019-12）.xlsx")}`,
    );
    const book = await workbook(res.bytes);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(["按单位", "全省合计", "未报送与迟报"]);
    const ws = book.getWorksheet("按单位") as ExcelJS.Worksheet;
    expect(headers(ws)).toEqual([
      "单位",
      "指标",
      "计量单位",
      "目标",
      "实际",
      "完成率",
      "时序进度",
      "是否滞后",
      "统计期",
      "是否迟报",
      "本期是否上报",
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe("长春市");
    expect(row.getCell(2).value).toBe("城镇新增就业人数");
    expect(row.getCell(3).value).toBe("人");
    expect(typeof row.getCell(4).value).toBe("number");
    expect(typeof row.getCell(5).value).toBe("number");
    expect(typeof row.getCell(6).value).toBe("number");
    expect(row.getCell(6).numFmt).toBe("0.00%");
    expect(row.getCell(7).value).toBe(1);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    const totals = book.getWorksheet("全省合计") as ExcelJS.Worksheet;
    expect(totals.getRow(2).getCell(1).value).toBe("城镇新增就业人数");
    expect(typeof totals.getRow(2).getCell(3).value).toBe("number");
  });

  it("gives the rollup as CSV that LibreOffice opens with its Chinese headers and numbers", async () => {
    const res = await download("/v1/provinces/jl/years/2019/rollup?format=csv&period=2019-12");
    expect(res.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // headless, LibreOffice takes the text import dialog's settings from the filter: comma, quote, UTF-8 (76)
    const converted = convertWithLibreOffice(res.bytes, "rollup.csv", "xlsx", "CSV:44,34,76,1");
    const ws = (await workbook(readBytes(converted))).worksheets[0] as ExcelJS.Worksheet;
    expect(headers(ws)[0]).toBe("单位");
    expect(headers(ws)[2]).toBe("计量单位");
    expect(ws.getRow(2).getCell(1).value).toBe("长春市");
    expect(typeof ws.getRow(2).getCell(4).value).toBe("number");
  }, 120_000);

  it("gives a scoring run as XLSX and CSV: ranks and grades, and every line with its formula", async () => {
    const runs = await t.call<{ runs: Array<{ runId: string }> }>(
      "GET",
      "/v1/provinces/jl/years/2019/scoring-runs",
      {
        token: provinceAdmin,
      },
    );
    const runId = runs.body.runs[0]?.runId ?? "";
    const res = await download(`/v1/provinces/jl/years/2019/scoring-runs/${runId}?format=xlsx`);
    expect(res.status).toBe(200);
    const book = await workbook(res.bytes);
    const ranking = book.getWorksheet("排名与等次") as ExcelJS.Worksheet;
    expect(headers(ranking).slice(0, 4)).toEqual(["排名", "单位", "总分", "等次"]);
    expect(ranking.getRow(2).getCell(1).value).toBe(1);
    expect(typeof ranking.getRow(2).getCell(3).value).toBe("number");
    expect(ranking.getRow(2).getCell(3).numFmt).toBe("0.00");
    const grades = Array.from({ length: 12 }, (_, i) => ranking.getRow(i + 2).getCell(4).value);
    expect(grades.filter((g) => g === "优秀")).toHaveLength(7);
    const lines = book.getWorksheet("得分明细") as ExcelJS.Worksheet;
    expect(headers(lines)).toContain("计算公式");
    expect(String(lines.getRow(2).getCell(10).value)).toMatch(/=/);
    const csv = await download(`/v1/provinces/jl/years/2019/scoring-runs/${runId}?format=csv`);
    expect(
      csv.bytes
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .split("\r\n")[0],
    ).toBe("排名,单位,总分,等次,指标得分,评审得分,加分,扣分,是否否决");
  });

  it("gives a city its reports as XLSX (latest and every version) and CSV, and refuses another city", async () => {
    const city = await t.token("city-reporter", { provinceId: "jl", tenantId: "changchun" });
    const res = await download("/v1/tenants/changchun/years/2019/reports?format=xlsx", city);
    expect(res.status).toBe(200);
    const book = await workbook(res.bytes);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(["各期最新", "全部版本"]);
    const ws = book.getWorksheet("各期最新") as ExcelJS.Worksheet;
    expect(headers(ws)[0]).toBe("统计期");
    expect(headers(ws)[2]).toBe("城镇新增就业人数（人）");
    expect(ws.rowCount).toBe(13);
    expect(typeof ws.getRow(2).getCell(3).value).toBe("number");
    expect((await download("/v1/tenants/jilin/years/2019/reports?format=xlsx", city)).status).toBe(403);
    const csv = await download("/v1/tenants/changchun/years/2019/reports?format=csv", city);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.bytes.toString("utf8").split("\r\n")).toHaveLength(14);
  });
});
