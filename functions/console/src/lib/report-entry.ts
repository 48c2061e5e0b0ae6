/**
 * 月度填报 as a grid: its columns (unit, target, last period, this period), a row per indicator, the
 * state of each value cell, and what a submit sends — the values typed, or the first cell that is
 * not a number. Pure, no DOM.
 */
import type { Response } from "../api/contract";
import { type CellState, cellState } from "./cell-state";
import { formatNumber, formatPeriod } from "./format";
import type { GridColumn, GridRow } from "./grid";

type Report = Response<"putReport">;
type Indicator = Response<"getRulebook">["indicators"][number];

/** The period before `period` in the same year (`2019-06` → `2019-05`); none for January. */
export function previousPeriodOf(period: string): string | undefined {
  const [yy, mm] = period.split("-").map(Number);
  return mm && mm > 1 ? `${yy}-${String(mm - 1).padStart(2, "0")}` : undefined;
}

export function reportColumns(period: string, previousPeriod: string | undefined): GridColumn[] {
  return [
    { key: "unit", label: "计量单位" },
    { key: "target", label: "年度目标", numeric: true },
    {
      key: "previous",
      label: previousPeriod ? `上期值（${formatPeriod(previousPeriod)}）` : "上期值",
      numeric: true,
    },
    { key: "value", label: `本期值（${formatPeriod(period)}）`, editable: true },
  ];
}

export function reportRows(
  indicators: readonly Indicator[],
  targets: Record<string, number>,
  previous: Report | undefined,
): GridRow[] {
  return indicators.map((ind) => ({
    key: ind.code,
    header: ind.name,
    cells: {
      unit: ind.unit ?? "",
      target: formatNumber(targets[ind.code]),
      previous: formatNumber(previous?.values[ind.code]),
    },
  }));
}

/** Each indicator's value cell: what is stored, what is typed, and what the last save said. */
export function reportStates(
  indicators: readonly Indicator[],
  input: {
    current: Report | undefined;
    texts: Record<string, Record<string, string>>;
    saving: boolean;
    justSaved: ReadonlySet<string>;
    lockedReason: string | undefined;
    serverErrors: Record<string, string>;
  },
): Record<string, Record<string, CellState>> {
  const out: Record<string, Record<string, CellState>> = {};
  for (const ind of indicators) {
    out[ind.code] = {
      value: cellState({
        saved: input.current?.values[ind.code] ?? null,
        text: input.texts[ind.code]?.value ?? "",
        saving: input.saving,
        justSaved: input.justSaved.has(ind.code),
        lockedReason: input.lockedReason,
        serverError: input.serverErrors[ind.code],
      }),
    };
  }
  return out;
}

/** The values a submit sends (the cells that hold a number), and the first cell that holds no number. */
export function valuesToSubmit(
  indicators: readonly Indicator[],
  states: Record<string, Record<string, CellState>>,
): { values: Record<string, number>; firstInvalid: string | undefined } {
  const values: Record<string, number> = {};
  let firstInvalid: string | undefined;
  for (const ind of indicators) {
    const state = states[ind.code]?.value;
    if (!state) continue;
    if (state.kind === "invalid" && !firstInvalid) firstInvalid = ind.code;
    if (state.value !== null) values[ind.code] = state.value;
  }
  return { values, firstInvalid };
}
