/** Workbooks as XLSX and CSV, CSV and XLSX read back, the zip-bomb check, and the download file name. */
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { cellRef, readCsvGrid, SpreadsheetError } from "../../../../shared/domain/imports";
import { type Workbook, workbookToCsv } from "../../../../shared/domain/tables";
import { contentDisposition } from "../../../../shared/lib/content-disposition";
import { workbookToXlsx } from "../../../../shared/office/xlsx";
import { checkZip, readXlsxGrid } from "../../../../shared/office/xlsx-read";

const book: Workbook = {
  filename: "测试",
  fallbackFilename: "test",
  sheets: [
    {
      name: "表一",
      columns: [
        { header: "单位", kind: "text" },
        { header: "目标", kind: "number" },
        { header: "完成率", kind: "percent" },
      ],
      rows: [
        ["长春市", 160000, "1.0832"],
        ['=HYPERLINK("http://x")', null, null],
        ["+1", 0.5, "0"],
      ],
    },
  ],
};

describe("workbooks", () => {
  it("write XLSX with typed cells, formula-looking text as text, percentages formatted, a frozen header", async () => {
    const x = new ExcelJS.Workbook();
    await x.xlsx.load((await workbookToXlsx(book, new Date(0))) as unknown as ArrayBuffer);
    const ws = x.getWorksheet("表一") as ExcelJS.Worksheet;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("B2").value).toBe(160000);
    expect(ws.getCell("C2").value).toBe(1.0832);
    expect(ws.getCell("C2").numFmt).toBe("0.00%");
    expect(ws.getCell("A3").value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A3").numFmt).toBe("@");
    expect(ws.getCell("B3").value).toBeNull();
  });

  it("write CSV with a BOM, CRLF, percentages, and an apostrophe before formula-looking text", () => {
    expect(workbookToCsv(book)).toBe(
      '\uFEFF单位,目标,完成率\r\n长春市,160000,108.32%\r\n"\'=HYPERLINK(""http://x"")",,\r\n\'+1,0.5,0.00%\r\n',
    );
  });
});

describe("reading a filled template", () => {
  it("reads CSV as UTF-8 with or without BOM, or GB18030, with quotes and the export's own escapes", () => {
    const utf8 = readCsvGrid(new TextEncoder().encode('\uFEFF代码,值\r\n"a,b","1,234"\r\nx,"\'=1"\n\n'));
    expect(utf8.rows).toEqual([
      { row: 1, cells: ["代码", "值"] },
      { row: 2, cells: ["a,b", 1234] },
      { row: 3, cells: ["x", "=1"] },
    ]);
    expect(readCsvGrid(new TextEncoder().encode("a,'=SUM(1)\r\n")).rows[0]?.cells).toEqual(["a", "=SUM(1)"]);
    // 长春,12 in GB18030, as Excel saves "CSV" on Chinese Windows
    expect(readCsvGrid(new Uint8Array([0xb3, 0xa4, 0xb4, 0xba, 0x2c, 0x31, 0x32])).rows[0]?.cells).toEqual([
      "长春",
      12,
    ]);
    expect(() => readCsvGrid(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(SpreadsheetError);
    expect(cellRef(0, 7)).toBe("A7");
    expect(cellRef(27, 1)).toBe("AB1");
  });

  it("reads XLSX back as written", async () => {
    const grid = await readXlsxGrid(Buffer.from(await workbookToXlsx(book, new Date(0))));
    expect(grid.rows[0]).toEqual({ row: 1, cells: ["单位", "目标", "完成率"] });
    expect(grid.rows[1]).toEqual({ row: 2, cells: ["长春市", 160000, 1.0832] });
  });

  it("refuses a zip bomb before inflating it, and a zip that lies about its sizes", () => {
    const bomb = Buffer.from(
      zipSync(
        { "[Content_Types].xml": new Uint8Array(1), "xl/a.xml": new Uint8Array(30 * 1024 * 1024) },
        { level: 9 },
      ),
    );
    expect(() => checkZip(bomb)).toThrow(/zip bomb/);
    const liar = Buffer.from(bomb);
    liar.writeUInt32LE(100, liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(() => checkZip(liar)).toThrow(/inflates to more than it declares/);
    expect(() => checkZip(Buffer.from("PK\u0003\u0004 nothing else"))).toThrow(/no zip directory/);
  });
});

describe("contentDisposition", () => {
  it("gives the Chinese name as filename* (RFC 8187) and an ASCII fallback", () => {
    expect(contentDisposition("考评进度汇总（2019-12）.csv", "rollup-jl-2019-12.csv")).toBe(
      `attachment; filename="rollup-jl-2019-12.csv"; filename*=UTF-8''${encodeURIComponent("考评进度汇总（2019-12）.csv")}`,
    );
    expect(contentDisposition("a b.csv", 'x"y.csv')).toBe(
      `attachment; filename="x_y.csv"; filename*=UTF-8''a%20b.csv`,
    );
  });
});
