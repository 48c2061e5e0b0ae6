/**
 * A sheet as read from a file (CSV here, XLSX in `shared/office/xlsx-read.ts`), the refusal of a file
 * that is not a usable template, and the cell-level reading both templates share: cell names, the
 * header row, cell text, numbers and a row's error at a cell.
 */
import type { Bilingual, FieldError } from "../../lib/errors";
import type { ImportRowError } from "./result";

/** A cell as read from a file: text, a number, or empty. */
export type GridValue = string | number | null;

/** The rows of a sheet as read, by their spreadsheet row number (1-based); cells by column (0-based). */
export interface Grid {
  rows: Array<{ row: number; cells: GridValue[] }>;
}

/** The file is not a usable template (→ 400, or 413 for `tooLarge`). */
export class SpreadsheetError extends Error {
  override readonly name = "SpreadsheetError";
  readonly errors: readonly FieldError[];
  /** the file inflates past what is read (→ 413) */
  readonly tooLarge: boolean;
  constructor(
    readonly text: Bilingual,
    errors?: readonly FieldError[],
    options: { tooLarge?: boolean } = {},
  ) {
    super(text.en);
    this.tooLarge = options.tooLarge ?? false;
    this.errors = errors ?? [{ path: "body", message: text.en, zh: text.zh }];
  }
}

/** `A`, `B`, … `Z`, `AA` for a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export const cellRef = (column: number, row: number) => `${columnLetter(column)}${row}`;

/** The first row of the sheet: its header (400 for an empty file). */
export function headerRow(grid: Grid): { row: number; cells: GridValue[] } {
  const first = grid.rows[0];
  if (!first)
    throw new SpreadsheetError({
      en: "the file is empty: download the template and fill it in",
      zh: "文件是空的：请下载模板填写后再上传。",
    });
  return first;
}

/** A cell as trimmed text (empty for an empty cell). */
export function cellText(value: GridValue | undefined): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/** A row's error at one cell: `D7:targets.urban_new_jobs`, the message led by the cell name. */
export function rowError(column: number, row: number, field: string, message: Bilingual): ImportRowError {
  const cell = cellRef(column, row);
  return {
    path: `${cell}:${field}`,
    cell,
    field,
    message: `${cell} ${message.en}`,
    zh: `${cell}：${message.zh}`,
  };
}

/** A value typed in a number cell: a finite number, or the reason it is not one. */
export function numberCell(value: GridValue): number | Bilingual {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return {
    en: `must be a number, got ${JSON.stringify(cellText(value))}`,
    zh: `应填数字，实际为“${cellText(value)}”`,
  };
}
