/** A CSV file as a grid: UTF-8 or GB18030 text, `,` `;` or tab separated, numbers as Excel types them. */
import { type Grid, type GridValue, SpreadsheetError } from "./grid";

/** The text of a CSV file: UTF-8 (with or without BOM), else GB18030 as Excel and WPS save it on Chinese Windows. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new SpreadsheetError({
        en: "the file is neither UTF-8 nor GB18030 text: not a CSV file",
        zh: "文件既不是 UTF-8 也不是 GB18030 编码的文本，不是 CSV 文件。",
      });
    }
  }
}

/** A number as typed in a cell: digits with an optional sign, decimals and thousands separators, or a percentage. */
function csvValue(text: string): GridValue {
  const t = text.trim();
  if (t === "") return null;
  // a leading apostrophe is the export's formula escape, not part of the text
  if (/^'[=+\-@]/.test(t)) return t.slice(1);
  const plain = t.replace(/,(?=\d{3}(\D|$))/g, "");
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return Number(plain);
  return t;
}

/** A CSV file (RFC 4180; `,` or `;` or tab as separator, as the header row shows) as a grid. */
export function readCsvGrid(bytes: Uint8Array): Grid {
  if (bytes.includes(0))
    throw new SpreadsheetError({
      en: "the file contains binary data: not a CSV file",
      zh: "文件含有二进制数据，不是 CSV 文件。",
    });
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator =
    [",", ";", "\t"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0] ?? ",";
  const rows: Grid["rows"] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let row = 1;
  const endRecord = () => {
    record.push(field);
    if (record.some((c) => c.trim() !== "")) rows.push({ row, cells: record.map(csvValue) });
    record = [];
    field = "";
    row += 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (ch === separator) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted)
    throw new SpreadsheetError({
      en: `row ${row}: a quoted field is not closed`,
      zh: `第${row}行：引号内的单元格没有结束引号。`,
    });
  if (field !== "" || record.length > 0) endRecord();
  return { rows };
}
