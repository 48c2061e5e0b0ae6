/**
 * Spreadsheet templates and imports (`functions/api.md` → "Imports with a dry run"): the targets template of
 * a province-year (one row per unit in displayOrder, one column per indicator) and the monthly report
 * template of a city (one row per indicator, then 来源 and 修改原因), and reading a filled template
 * back — from CSV here, from XLSX in `shared/office/xlsx-read.ts` — into row-numbered, cell-named
 * results. Pure: no I/O.
 */
import type { Bilingual, FieldError, Language } from "../lib/errors";
import { type Indicator, indicatorKind, type Rulebook } from "./rulebook";
import { type CellValue, type Column, indicatorHeader, type Workbook } from "./tables";

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
  constructor(
    readonly text: Bilingual,
    errors?: readonly FieldError[],
    readonly tooLarge = false,
  ) {
    super(text.en);
    this.errors = errors ?? [{ path: "body", message: text.en, zh: text.zh }];
  }
}

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

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

const UNIT_ID = "单位代码";
const UNIT_NAME = "单位";

/** `城镇新增就业人数（人）[urban_new_jobs]`: the Chinese name, the unit and the code of an indicator. */
export function indicatorColumnHeader(indicator: Pick<Indicator, "code" | "name" | "unit">): string {
  return `${indicatorHeader(indicator)}[${indicator.code}]`;
}

export interface TemplateUnit {
  tenantId: string;
  name: string;
}

/** The targets template: one row per unit in displayOrder, one column per indicator, current targets filled in. */
export function targetsTemplate(
  provinceId: string,
  year: number,
  rulebook: Pick<Rulebook, "indicators">,
  units: readonly TemplateUnit[],
  current: Readonly<Record<string, Readonly<Record<string, number>> | undefined>>,
): Workbook {
  const columns: Column[] = [
    { header: UNIT_ID, kind: "text" },
    { header: UNIT_NAME, kind: "text" },
    ...rulebook.indicators.map((ind): Column => ({ header: indicatorColumnHeader(ind), kind: "number" })),
  ];
  const rows = units.map((u): CellValue[] => [
    u.tenantId,
    u.name,
    ...rulebook.indicators.map((ind) => current[u.tenantId]?.[ind.code] ?? null),
  ]);
  return {
    filename: `${year}年度目标任务导入模板`,
    fallbackFilename: `targets-template-${provinceId}-${year}`,
    sheets: [{ name: "目标任务", columns, rows }],
  };
}

function headerRow(grid: Grid): { row: number; cells: GridValue[] } {
  const first = grid.rows[0];
  if (!first)
    throw new SpreadsheetError({
      en: "the file is empty: download the template and fill it in",
      zh: "文件是空的：请下载模板填写后再上传。",
    });
  return first;
}

function text(value: GridValue | undefined): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/** The indicator columns of a header row: every rulebook indicator exactly once, nothing unknown (400 otherwise). */
function indicatorColumns(
  header: { row: number; cells: GridValue[] },
  rulebook: Pick<Rulebook, "indicators">,
  first: number,
): Map<number, Indicator> {
  const byCode = new Map(rulebook.indicators.map((ind) => [ind.code, ind]));
  const columns = new Map<number, Indicator>();
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  header.cells.forEach((value, i) => {
    if (i < first) return;
    const label = text(value);
    if (label === "") return;
    const code = /\[([a-z][a-z0-9_]*)\]\s*$/.exec(label)?.[1];
    const indicator = code ? byCode.get(code) : undefined;
    const ref = cellRef(i, header.row);
    if (!indicator)
      errors.push({
        path: ref,
        message: `${ref}: unknown column '${label}' (not an indicator of the year's rulebook)`,
        zh: `${ref}：未知的列“${label}”（不是本年度考评细则中的指标）`,
      });
    else if (seen.has(indicator.code))
      errors.push({
        path: ref,
        message: `${ref}: column ${indicator.name} (${indicator.code}) appears twice`,
        zh: `${ref}：“${indicator.name}”列重复出现`,
      });
    else {
      seen.add(indicator.code);
      columns.set(i, indicator);
    }
  });
  for (const ind of rulebook.indicators)
    if (!seen.has(ind.code))
      errors.push({
        path: `header.${ind.code}`,
        message: `missing column ${ind.name} (${ind.code}): use the template of this year`,
        zh: `缺少“${ind.name}”列：请使用本年度的模板`,
      });
  if (errors.length > 0)
    throw new SpreadsheetError(
      {
        en: `the file is not this year's template: ${errors.map((e) => e.message).join("; ")}`,
        zh: `文件不是本年度的模板：${errors.map((e) => e.zh).join("；")}。`,
      },
      errors,
    );
  return columns;
}

function rowError(column: number, row: number, field: string, message: Bilingual): ImportRowError {
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
function numberCell(value: GridValue): number | Bilingual {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return {
    en: `must be a number, got ${JSON.stringify(text(value))}`,
    zh: `应填数字，实际为“${text(value)}”`,
  };
}

export interface TargetsImport {
  rows: ImportRow[];
  /** the units whose targets change, with their new targets */
  writes: Array<{ tenantId: string; targets: Record<string, number> }>;
}

/**
 * A filled targets template: every unit row checked (known unit of the province, listed once, every
 * indicator a number > 0, a rate at most 100), compared with the unit's current targets.
 */
export function readTargetsImport(
  grid: Grid,
  rulebook: Pick<Rulebook, "indicators">,
  units: readonly TemplateUnit[],
  current: Readonly<Record<string, Readonly<Record<string, number>> | undefined>>,
): TargetsImport {
  const header = headerRow(grid);
  if (text(header.cells[0]) !== UNIT_ID || text(header.cells[1]) !== UNIT_NAME)
    throw new SpreadsheetError(
      {
        en: `the file is not the targets template: A1 must be ${UNIT_ID} and B1 ${UNIT_NAME}`,
        zh: `文件不是目标任务模板：A1 应为“${UNIT_ID}”，B1 应为“${UNIT_NAME}”。`,
      },
      [{ path: "A1", message: `must be ${UNIT_ID}`, zh: `应为“${UNIT_ID}”` }],
    );
  const columns = indicatorColumns(header, rulebook, 2);
  const known = new Map(units.map((u) => [u.tenantId, u]));
  const seen = new Set<string>();
  const rows: ImportRow[] = [];
  const writes: TargetsImport["writes"] = [];
  for (const { row, cells } of grid.rows.slice(1)) {
    const tenantId = text(cells[0]);
    const errors: ImportRowError[] = [];
    if (!known.has(tenantId))
      errors.push(
        rowError(0, row, "tenantId", {
          en: `'${tenantId}' is not a unit of this province`,
          zh: `“${tenantId}”不是本省的考评单位`,
        }),
      );
    else if (seen.has(tenantId))
      errors.push(
        rowError(0, row, "tenantId", { en: `'${tenantId}' is listed twice`, zh: `“${tenantId}”重复出现` }),
      );
    seen.add(tenantId);
    const targets: Record<string, number> = {};
    for (const [column, indicator] of columns) {
      const value = numberCell(cells[column] ?? null);
      const label = `${indicator.name} (${indicator.code})`;
      const field = `targets.${indicator.code}`;
      if (typeof value !== "number")
        errors.push(
          rowError(column, row, field, { en: `${label}: ${value.en}`, zh: `${indicator.name}${value.zh}` }),
        );
      else if (!(value > 0))
        errors.push(
          rowError(column, row, field, {
            en: `${label}: a target must be > 0`,
            zh: `${indicator.name}的目标须大于0`,
          }),
        );
      else if (indicatorKind(indicator) === "rate" && value > 100)
        errors.push(
          rowError(column, row, field, {
            en: `${label}: a rate target must be at most 100`,
            zh: `${indicator.name}是比率指标，目标不能超过100`,
          }),
        );
      else targets[indicator.code] = value;
    }
    if (errors.length > 0) {
      rows.push({ row, key: tenantId, status: "error", errors });
      continue;
    }
    const before = current[tenantId];
    const changes: ImportChange[] = rulebook.indicators.flatMap((ind) => {
      const from = before?.[ind.code] ?? null;
      const to = targets[ind.code] ?? null;
      return from === to ? [] : [{ field: `targets.${ind.code}`, from, to }];
    });
    if (before && changes.length === 0 && Object.keys(before).length === rulebook.indicators.length) {
      rows.push({ row, key: tenantId, status: "unchanged" });
      continue;
    }
    rows.push({ row, key: tenantId, status: before ? "updated" : "created", changes });
    writes.push({ tenantId, targets });
  }
  return { rows, writes };
}

// ---------------------------------------------------------------------------------------------
// Monthly reports
// ---------------------------------------------------------------------------------------------

const REPORT_HEADERS = ["代码", "指标", "计量单位", "年度目标", "上期数值", "本期数值"] as const;
const VALUE_COLUMN = 5;
const PERIOD_LABEL = "统计期";
const SOURCE_LABEL = "来源";
const REASON_LABEL = "修改原因";

/** The report template of a period: one row per indicator (target, previous period's value, current value to fill), then 统计期, 来源, 修改原因. */
export function reportTemplate(
  tenant: TemplateUnit,
  period: string,
  rulebook: Pick<Rulebook, "indicators">,
  targets: Readonly<Record<string, number>> | undefined,
  previous: Readonly<Record<string, number>> | undefined,
  current: { values: Readonly<Record<string, number>>; source: string } | undefined,
): Workbook {
  const columns: Column[] = REPORT_HEADERS.map((header, i) => ({ header, kind: i >= 3 ? "number" : "text" }));
  const rows: CellValue[][] = rulebook.indicators.map((ind) => [
    ind.code,
    ind.name,
    ind.unit ?? "",
    targets?.[ind.code] ?? null,
    previous?.[ind.code] ?? null,
    current?.values[ind.code] ?? null,
  ]);
  rows.push([PERIOD_LABEL, period, null, null, null, null]);
  rows.push([SOURCE_LABEL, current?.source ?? "", null, null, null, null]);
  rows.push([REASON_LABEL, "", null, null, null, null]);
  return {
    filename: `${tenant.name}${period}定期调度报表`,
    fallbackFilename: `report-template-${tenant.tenantId}-${period}`,
    sheets: [{ name: "定期调度", columns, rows }],
  };
}

export interface ReportImport {
  /** the report as a PUT body would carry it */
  values: Record<string, number>;
  source: string;
  reason?: string;
  /** the spreadsheet row of each indicator, and of the 来源 / 修改原因 cells */
  rowOf: Map<string, number>;
  sourceRow: number;
  reasonRow: number;
  /** cells that are not numbers, text that is too long … */
  errors: ImportRowError[];
}

/** A filled report template of `period` (400 when it is not that template). */
export function readReportImport(
  grid: Grid,
  rulebook: Pick<Rulebook, "indicators">,
  period: string,
): ReportImport {
  const header = headerRow(grid);
  const labels = REPORT_HEADERS.map((_, i) => text(header.cells[i]));
  if (labels.some((l, i) => l !== REPORT_HEADERS[i]))
    throw new SpreadsheetError(
      {
        en: `the file is not the report template: row 1 must read ${REPORT_HEADERS.join(", ")}`,
        zh: `文件不是定期调度报表模板：第1行应为“${REPORT_HEADERS.join("、")}”。`,
      },
      [
        {
          path: "A1",
          message: `the header row must read ${REPORT_HEADERS.join(", ")}`,
          zh: `表头行应为“${REPORT_HEADERS.join("、")}”`,
        },
      ],
    );
  const extra = header.cells.findIndex((v, i) => i >= REPORT_HEADERS.length && text(v) !== "");
  if (extra >= 0)
    throw new SpreadsheetError(
      {
        en: `the file is not the report template: unknown column ${cellRef(extra, header.row)}`,
        zh: `文件不是定期调度报表模板：${cellRef(extra, header.row)} 是未知的列。`,
      },
      [
        {
          path: cellRef(extra, header.row),
          message: `unknown column '${text(header.cells[extra])}'`,
          zh: `未知的列“${text(header.cells[extra])}”`,
        },
      ],
    );
  const byCode = new Map(rulebook.indicators.map((ind) => [ind.code, ind]));
  const out: ReportImport = {
    values: {},
    source: "",
    rowOf: new Map(),
    sourceRow: 0,
    reasonRow: 0,
    errors: [],
  };
  const unknown: Array<{ ref: string; key: string }> = [];
  for (const { row, cells } of grid.rows.slice(1)) {
    const key = text(cells[0]);
    const value = cells[VALUE_COLUMN] ?? null;
    if (key === PERIOD_LABEL) {
      if (text(cells[1]) !== period)
        throw new SpreadsheetError(
          {
            en: `this file is the template of ${text(cells[1])}, not of ${period}`,
            zh: `这是统计期${text(cells[1])}的模板，不是${period}的。`,
          },
          [{ path: cellRef(1, row), message: `must be ${period}`, zh: `应为${period}` }],
        );
      continue;
    }
    if (key === SOURCE_LABEL || key === REASON_LABEL) {
      const t = text(cells[1]);
      const field = key === SOURCE_LABEL ? "source" : "reason";
      if (t.length > 500)
        out.errors.push(
          rowError(1, row, field, {
            en: `${key} (${field}): at most 500 characters`,
            zh: `${key}不能超过500个字符`,
          }),
        );
      if (key === SOURCE_LABEL) {
        out.source = t;
        out.sourceRow = row;
        if (t === "")
          out.errors.push(
            rowError(1, row, "source", {
              en: `${SOURCE_LABEL} (source): say where the figures come from`,
              zh: `${SOURCE_LABEL}为必填项：请写明数据来源`,
            }),
          );
      } else {
        out.reasonRow = row;
        if (t !== "") out.reason = t;
      }
      continue;
    }
    const indicator = byCode.get(key);
    if (!indicator) {
      unknown.push({ ref: cellRef(0, row), key });
      continue;
    }
    out.rowOf.set(indicator.code, row);
    if (value === null) continue; // not yet known: left out, as in a PUT
    const number = numberCell(value);
    if (typeof number !== "number")
      out.errors.push(
        rowError(VALUE_COLUMN, row, `values.${indicator.code}`, {
          en: `${indicator.name} (${indicator.code}): ${number.en}`,
          zh: `${indicator.name}${number.zh}`,
        }),
      );
    else out.values[indicator.code] = number;
  }
  const missing = rulebook.indicators.filter((ind) => !out.rowOf.has(ind.code));
  if (unknown.length > 0 || missing.length > 0 || out.sourceRow === 0)
    throw new SpreadsheetError({
      en: `the file is not this period's report template: ${[
        ...unknown.map((u) => `unknown row ${u.ref} '${u.key}'`),
        ...missing.map((m) => `missing row ${m.name} (${m.code})`),
        ...(out.sourceRow === 0 ? [`missing row ${SOURCE_LABEL}`] : []),
      ].join("; ")}`,
      zh: `文件不是本统计期的定期调度报表模板：${[
        ...unknown.map((u) => `${u.ref} 行“${u.key}”不是本年度的指标`),
        ...missing.map((m) => `缺少“${m.name}”行`),
        ...(out.sourceRow === 0 ? [`缺少“${SOURCE_LABEL}”行`] : []),
      ].join("；")}。`,
    });
  return out;
}

export const reportValueCell = (row: number) => cellRef(VALUE_COLUMN, row);
export const reportTextCell = (row: number) => cellRef(1, row);
