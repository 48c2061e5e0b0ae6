/** Inputs and results of a scoring run (see `shared/domain/scoring/scoring.md`). All decimal quantities in results are strings. */
import type { Review } from "../review";
import type { Rulebook } from "../rulebook";

export interface ScoringTenantInput {
  tenantId: string;
  /** official order of the tenant; the last tie-break */
  displayOrder: number;
  /** indicator code -> target */
  targets: Record<string, number>;
  /** period "YYYY-MM" -> the latest reported values of that period (may lack indicators) */
  reports: Record<string, Record<string, number>>;
  /** absent: every review item is missing (0 points, flagged), no bonus, deduction or veto */
  review?: Review;
}

export interface ScoringInput {
  year: number;
  rulebook: Rulebook;
  tenants: ScoringTenantInput[];
}

export type IndicatorFlag = "notFinal" | "missing" | "capped" | "noTarget";

export interface IndicatorLine {
  kind: "indicator";
  code: string;
  name: string;
  method: "ratio" | "ceiling";
  weight: number;
  /** ratio indicators: the effective cap (default 1) */
  cap?: number;
  /** ceiling indicators */
  tolerance?: number;
  target: number | null;
  actual: number | null;
  /** the period the actual was taken from */
  period: string | null;
  /** actual ÷ target, 4 decimals; null when either is missing or the target is 0 */
  ratio: string | null;
  /** exact, at least 2 decimals (more only when a weight has more) */
  points: string;
  flags: IndicatorFlag[];
  /** human re-checkable, e.g. "15 × min(173317 ÷ 160000, 1) = 15.00" */
  formula: string;
}

export interface ReviewLine {
  kind: "review";
  code: string;
  name: string;
  maxScore: number;
  score: number | null;
  points: string;
  flags: Array<"missing">;
}

export interface AdjustmentItem {
  points: number;
  reason: string;
}

export interface BonusLine {
  kind: "bonus";
  points: string;
  /** bonusMax (default 0) */
  limit: number;
  items: AdjustmentItem[];
}

export interface DeductionLine {
  kind: "deduction";
  points: string;
  /** deductionMax; null: no limit */
  limit: number | null;
  items: AdjustmentItem[];
}

export interface VetoLine {
  kind: "veto";
  reason: string;
}

export type Line = IndicatorLine | ReviewLine | BonusLine | DeductionLine | VetoLine;

export interface TenantResult {
  tenantId: string;
  displayOrder: number;
  /** 2 decimals, rounded half-up for display when the exact total has more */
  total: string;
  /** the exact total, only when it has more than 2 decimals (ranks and grades use it) */
  exactTotal?: string;
  /** this and the other points: exact, at least 2 decimals */
  indicatorPoints: string;
  reviewPoints: string;
  bonusPoints: string;
  deductionPoints: string;
  /** 1-based, unique */
  rank: number;
  grade: string;
  /** when a quota moved the tenant: the grade its total alone would have earned */
  gradeByScore?: string;
  movedByQuota?: boolean;
  vetoed: boolean;
  lines: Line[];
}
