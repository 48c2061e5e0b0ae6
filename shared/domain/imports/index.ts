/**
 * Spreadsheet templates and imports (`functions/api.md` → "Imports with a dry run"): the targets template of
 * a province-year (one row per unit in displayOrder, one column per indicator) and the monthly report
 * template of a city (one row per indicator, then 来源 and 修改原因), and reading a filled template
 * back — from CSV here, from XLSX in `shared/office/xlsx-read.ts` — into row-numbered, cell-named
 * results. Pure: no I/O.
 */
export { readCsvGrid } from "./csv";
export { cellRef, columnLetter, type Grid, type GridValue, SpreadsheetError } from "./grid";
export {
  type ReportImport,
  readReportImport,
  reportTemplate,
  reportTextCell,
  reportValueCell,
} from "./report";
export {
  type ImportChange,
  type ImportResult,
  type ImportRow,
  type ImportRowError,
  localizeImport,
  summarizeRows,
} from "./result";
export {
  indicatorColumnHeader,
  readTargetsImport,
  type TargetsImport,
  type TemplateUnit,
  targetsTemplate,
} from "./targets";
