/**
 * The targets template of a province-year (one row per unit in displayOrder, one column per
 * indicator) and reading a filled one back, row by row, against the units' current targets.
 */
import type { FieldError } from "../../lib/errors";
import { type Indicator, indicatorKind, type Rulebook } from "../rulebook";
import { type CellValue, type Column, indicatorHeader, type Workbook } from "../tables";
import {
  cellRef,
  cellText,
  type Grid,
  type GridValue,
  headerRow,
  numberCell,
  rowError,
  SpreadsheetError,
} from "./grid";
import type { ImportChange, ImportRow, ImportRowError } from "./result";

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
    const label = cellText(value);
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
  if (cellText(header.cells[0]) !== UNIT_ID || cellText(header.cells[1]) !== UNIT_NAME)
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
    const tenantId = cellText(cells[0]);
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
