/** Rank, grade and grade quotas (`shared/domain/scoring/scoring.md`, "Rank and grade"). */
import { type Decimal, dec } from "../../lib/decimal";
import type { Grade } from "../rulebook";
import { own } from "./own";

export interface RankKey {
  tenantId: string;
  displayOrder: number;
  /** the exact total (never rounded: shared/domain/scoring/scoring.md) */
  total: Decimal;
  indicatorPoints: Decimal;
}

/**
 * Total descending, then indicatorPoints descending, then displayOrder ascending. The tenant id
 * (ascending) only breaks ties between equal displayOrders, so the order never depends on input order.
 */
export function compareForRank(a: RankKey, b: RankKey): number {
  const byTotal = b.total.cmp(a.total);
  if (byTotal !== 0) return byTotal;
  const byIndicators = b.indicatorPoints.cmp(a.indicatorPoints);
  if (byIndicators !== 0) return byIndicators;
  if (a.displayOrder !== b.displayOrder) return a.displayOrder < b.displayOrder ? -1 : 1;
  return a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0;
}

/** Index of the first grade (highest minScore first) with `total ≥ minScore`; the last grade otherwise. */
export function gradeIndexForTotal(grades: readonly Grade[], total: Decimal): number {
  const index = grades.findIndex((g) => total.gte(dec(g.minScore)));
  return index === -1 ? grades.length - 1 : index;
}

/** `floor(share × n)`, exactly (`floor(0.57 × 100)` is 57). */
export function quotaLimit(share: number, n: number): number {
  return Number(dec(share).times(n).round(0, 0).toString());
}

/**
 * Applies the quotas, from the highest grade down: when a grade holds more than `floor(share × N)`
 * tenants, its lowest-ranked surplus moves down exactly one grade; the next grade is then checked
 * with the tenants it received.
 *
 * @param gradeIndexes grade index of each tenant, in rank order (rank 1 first), after vetoes
 * @returns the grade indexes after quotas, in the same order
 */
export function applyQuotas(
  gradeIndexes: readonly number[],
  grades: readonly Grade[],
  quotas: Readonly<Record<string, number>> | undefined,
): number[] {
  const result = [...gradeIndexes];
  const n = result.length;
  for (let g = 0; g < grades.length - 1; g++) {
    const grade = grades[g];
    const share = grade ? own(quotas, grade.name) : undefined;
    if (share === undefined) continue;
    const limit = quotaLimit(share, n);
    let held = 0;
    for (let i = 0; i < n; i++) {
      if (result[i] !== g) continue;
      held++;
      if (held > limit) result[i] = g + 1;
    }
  }
  return result;
}
