/**
 * The business rules on a report's values: known indicators, rates within 0–100, counts not
 * negative, and year-to-date counts that never decrease within the year.
 */
import type { FieldIssue } from "../../lib/errors";
import { withUnit, zhPeriod } from "../../lib/labels";
import { type Indicator, indicatorKind, type Rulebook } from "../rulebook";
import { parsePeriod, periodBelongsToYear } from "./periods";

function indicatorMap(rulebook: Pick<Rulebook, "indicators">): Map<string, Indicator> {
  return new Map(rulebook.indicators.map((ind) => [ind.code, ind]));
}

/**
 * Business-rule checks on a report's values (each failure is a 422 field error):
 * unknown indicator codes, rates outside 0–100, negative counts. Finite numbers are the request
 * schema's job; a non-finite value is still reported here rather than passed on.
 * Issues come in the order of the `values` keys.
 */
export function validateReportValues(
  rulebook: Pick<Rulebook, "indicators">,
  values: Readonly<Record<string, number>>,
): FieldIssue[] {
  const byCode = indicatorMap(rulebook);
  const issues: FieldIssue[] = [];
  for (const [code, value] of Object.entries(values)) {
    const path = `values.${code}`;
    const indicator = byCode.get(code);
    if (!indicator) {
      issues.push({
        path,
        message: `unknown indicator '${code}': not in the year's rulebook`,
        zh: `“${code}”不是本年度考评细则中的指标`,
      });
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({ path, message: `${code} must be a finite number`, zh: `${indicator.name}须为有效数值` });
      continue;
    }
    if (indicatorKind(indicator) === "rate") {
      if (value < 0 || value > 100)
        issues.push({
          path,
          message: `${code} is a rate and must be between 0 and 100`,
          zh: `${indicator.name}是比率指标，数值须在0至100之间`,
        });
    } else if (value < 0) {
      issues.push({
        path,
        message: `${code} is a count and must not be negative`,
        zh: `${indicator.name}是累计数，不能为负数`,
      });
    }
  }
  return issues;
}

export interface CumulativeIssue extends FieldIssue {
  /** `belowPrevious`: less than an earlier month; `aboveNext`: more than a later month. */
  rule: "belowPrevious" | "aboveNext";
  indicator: string;
  value: number;
  /** The latest earlier period of the year that has the indicator, or `null` if none has. */
  previousPeriod: string | null;
  previousValue: number | null;
  /** The earliest later period of the year that has the indicator, when there is one. */
  nextPeriod?: string;
  nextValue?: number;
}

interface Neighbour {
  month: number;
  period: string;
  value: number;
}

/**
 * Count indicators are year-to-date cumulative, so within a year they never decrease. For each
 * count indicator in `values` (for `period`), compare with the same tenant's other periods of the
 * same year (`otherPeriods`: period → code → value; the period itself and other years are
 * ignored):
 * - it may not be below the value in the latest earlier period that has the indicator — months
 *   that lack it are skipped (a gap is not a zero);
 * - it may not be above the value in the earliest later period that has it, so revising an
 *   earlier month cannot break the sequence.
 * Rates, unknown codes and non-finite values are not checked here (see `validateReportValues`).
 */
export function checkCumulative(
  rulebook: Pick<Rulebook, "indicators">,
  period: string,
  values: Readonly<Record<string, number>>,
  otherPeriods: Readonly<Record<string, Readonly<Record<string, number>>>>,
): CumulativeIssue[] {
  const { year, month } = parsePeriod(period);
  const byCode = indicatorMap(rulebook);

  // The other periods of the year, by month: at most 12 entries.
  const others: Array<{ month: number; period: string; values: Readonly<Record<string, number>> }> = [];
  for (const [other, otherValues] of Object.entries(otherPeriods)) {
    if (other === period || !periodBelongsToYear(other, year)) continue;
    others.push({ month: parsePeriod(other).month, period: other, values: otherValues });
  }

  const issues: CumulativeIssue[] = [];
  for (const [code, value] of Object.entries(values)) {
    const indicator = byCode.get(code);
    if (!indicator || indicatorKind(indicator) !== "count") continue;
    if (typeof value !== "number" || !Number.isFinite(value)) continue;

    let previous: Neighbour | undefined;
    let next: Neighbour | undefined;
    for (const other of others) {
      const otherValue = ownNumber(other.values, code);
      if (otherValue === undefined) continue;
      if (other.month < month) {
        if (!previous || other.month > previous.month)
          previous = { month: other.month, period: other.period, value: otherValue };
      } else if (!next || other.month < next.month) {
        next = { month: other.month, period: other.period, value: otherValue };
      }
    }

    const neighbours = {
      previousPeriod: previous?.period ?? null,
      previousValue: previous?.value ?? null,
      ...(next ? { nextPeriod: next.period, nextValue: next.value } : {}),
    };
    const path = `values.${code}`;
    const amount = (n: number) => withUnit(n, indicator.unit);
    if (previous && value < previous.value)
      issues.push({
        path,
        message: `${code} ${value} is below ${previous.value} reported for ${previous.period}`,
        zh:
          `${indicator.name}为年内累计数，本期填报${amount(value)}，少于${zhPeriod(previous.period)}` +
          `已报送的${amount(previous.value)}；累计数不能减少`,
        rule: "belowPrevious",
        indicator: code,
        value,
        ...neighbours,
      });
    if (next && value > next.value)
      issues.push({
        path,
        message: `${code} ${value} is above ${next.value} reported for ${next.period}`,
        zh:
          `${indicator.name}为年内累计数，本期填报${amount(value)}，多于${zhPeriod(next.period)}` +
          `已报送的${amount(next.value)}；前一期的累计数不能超过后一期`,
        rule: "aboveNext",
        indicator: code,
        value,
        ...neighbours,
      });
  }
  return issues;
}

/** An own, finite numeric property (never one inherited from `Object.prototype`). */
export function ownNumber(
  record: Readonly<Record<string, unknown>> | undefined,
  key: string,
): number | undefined {
  if (!record || !Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
