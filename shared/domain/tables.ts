/**
 * Spreadsheet exports as one model: a workbook of sheets, each with Chinese column headers, typed
 * columns and rows. The CSV writer here and the XLSX writer (`shared/office/xlsx.ts`) both render
 * this model, so the two forms of an export always carry the same cells.
 *
 * - CSV: the first sheet, UTF-8 with a BOM, CRLF, RFC 4180 quoting; numbers in plain notation,
 *   percentages as `108.32%`; a text cell that a spreadsheet would read as a formula (`= + - @`,
 *   tab, CR) gets a leading apostrophe.
 * - XLSX: every sheet; numbers as numbers, percentages as numbers formatted `0.00%`, text as text
 *   (never a formula), header row frozen, columns sized.
 */
import { dec, fixed } from "../lib/decimal";
import { PROVINCE_TOTAL_LABEL, percentCell, type Rollup } from "./rollup";
import { type Indicator, indicatorKind, type Rulebook } from "./rulebook";

export type ColumnKind = "text" | "number" | "percent";

export interface Column {
  header: string;
  kind: ColumnKind;
  /** number format of a number column, e.g. `0.00` (default: General) */
  format?: string;
}

/** A cell: text, a number, a percentage as a fraction string (`"1.0832"`), or empty. */
export type CellValue = string | number | null;

export interface Sheet {
  name: string;
  columns: Column[];
  rows: CellValue[][];
}

export interface Workbook {
  /** the download's name, without extension (Chinese) */
  filename: string;
  /** an ASCII name for clients that cannot read `filename*`, without extension */
  fallbackFilename: string;
  sheets: Sheet[];
}

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** A text cell a spreadsheet would read as a formula. */
export const FORMULA_LIKE = /^[=+\-@\t\r]/;

function csvQuote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvCell(value: CellValue, kind: ColumnKind): string {
  if (value === null || value === "") return "";
  if (kind === "percent") return percentCell(String(value));
  if (kind === "number" && typeof value === "number") return dec(value).toString();
  const text = String(value);
  return FORMULA_LIKE.test(text) ? `'${text}` : text;
}

/** The first sheet as CSV (see the module comment). */
export function workbookToCsv(workbook: Pick<Workbook, "sheets">): string {
  const sheet = workbook.sheets[0];
  if (!sheet) return BOM;
  const lines = [sheet.columns.map((c) => csvQuote(csvCell(c.header, "text"))).join(",")];
  for (const row of sheet.rows)
    lines.push(sheet.columns.map((c, i) => csvQuote(csvCell(row[i] ?? null, c.kind))).join(","));
  return BOM + lines.join(CRLF) + CRLF;
}

const yesNo = (value: boolean) => (value ? "是" : "否");
/** A decimal string as a number cell (scores are exact strings; 2–4 decimals fit a double exactly enough to show). */
const decimalNumber = (value: string | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function labels(rollup: Rollup, rulebook: Pick<Rulebook, "indicators">) {
  const map = new Map<string, { name: string; unit: string }>();
  for (const ind of rollup.indicators) map.set(ind.code, { name: ind.name, unit: ind.unit ?? "" });
  for (const ind of rulebook.indicators) map.set(ind.code, { name: ind.name, unit: ind.unit ?? "" });
  return (code: string) => map.get(code) ?? { name: code, unit: "" };
}

/** The rollup's columns (the CSV's too): one row per unit × indicator, then the province's totals. */
export const ROLLUP_COLUMNS: Column[] = [
  { header: "单位", kind: "text" },
  { header: "指标", kind: "text" },
  { header: "计量单位", kind: "text" },
  { header: "目标", kind: "number" },
  { header: "实际", kind: "number" },
  { header: "完成率", kind: "percent" },
  { header: "时序进度", kind: "percent" },
  { header: "是否滞后", kind: "text" },
  { header: "统计期", kind: "text" },
  { header: "是否迟报", kind: "text" },
  { header: "本期是否上报", kind: "text" },
];

export const ROLLUP_CSV_HEADERS = ROLLUP_COLUMNS.map((c) => c.header);

/** The rollup as CSV: the first sheet of `rollupWorkbook`. */
export function rollupToCsv(rollup: Rollup, rulebook: Pick<Rulebook, "indicators">): string {
  return workbookToCsv(rollupWorkbook(rollup, rulebook, ""));
}

/**
 * The rollup as a workbook: 按单位 (unit × indicator, then 全省合计 rows), 全省合计, and 未报送与迟报
 * (every unit that has not reported the period or reported it late).
 */
export function rollupWorkbook(
  rollup: Rollup,
  rulebook: Pick<Rulebook, "indicators">,
  provinceId: string,
): Workbook {
  const label = labels(rollup, rulebook);
  const byUnit: CellValue[][] = [];
  for (const tenant of rollup.tenants)
    for (const row of tenant.rows) {
      const { name, unit } = label(row.code);
      byUnit.push([
        tenant.name,
        name,
        unit,
        row.target,
        row.actual,
        row.completion,
        row.expectedProgress,
        yesNo(row.lagging),
        row.actualPeriod ?? "",
        yesNo(tenant.late),
        yesNo(tenant.reported),
      ]);
    }
  const totals: CellValue[][] = rollup.totals.map((total) => {
    const { name, unit } = label(total.code);
    return [
      PROVINCE_TOTAL_LABEL,
      name,
      unit,
      total.target,
      total.actual,
      total.completion,
      total.expectedProgress,
      total.summed ? yesNo(total.lagging) : "",
      total.summed ? rollup.period : "",
      "",
      "",
    ];
  });
  const status = rollup.tenants
    .filter((t) => !t.reported || t.late)
    .map((t): CellValue[] => [t.name, t.reported ? "迟报" : "未报送", t.submittedAt ?? ""]);
  return {
    filename: `考评进度汇总（${rollup.period}）`,
    fallbackFilename: `rollup-${provinceId}-${rollup.period}`,
    sheets: [
      { name: "按单位", columns: ROLLUP_COLUMNS, rows: [...byUnit, ...totals] },
      { name: "全省合计", columns: ROLLUP_COLUMNS.slice(1, 9), rows: totals.map((r) => r.slice(1, 9)) },
      {
        name: "未报送与迟报",
        columns: [
          { header: "单位", kind: "text" },
          { header: "情况", kind: "text" },
          { header: "报送时间", kind: "text" },
        ],
        rows: status,
      },
    ],
  };
}

/** What the scoring-run workbook reads of a run (`GET …/scoring-runs/{runId}`). */
export interface RunForSheets {
  runId: string;
  year: number;
  inputsHash: string;
  resultsHash: string;
  results: ReadonlyArray<{
    name: string;
    rank: number;
    total: string;
    grade: string;
    indicatorPoints: string;
    reviewPoints: string;
    bonusPoints: string;
    deductionPoints: string;
    vetoed: boolean;
    lines: ReadonlyArray<
      | {
          kind: "indicator";
          code: string;
          name: string;
          target: number | null;
          actual: number | null;
          period: string | null;
          ratio: string | null;
          points: string;
          formula: string;
        }
      | { kind: "review"; code: string; name: string; maxScore: number; score: number | null; points: string }
      | {
          kind: "bonus" | "deduction";
          points: string;
          items: ReadonlyArray<{ points: number; reason: string }>;
        }
      | { kind: "veto"; reason: string }
    >;
  }>;
}

const points = { kind: "number", format: "0.00" } as const;

/** A scoring run as a workbook: 排名与等次 (ranks and grades) and 得分明细 (every line with its formula). */
export function scoringRunWorkbook(run: RunForSheets, provinceId: string): Workbook {
  const ranking = [...run.results]
    .sort((a, b) => a.rank - b.rank)
    .map((r): CellValue[] => [
      r.rank,
      r.name,
      decimalNumber(r.total),
      r.grade,
      decimalNumber(r.indicatorPoints),
      decimalNumber(r.reviewPoints),
      decimalNumber(r.bonusPoints),
      decimalNumber(r.deductionPoints),
      yesNo(r.vetoed),
    ]);
  const lines: CellValue[][] = [];
  for (const r of run.results)
    for (const line of r.lines) {
      if (line.kind === "indicator")
        lines.push([
          r.name,
          "指标",
          line.code,
          line.name,
          line.target,
          line.actual,
          line.period ?? "",
          line.ratio,
          decimalNumber(line.points),
          line.formula,
        ]);
      else if (line.kind === "review")
        lines.push([
          r.name,
          "评审",
          line.code,
          line.name,
          line.maxScore,
          line.score,
          "",
          null,
          decimalNumber(line.points),
          "",
        ]);
      else if (line.kind === "veto")
        lines.push([r.name, "否决", "", line.reason, null, null, "", null, null, ""]);
      else
        lines.push([
          r.name,
          line.kind === "bonus" ? "加分" : "扣分",
          "",
          line.items.map((i) => `${i.reason}（${fixed(dec(i.points), 2)}）`).join("；"),
          null,
          null,
          "",
          null,
          decimalNumber(line.points),
          "",
        ]);
    }
  return {
    filename: `${run.year}年度考评结果（${run.runId}）`,
    fallbackFilename: `scoring-run-${provinceId}-${run.year}-${run.runId}`,
    sheets: [
      {
        name: "排名与等次",
        columns: [
          { header: "排名", kind: "number" },
          { header: "单位", kind: "text" },
          { header: "总分", ...points },
          { header: "等次", kind: "text" },
          { header: "指标得分", ...points },
          { header: "评审得分", ...points },
          { header: "加分", ...points },
          { header: "扣分", ...points },
          { header: "是否否决", kind: "text" },
        ],
        rows: ranking,
      },
      {
        name: "得分明细",
        columns: [
          { header: "单位", kind: "text" },
          { header: "类别", kind: "text" },
          { header: "代码", kind: "text" },
          { header: "名称", kind: "text" },
          { header: "目标/满分", kind: "number" },
          { header: "实际/评分", kind: "number" },
          { header: "统计期", kind: "text" },
          { header: "完成率", kind: "percent" },
          { header: "得分", ...points },
          { header: "计算公式", kind: "text" },
        ],
        rows: lines,
      },
    ],
  };
}

/** A report version as the reports workbook reads it. */
export interface ReportForSheets {
  period: string;
  version: number;
  values: Readonly<Record<string, number>>;
  source: string;
  reason?: string | undefined;
  submittedBy: string;
  submittedAt: string;
  late: boolean;
}

/** `城镇新增就业人数（人）` */
export function indicatorHeader(indicator: Pick<Indicator, "name" | "unit">): string {
  return indicator.unit ? `${indicator.name}（${indicator.unit}）` : indicator.name;
}

/**
 * A city's reports of a year as a workbook: 各期最新 (the latest version of every period) and 全部版本
 * (every version of every period, oldest first) — one column per indicator of the rulebook.
 */
export function reportsWorkbook(
  tenant: { tenantId: string; name: string },
  year: number,
  rulebook: Pick<Rulebook, "indicators">,
  latest: readonly ReportForSheets[],
  versions: readonly ReportForSheets[],
): Workbook {
  const columns: Column[] = [
    { header: "统计期", kind: "text" },
    { header: "版本", kind: "number" },
    ...rulebook.indicators.map(
      (ind): Column => ({
        header: indicatorHeader(ind),
        kind: "number",
        ...(indicatorKind(ind) === "rate" ? { format: "0.00" } : {}),
      }),
    ),
    { header: "来源", kind: "text" },
    { header: "修改原因", kind: "text" },
    { header: "报送人", kind: "text" },
    { header: "报送时间", kind: "text" },
    { header: "是否迟报", kind: "text" },
  ];
  const row = (r: ReportForSheets): CellValue[] => [
    r.period,
    r.version,
    ...rulebook.indicators.map((ind) =>
      Object.hasOwn(r.values, ind.code) ? (r.values[ind.code] ?? null) : null,
    ),
    r.source,
    r.reason ?? "",
    r.submittedBy,
    r.submittedAt,
    yesNo(r.late),
  ];
  return {
    filename: `${tenant.name}${year}年度定期调度报表`,
    fallbackFilename: `reports-${tenant.tenantId}-${year}`,
    sheets: [
      { name: "各期最新", columns, rows: latest.map(row) },
      { name: "全部版本", columns, rows: versions.map(row) },
    ],
  };
}
