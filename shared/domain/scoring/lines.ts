/**
 * The explained lines of one tenant's score: indicators, review items, bonus, deduction, veto.
 * Every formula of `shared/domain/scoring/scoring.md` is computed exactly with decimals; `round2` is half-up.
 */
import {
  type Decimal,
  dec,
  divRound,
  exact2,
  fixed,
  max,
  min,
  roundHalfUp,
  sum,
  ZERO,
} from "../../lib/decimal";
import type { Review } from "../review";
import type { Indicator, ReviewItem, Rulebook } from "../rulebook";
import { type Actual, findActual } from "./actuals";
import { own } from "./own";
import type {
  BonusLine,
  DeductionLine,
  IndicatorFlag,
  IndicatorLine,
  ReviewLine,
  ScoringTenantInput,
  VetoLine,
} from "./types";

/** A line with its exact points, before they are turned into strings. */
export interface Scored<L> {
  line: L;
  points: Decimal;
}

/** Plain decimal notation of a JSON number, for formulas (never exponent notation). */
export function show(value: number | Decimal): string {
  return dec(value).toString();
}

interface IndicatorPoints {
  points: Decimal;
  capped: boolean;
  formula: string;
}

/** `round2(weight × min(actual / target, cap))`, never below 0. */
export function ratioPoints(weight: number, cap: number, actual: number, target: number): IndicatorPoints {
  const w = dec(weight);
  const a = dec(actual);
  const t = dec(target);
  const c = dec(cap);
  const capAt = c.times(t);
  if (a.gte(capAt)) {
    // the cap binds (or completion is exactly the cap): weight × cap
    const points = max(ZERO, roundHalfUp(w.times(c)));
    const formula = t.eq(0)
      ? `${show(a)} ≥ ${show(c)} × 0 → ${show(w)} × ${show(c)} = ${fixed(points)}`
      : `${show(w)} × min(${show(a)} ÷ ${show(t)}, ${show(c)}) = ${fixed(points)}`;
    return { points, capped: a.gt(capAt), formula };
  }
  // here actual < cap × target
  const exact = `${show(w)} × min(${show(a)} ÷ ${show(t)}, ${show(c)})`;
  if (a.lte(0) || t.lte(0)) {
    return { points: ZERO, capped: false, formula: `max(0, ${exact}) = ${fixed(ZERO)}` };
  }
  // correctly rounded quotient of weight × actual ÷ target
  const points = divRound(w.times(a), t, 2);
  return { points, capped: false, formula: `${exact} = ${fixed(points)}` };
}

/** Lower is better: `actual ≤ target` → weight; else `round2(weight × max(0, 1 − (actual − target) / tolerance))`. */
export function ceilingPoints(
  weight: number,
  tolerance: number,
  actual: number,
  target: number,
): IndicatorPoints {
  const w = dec(weight);
  const a = dec(actual);
  const t = dec(target);
  const tol = dec(tolerance);
  if (a.lte(t)) {
    // the weight itself, not rounded (shared/domain/scoring/scoring.md); exact2 shows it in full
    return { points: w, capped: false, formula: `${show(a)} ≤ ${show(t)} → ${show(w)} = ${exact2(w)}` };
  }
  const formula = `${show(w)} × max(0, 1 − (${show(a)} − ${show(t)}) ÷ ${show(tol)})`;
  const over = a.minus(t);
  if (over.gte(tol)) return { points: ZERO, capped: false, formula: `${formula} = ${fixed(ZERO)}` };
  // weight × (tolerance − (actual − target)) ÷ tolerance, correctly rounded
  const points = divRound(w.times(tol.minus(over)), tol, 2);
  return { points, capped: false, formula: `${formula} = ${fixed(points)}` };
}

export function indicatorLine(
  indicator: Indicator,
  tenant: Pick<ScoringTenantInput, "targets" | "reports">,
  year: number,
): Scored<IndicatorLine> {
  const target = own(tenant.targets, indicator.code);
  const targetValue = typeof target === "number" && Number.isFinite(target) ? target : null;
  const actual: Actual | null = findActual(tenant.reports, year, indicator.code);
  const flags: IndicatorFlag[] = [];
  if (actual?.notFinal) flags.push("notFinal");
  if (!actual) flags.push("missing");

  const base = {
    kind: "indicator" as const,
    code: indicator.code,
    name: indicator.name,
    method: indicator.method,
    weight: indicator.weight,
    ...(indicator.method === "ratio" ? { cap: indicator.cap ?? 1 } : {}),
    ...(indicator.tolerance !== undefined && indicator.method === "ceiling"
      ? { tolerance: indicator.tolerance }
      : {}),
    target: targetValue,
    actual: actual?.value ?? null,
    period: actual?.period ?? null,
    ratio:
      actual && targetValue !== null && targetValue !== 0
        ? fixed(divRound(dec(actual.value), dec(targetValue), 4), 4)
        : null,
  };

  if (!actual || targetValue === null) {
    if (targetValue === null) flags.push("noTarget");
    const why =
      !actual && targetValue === null
        ? "target and actual missing"
        : actual
          ? "target missing"
          : "actual missing";
    return {
      line: { ...base, points: fixed(ZERO), flags, formula: `${why} → ${fixed(ZERO)}` },
      points: ZERO,
    };
  }

  let scored: IndicatorPoints;
  if (indicator.method === "ratio") {
    scored = ratioPoints(indicator.weight, indicator.cap ?? 1, actual.value, targetValue);
  } else {
    if (indicator.tolerance === undefined)
      throw new RangeError(`ceiling indicator '${indicator.code}' has no tolerance`);
    scored = ceilingPoints(indicator.weight, indicator.tolerance, actual.value, targetValue);
  }
  if (scored.capped) flags.push("capped");
  return {
    line: { ...base, points: exact2(scored.points), flags, formula: scored.formula },
    points: scored.points,
  };
}

/** `round2(score)`; a missing item scores 0 and is flagged. */
export function reviewLine(item: ReviewItem, review: Review | undefined): Scored<ReviewLine> {
  const score = own(review?.items, item.code);
  const base = { kind: "review" as const, code: item.code, name: item.name, maxScore: item.maxScore };
  if (typeof score !== "number" || !Number.isFinite(score)) {
    return { line: { ...base, score: null, points: fixed(ZERO), flags: ["missing"] }, points: ZERO };
  }
  const points = roundHalfUp(dec(score));
  return { line: { ...base, score, points: fixed(points), flags: [] }, points };
}

const copyItems = (items: ReadonlyArray<{ points: number; reason: string }> | undefined) =>
  (items ?? []).map((i) => ({ points: i.points, reason: i.reason }));

/** `min(Σ bonuses, bonusMax)`, bonusMax defaulting to 0. */
export function bonusLine(
  rulebook: Pick<Rulebook, "bonusMax">,
  review: Review | undefined,
): Scored<BonusLine> {
  const limit = rulebook.bonusMax ?? 0;
  const items = copyItems(review?.bonuses);
  const points = min(sum(items.map((i) => dec(i.points))), dec(limit));
  return { line: { kind: "bonus", points: exact2(points), limit, items }, points };
}

/** `min(Σ deductions, deductionMax)`, no limit when deductionMax is absent. */
export function deductionLine(
  rulebook: Pick<Rulebook, "deductionMax">,
  review: Review | undefined,
): Scored<DeductionLine> {
  const limit = rulebook.deductionMax ?? null;
  const items = copyItems(review?.deductions);
  const total = sum(items.map((i) => dec(i.points)));
  const points = limit === null ? total : min(total, dec(limit));
  return { line: { kind: "deduction", points: exact2(points), limit, items }, points };
}

export function vetoLine(review: Review | undefined): VetoLine | null {
  return review?.veto ? { kind: "veto", reason: review.veto.reason } : null;
}
