/**
 * Workbooks (`shared/domain/tables.ts`) as XLSX with ExcelJS: numbers as numbers, percentages as
 * numbers formatted 0.00%, text as text — never a formula, whatever it starts with — Chinese
 * headers in a frozen, bold first row, columns sized to their contents.
 */
import ExcelJS from "exceljs";
import { type CellValue, type Column, FORMULA_LIKE, type Sheet, type Workbook } from "../domain/tables";

/** Display width of a value: a CJK character counts two. */
function displayWidth(value: CellValue): number {
  if (value === null) return 0;
  let width = 0;
  for (const ch of String(value)) width += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return width;
}

function cellValue(value: CellValue, column: Column): ExcelJS.CellValue {
  if (value === null || value === "") return null;
  if (column.kind === "percent") return Number(value);
  if (column.kind === "number" && typeof value === "number") return value;
  return String(value);
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet): void {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = sheet.columns.map((column, i) => {
    const widest = Math.max(
      displayWidth(column.header),
      ...sheet.rows.map((r) => displayWidth(r[i] ?? null)),
    );
    return { header: column.header, width: Math.min(60, Math.max(8, widest + 2)) };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  });
  for (const row of sheet.rows) {
    const added = ws.addRow(
      row.map((value, i) => cellValue(value, sheet.columns[i] ?? { header: "", kind: "text" })),
    );
    sheet.columns.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      if (column.kind === "percent") cell.numFmt = "0.00%";
      else if (column.kind === "number" && column.format) cell.numFmt = column.format;
      else if (typeof cell.value === "string" && FORMULA_LIKE.test(cell.value)) cell.numFmt = "@";
    });
  }
  if (sheet.rows.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
}

export async function workbookToXlsx(book: Workbook, at: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "employment-accountability";
  workbook.created = at;
  workbook.modified = at;
  for (const sheet of book.sheets) addSheet(workbook, sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
