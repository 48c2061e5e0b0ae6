/**
 * 考评打分 rows: one unit's review as the grid holds it (texts as typed), the body it would send,
 * whether it differs from what is stored, the page's own checks by the API's paths, and sums.
 */
import type { Body, Response } from "../api/contract";
import { numberText, parseNumber } from "./numbers";

type Review = Response<"getReview">;
type ReviewItem = NonNullable<Response<"getRulebook">["reviewItems"]>[number];

export interface AdjustmentRow {
  key: string;
  points: string;
  reason: string;
}
export interface ReviewRow {
  items: Record<string, string>;
  bonuses: AdjustmentRow[];
  deductions: AdjustmentRow[];
  veto: boolean;
  vetoReason: string;
}

let counter = 0;
export const adjustment = (points = "", reason = ""): AdjustmentRow => ({
  key: `a${++counter}`,
  points,
  reason,
});

export function rowOf(review: Review | undefined, items: readonly ReviewItem[]): ReviewRow {
  return {
    items: Object.fromEntries(items.map((i) => [i.code, numberText(review?.items[i.code])])),
    bonuses: (review?.bonuses ?? []).map((b) => adjustment(String(b.points), b.reason)),
    deductions: (review?.deductions ?? []).map((d) => adjustment(String(d.points), d.reason)),
    veto: review?.veto !== undefined,
    vetoReason: review?.veto?.reason ?? "",
  };
}

/** The body a row would send; numbers parsed as typed (`NaN` for what is not a number). */
export function bodyOf(row: ReviewRow): Body<"putReview"> {
  const n = (text: string) => {
    const parsed = parseNumber(text);
    return parsed.kind === "number" ? parsed.value : Number.NaN;
  };
  const itemScores: Record<string, number> = {};
  for (const [code, text] of Object.entries(row.items)) if (text.trim() !== "") itemScores[code] = n(text);
  const adj = (list: AdjustmentRow[]) =>
    list
      .filter((a) => a.points.trim() !== "" || a.reason.trim() !== "")
      .map((a) => ({ points: n(a.points), reason: a.reason.trim() }));
  return {
    items: itemScores,
    bonuses: adj(row.bonuses),
    deductions: adj(row.deductions),
    ...(row.veto ? { veto: { reason: row.vetoReason.trim() } } : {}),
  };
}

export function storedBody(review: Review | undefined): Body<"putReview"> {
  return review
    ? {
        items: review.items,
        bonuses: review.bonuses,
        deductions: review.deductions,
        ...(review.veto ? { veto: review.veto } : {}),
      }
    : { items: {}, bonuses: [], deductions: [] };
}

/** A body in one key order (stored items come back from the API in any order). */
function canonical(body: Body<"putReview">): string {
  const items = Object.entries(body.items).sort(([a], [b]) => (a < b ? -1 : 1));
  const adj = (list: Array<{ points: number; reason: string }> | undefined) =>
    (list ?? []).map((a) => [a.points, a.reason]);
  return JSON.stringify([items, adj(body.bonuses), adj(body.deductions), body.veto?.reason ?? null]);
}

/** whether the row would send something other than what is stored */
export function differs(row: ReviewRow, review: Review | undefined): boolean {
  return canonical(bodyOf(row)) !== canonical(storedBody(review));
}

/** the page's own checks, by the API's path under the row (`items.<code>`, `bonuses.0.points`, `veto.reason`) */
export function localErrors(
  row: ReviewRow | undefined,
  items: readonly ReviewItem[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!row) return out;
  for (const item of items) {
    const parsed = parseNumber(row.items[item.code] ?? "");
    if (parsed.kind === "invalid") out[`items.${item.code}`] = parsed.message;
    else if (parsed.kind === "number" && (parsed.value < 0 || parsed.value > item.maxScore))
      out[`items.${item.code}`] = `得分须在 0 至 ${item.maxScore} 之间`;
  }
  for (const kind of ["bonuses", "deductions"] as const) {
    row[kind].forEach((a, i) => {
      if (a.points.trim() === "" && a.reason.trim() === "") return;
      const parsed = parseNumber(a.points);
      if (parsed.kind !== "number")
        out[`${kind}.${i}.points`] = parsed.kind === "invalid" ? parsed.message : "请填写分值";
      else if (!(parsed.value > 0)) out[`${kind}.${i}.points`] = "分值须大于 0";
      if (!a.reason.trim()) out[`${kind}.${i}.reason`] = "请填写原因";
    });
  }
  if (row.veto && !row.vetoReason.trim()) out["veto.reason"] = "一票否决须填写原因";
  return out;
}

export function sumOf(list: AdjustmentRow[]): number {
  return (
    list.reduce((n, a) => {
      const parsed = parseNumber(a.points);
      return n + (parsed.kind === "number" ? Math.round(parsed.value * 100) : 0);
    }, 0) / 100
  );
}
export function itemSum(row: ReviewRow | undefined, items: readonly ReviewItem[]): number {
  if (!row) return 0;
  return (
    items.reduce((n, i) => {
      const parsed = parseNumber(row.items[i.code] ?? "");
      return n + (parsed.kind === "number" ? Math.round(parsed.value * 100) : 0);
    }, 0) / 100
  );
}
