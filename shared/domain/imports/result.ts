/** An import's answer: every row of the file with its status, changes or cell errors, and the counts. */
import type { FieldError, Language } from "../../lib/errors";

export interface ImportChange {
  field: string;
  from: number | string | null;
  to: number | string | null;
}

export interface ImportRowError extends FieldError {
  /** the cell and the field: `D7:urban_new_jobs` */
  path: string;
  cell: string;
  field: string;
}

export interface ImportRow {
  row: number;
  key: string;
  status: "created" | "updated" | "unchanged" | "error";
  changes?: ImportChange[];
  errors?: ImportRowError[];
}

export interface ImportResult {
  dryRun: boolean;
  summary: { created: number; updated: number; unchanged: number; errors: number };
  rows: ImportRow[];
}

/** The result as one language reads it: every cell error's message in that language (no `zh` member). */
export function localizeImport(result: ImportResult, language: Language) {
  return {
    ...result,
    rows: result.rows.map((row) =>
      row.errors
        ? {
            ...row,
            errors: row.errors.map(({ zh, ...rest }) =>
              language === "zh" ? { ...rest, message: zh } : rest,
            ),
          }
        : row,
    ),
  };
}

export function summarizeRows(dryRun: boolean, rows: ImportRow[]): ImportResult {
  const count = (status: ImportRow["status"]) => rows.filter((r) => r.status === status).length;
  return {
    dryRun,
    summary: {
      created: count("created"),
      updated: count("updated"),
      unchanged: count("unchanged"),
      errors: count("error"),
    },
    rows,
  };
}
