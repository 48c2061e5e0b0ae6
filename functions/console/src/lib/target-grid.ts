/**
 * 目标任务's grid: each unit × indicator cell's state (saved, typed, dirty, invalid, …) from what is
 * stored and what was typed. A row is sent whole, so once a row is changed every indicator of it
 * needs a target. Pure, no DOM.
 */
import type { ApiProblem } from "../api/client";
import type { Response } from "../api/contract";
import { type CellState, cellState } from "./cell-state";
import { formatDateTime, formatNumber } from "./format";
import { numberText } from "./numbers";

type Stored = Response<"listProvinceTargets">["targets"][number];

export interface TargetGrid {
  /** typed texts by unit and indicator */
  texts: Record<string, Record<string, string>>;
  stored: Record<string, Stored>;
  saving: ReadonlySet<string>;
  justSaved: Record<string, ReadonlySet<string>>;
  serverErrors: Record<string, Record<string, string>>;
  /** 保存 was pressed: an empty cell of a new row is an error too */
  attempted: boolean;
  lockedReason: string | undefined;
}

/** A unit's stored targets as the grid's texts. */
export function textsOf(stored: Stored | undefined, codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((code) => [code, numberText(stored?.targets[code])]));
}

function typedOver(g: TargetGrid, t: string, codes: readonly string[]): boolean {
  const s = g.stored[t];
  return codes.some((code) => (g.texts[t]?.[code] ?? "").trim() !== numberText(s?.targets[code]));
}

export function targetCellStates(
  units: readonly string[],
  codes: readonly string[],
  g: TargetGrid,
): Record<string, Record<string, CellState>> {
  const out: Record<string, Record<string, CellState>> = {};
  for (const t of units) {
    const changed = typedOver(g, t, codes);
    const row: Record<string, CellState> = {};
    for (const code of codes) {
      const text = g.texts[t]?.[code] ?? "";
      const missing =
        changed && text.trim() === "" && (g.attempted || g.stored[t] !== undefined)
          ? "请填写目标值"
          : undefined;
      row[code] = cellState({
        saved: g.stored[t]?.targets[code] ?? null,
        text,
        saving: g.saving.has(t),
        justSaved: g.justSaved[t]?.has(code) ?? false,
        lockedReason: g.lockedReason,
        serverError: g.serverErrors[t]?.[code],
        localError: missing,
      });
    }
    out[t] = row;
  }
  return out;
}

/** Why a unit's row was not saved: who saved first (412), else the API's reasons beyond the cells' own. */
export function saveFailure(e: ApiProblem, theirs: Stored | undefined): string {
  return e.status === 412 && theirs
    ? `他人已先保存了第 ${theirs.version} 版（${theirs.updatedBy}，${formatDateTime(theirs.updatedAt)}）`
    : [
        e.detail || e.title,
        ...e.errors.filter((x) => !x.path.startsWith("body.targets.")).map((x) => x.message),
      ]
        .filter(Boolean)
        .join("；");
}

/** The 状态 column of a unit's row. */
export function rowStatusText(
  failure: string | undefined,
  saving: boolean,
  dirty: boolean,
  stored: Stored | undefined,
): string {
  if (failure) return `保存失败：${failure}`;
  if (saving) return "保存中";
  if (dirty) return "有未保存的修改";
  if (!stored) return "尚未下达";
  return `已保存 第 ${stored.version} 版`;
}

/** The 全省合计 row: the API's total of each summed indicator, 不汇总 for the others. */
export function totalsRow(
  indicators: ReadonlyArray<{ code: string }>,
  totals: Response<"listProvinceTargets">["totals"],
): { key: string; header: string; cells: Record<string, string> } {
  return {
    key: "_total",
    header: "全省合计",
    cells: Object.fromEntries(
      indicators.map((ind) => {
        const total = totals.find((x) => x.code === ind.code);
        return [ind.code, total?.summed ? formatNumber(total.target) : "不汇总"];
      }),
    ),
  };
}
