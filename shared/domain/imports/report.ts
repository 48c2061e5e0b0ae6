/**
 * The monthly report template of a city (one row per indicator, then 统计期, 来源 and 修改原因) and
 * reading a filled one back into the PUT's body, with the row of every value.
 */
import type { Rulebook } from "../rulebook";
import type { CellValue, Column, Workbook } from "../tables";
import { cellRef, cellText, type Grid, headerRow, numberCell, rowError, SpreadsheetError } from "./grid";
import type { ImportRowError } from "./result";
import type { TemplateUnit } from "./targets";

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
  const labels = REPORT_HEADERS.map((_, i) => cellText(header.cells[i]));
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
  const extra = header.cells.findIndex((v, i) => i >= REPORT_HEADERS.length && cellText(v) !== "");
  if (extra >= 0)
    throw new SpreadsheetError(
      {
        en: `the file is not the report template: unknown column ${cellRef(extra, header.row)}`,
        zh: `文件不是定期调度报表模板：${cellRef(extra, header.row)} 是未知的列。`,
      },
      [
        {
          path: cellRef(extra, header.row),
          message: `unknown column '${cellText(header.cells[extra])}'`,
          zh: `未知的列“${cellText(header.cells[extra])}”`,
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
    const key = cellText(cells[0]);
    const value = cells[VALUE_COLUMN] ?? null;
    if (key === PERIOD_LABEL) {
      if (cellText(cells[1]) !== period)
        throw new SpreadsheetError(
          {
            en: `this file is the template of ${cellText(cells[1])}, not of ${period}`,
            zh: `这是统计期${cellText(cells[1])}的模板，不是${period}的。`,
          },
          [{ path: cellRef(1, row), message: `must be ${period}`, zh: `应为${period}` }],
        );
      continue;
    }
    if (key === SOURCE_LABEL || key === REASON_LABEL) {
      const t = cellText(cells[1]);
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
