/**
 * A filled XLSX template as a grid (`shared/domain/imports/grid.ts`). Before ExcelJS inflates anything the
 * zip is checked: its central directory is read, the entries' declared sizes bounded (in total, each,
 * and in ratio), and every entry inflated with Node's zlib under `maxOutputLength` equal to its
 * declared size — so a zip bomb (a small file that inflates hugely, or lies about its sizes) is
 * refused having inflated at most the declared total. Merged cells are refused (a template has none).
 */
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { type Grid, type GridValue, SpreadsheetError } from "../domain/imports";
import type { Bilingual } from "../lib/errors";

export const MAX_INFLATED_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 500;
const MAX_RATIO = 200;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

function notSpreadsheet(why: Bilingual): SpreadsheetError {
  return new SpreadsheetError({
    en: `the file is not an XLSX spreadsheet: ${why.en}`,
    zh: `文件不是 XLSX 电子表格：${why.zh}。`,
  });
}

/** The zip's entries from its central directory (no zip64, no encryption). */
function centralDirectory(zip: Buffer): Entry[] {
  const min = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= min; i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw notSpreadsheet({ en: "no zip directory", zh: "找不到压缩包目录" });
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES)
    throw notSpreadsheet({ en: `${count} entries`, zh: `压缩包中有 ${count} 个条目，过多` });
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw notSpreadsheet({ en: "a broken zip directory", zh: "压缩包目录已损坏" });
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (flags & 1) throw notSpreadsheet({ en: "it is encrypted", zh: "文件已加密" });
    if (compressed === 0xffffffff || size === 0xffffffff)
      throw notSpreadsheet({ en: "zip64 is not accepted", zh: "不接受 zip64 格式" });
    if (method !== 0 && method !== 8)
      throw notSpreadsheet({ en: `compression method ${method}`, zh: `不支持的压缩方式 ${method}` });
    entries.push({ name, method, compressed, size, offset });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Refuses a zip bomb before ExcelJS reads the file (see the module comment). */
export function checkZip(zip: Buffer): void {
  const entries = centralDirectory(zip);
  if (
    !entries.some((e) => e.name === "[Content_Types].xml") ||
    !entries.some((e) => e.name.startsWith("xl/"))
  )
    throw notSpreadsheet({
      en: "it has no workbook (a Word document or another zip?)",
      zh: "其中没有工作簿（可能是 Word 文档或其他压缩文件）",
    });
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (
      total > MAX_INFLATED_BYTES ||
      (e.compressed > 0 && e.size / e.compressed > MAX_RATIO && e.size > 1024 * 1024)
    )
      throw new SpreadsheetError(
        {
          en: `the file inflates to more than ${MAX_INFLATED_BYTES} bytes (${e.name} declares ${e.size}): refused as a zip bomb`,
          zh: `文件解压后超过 ${MAX_INFLATED_BYTES} 字节（${e.name} 声明为 ${e.size} 字节），疑为压缩炸弹，已拒收。`,
        },
        [{ path: "body", message: "the spreadsheet inflates too much", zh: "电子表格解压后过大" }],
        { tooLarge: true },
      );
    if (e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== 0x04034b50)
      throw notSpreadsheet({ en: "a broken zip entry", zh: "压缩包中有损坏的条目" });
    const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
    const data = zip.subarray(start, start + e.compressed);
    let inflated: Buffer;
    try {
      inflated = e.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw new SpreadsheetError(
        {
          en: `${e.name} inflates to more than it declares (${e.size} bytes), or is corrupt: refused`,
          zh: `${e.name} 解压后大于其声明的 ${e.size} 字节，或已损坏，已拒收。`,
        },
        [
          {
            path: "body",
            message: "the spreadsheet's zip is corrupt or lies about its sizes",
            zh: "电子表格的压缩包已损坏，或其声明的大小不实",
          },
        ],
        { tooLarge: true },
      );
    }
    if (inflated.length !== e.size)
      throw notSpreadsheet({
        en: `${e.name} is not the size it declares`,
        zh: `${e.name} 的大小与其声明的不符`,
      });
  }
}

function cellValue(value: ExcelJS.CellValue): GridValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

/** The first worksheet of an XLSX file as a grid. */
export async function readXlsxGrid(bytes: Buffer): Promise<Grid> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    throw notSpreadsheet({ en: "it is not a zip file", zh: "它不是 zip 格式的文件" });
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notSpreadsheet({ en: "ExcelJS cannot read it", zh: "无法读取其内容" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notSpreadsheet({ en: "it has no worksheet", zh: "其中没有工作表" });
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0)
    throw new SpreadsheetError(
      {
        en: `merged cells (${merges.slice(0, 3).join(", ")}) are not allowed in a template: unmerge them`,
        zh: `模板中不能有合并单元格（${merges.slice(0, 3).join("、")}）：请取消合并后再上传。`,
      },
      [{ path: merges[0] ?? "body", message: "merged cells", zh: "合并单元格" }],
    );
  const rows: Grid["rows"] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    const trimmed = cells.map((c) => (typeof c === "string" ? c.trim() || null : c));
    if (trimmed.some((c) => c !== null)) rows.push({ row: rowNumber, cells: trimmed });
  });
  return { rows };
}
