/**
 * Reporting periods (`YYYY-MM`), the reporting window and its lock, and the business rules on a
 * report's values (`functions/api.md` → "Reporting periods and locks"; `shared/domain/product.md` → "Reporting").
 *
 * Pure: every function takes the current time as an argument (`now: Date`), so the one clock in
 * `shared/lib/clock.ts` stays the only source of "now". Asia/Shanghai is a fixed UTC+8 offset.
 */
import * as z from "zod/mini";
import { shanghaiInstant } from "../lib/clock";
import { dec, divRound, fixed } from "../lib/decimal";
import { withUnit, zhPeriod } from "../lib/labels";
import { zodMessage } from "../lib/zod-text";
import { type Indicator, indicatorKind, type Rulebook } from "./rulebook";

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

/**
 * `YYYY-MM`, month 01–12. The year has four digits and does not start with 0 (years 0–999 are
 * not real reporting years, and `Date.UTC` would read 0–99 as 1900–1999).
 */
export const PERIOD_PATTERN = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/** A `YYYY-MM` period (built on first use). */
export const periodSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(
        PERIOD_PATTERN,
        zodMessage("must be a period YYYY-MM (month 01–12)", "须为YYYY-MM格式（月份为01至12）"),
      ),
    ),
);

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** `{year, month}` of a `YYYY-MM` period. Throws `RangeError` when it is not one. */
export function parsePeriod(period: string): YearMonth {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`not a period YYYY-MM: ${JSON.stringify(period)}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** `YYYY-MM` of a year and a 1-based month. Throws `RangeError` when that is not a valid period. */
export function formatPeriod(year: number, month: number): string {
  const period = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !isPeriod(period))
    throw new RangeError(`not a valid period: year ${year}, month ${month}`);
  return period;
}

/** Whether `period` is a valid `YYYY-MM` within `year`. Invalid periods belong to no year. */
export function periodBelongsToYear(period: string, year: number): boolean {
  const match = PERIOD_PATTERN.exec(period);
  return match !== null && Number(match[1]) === year;
}

/** Number of days of a month (1-based), in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------
// The reporting window
// ---------------------------------------------------------------------------------------------

export interface ReportingWindow {
  /** 00:00 Asia/Shanghai on the first day of the period's month (inclusive). */
  opensAt: Date;
  /** 00:00 Asia/Shanghai on the day after the deadline day (exclusive). */
  closesAt: Date;
  /** The last on-time civil date, `YYYY-MM-DD` (Asia/Shanghai), after clamping. */
  deadlineDate: string;
}

/**
 * The window in which a report for `period` is on time: from 00:00 Asia/Shanghai on the 1st of
 * the month until the END of `deadlineDay` of the next month — a submission at any time on the
 * deadline day itself is on time, so `closesAt` is 00:00 of the following day and exclusive.
 *
 * When `deadlineDay` exceeds the length of the next month (e.g. 31 for a February deadline, or
 * 31 for April), it is clamped to that month's last day — the deadline never spills into the
 * month after. December's deadline falls in January of the next year.
 *
 * Throws `RangeError` for an invalid period or a `deadlineDay` that is not an integer 1–31.
 */
export function reportingWindow(period: string, deadlineDay: number): ReportingWindow {
  const { year, month } = parsePeriod(period);
  if (!Number.isInteger(deadlineDay) || deadlineDay < 1 || deadlineDay > 31)
    throw new RangeError(`deadlineDay must be an integer 1–31, got ${deadlineDay}`);
  const dueYear = month === 12 ? year + 1 : year;
  const dueMonth = month === 12 ? 1 : month + 1;
  const dueDay = Math.min(deadlineDay, daysInMonth(dueYear, dueMonth));
  return {
    opensAt: shanghaiInstant(year, month, 1),
    // Day overflow is fine: Date.UTC turns the 32nd into the 1st of the month after.
    closesAt: shanghaiInstant(dueYear, dueMonth, dueDay + 1),
    deadlineDate: `${formatPeriod(dueYear, dueMonth)}-${String(dueDay).padStart(2, "0")}`,
  };
}

export type ReportingState = "notYetOpen" | "open" | "late" | "locked";

export interface ReportingStatus {
  state: ReportingState;
  /** `true` only in state `late`: a submission now is accepted and flagged late. */
  late: boolean;
  opensAt: Date;
  closesAt: Date;
  deadlineDate: string;
}

/** An unlock reopening one locked period for one tenant; `until` is an ISO-8601 instant (inclusive). */
export interface UnlockLike {
  until: string;
}

/** Whether an unlock is in force at `now` (`now ≤ until`). An unparsable `until` is never in force. */
export function unlockInForce(now: Date, unlock: UnlockLike | null | undefined): boolean {
  if (!unlock) return false;
  const until = Date.parse(unlock.until);
  return Number.isFinite(until) && now.getTime() <= until;
}

/**
 * Whether a report for `period` may be submitted at `now`:
 * - before the window opens → `notYetOpen`. Reports for a future month are not allowed; the
 *   route answers 423 for this state too (the period is not open), whatever unlock exists.
 * - within the window → `open` (on time).
 * - after `closesAt`: with an unlock in force (`now ≤ until`) → `late` (accepted, the version is
 *   flagged `late: true`); otherwise → `locked` (423).
 *
 * `late` is `true` only in state `late`; in `locked` and `notYetOpen` nothing is accepted.
 */
export function reportingStatus(
  now: Date,
  period: string,
  deadlineDay: number,
  unlock?: UnlockLike | null,
): ReportingStatus {
  const window = reportingWindow(period, deadlineDay);
  const t = now.getTime();
  let state: ReportingState;
  if (t < window.opensAt.getTime()) state = "notYetOpen";
  else if (t < window.closesAt.getTime()) state = "open";
  else state = unlockInForce(now, unlock) ? "late" : "locked";
  return { state, late: state === "late", ...window };
}

/** Whether a submission is accepted in this state (`open` or `late`). */
export function acceptsSubmissions(state: ReportingState): boolean {
  return state === "open" || state === "late";
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

export interface FieldIssue {
  /** e.g. `values.urban_new_jobs` */
  path: string;
  message: string;
  /** the message in Chinese, naming the indicator by its name (城镇新增就业人数) */
  zh: string;
}

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

/** Expected progress (时序进度) at the end of a period: month ÷ 12, 4 decimals half-up (e.g. `"0.2500"`). */
export function expectedProgress(period: string): string {
  const { month } = parsePeriod(period);
  return fixed(divRound(dec(month), dec(12), 4), 4);
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

// ---------------------------------------------------------------------------------------------
// A tenant's year of periods (what the console's 本单位首页 and 月度填报 show)
// ---------------------------------------------------------------------------------------------

export interface PeriodUnlock {
  until: string;
  reason: string;
  unlockedBy: string;
}

export interface PeriodOverview {
  period: string;
  /** `open`: on time now; `late`: past the deadline but unlocked (accepted, flagged late) */
  state: ReportingState;
  opensAt: string;
  closesAt: string;
  deadlineDate: string;
  /** the unlock in force now, if any */
  unlock: PeriodUnlock | null;
  reported: boolean;
  version: number | null;
  submittedAt: string | null;
  submittedBy: string | null;
  /** the latest version was submitted after the deadline (under an unlock) */
  late: boolean;
}

/**
 * Every period of `year` as it stands at `now`: its window, whether it accepts reports, the unlock
 * in force, and the latest version's facts. Unlocks may be of any period; each period takes the
 * one in force that lasts longest.
 */
export function periodsOfYear(args: {
  now: Date;
  year: number;
  deadlineDay: number;
  reports: ReadonlyArray<{
    period: string;
    version: number;
    submittedAt: string;
    submittedBy: string;
    late: boolean;
  }>;
  unlocks: ReadonlyArray<PeriodUnlock & { period: string }>;
}): PeriodOverview[] {
  const out: PeriodOverview[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = formatPeriod(args.year, month);
    let unlock: (PeriodUnlock & { period: string }) | undefined;
    for (const candidate of args.unlocks) {
      if (candidate.period !== period || !unlockInForce(args.now, candidate)) continue;
      if (!unlock || Date.parse(candidate.until) > Date.parse(unlock.until)) unlock = candidate;
    }
    const status = reportingStatus(args.now, period, args.deadlineDay, unlock);
    const report = args.reports.find((r) => r.period === period);
    out.push({
      period,
      state: status.state,
      opensAt: status.opensAt.toISOString(),
      closesAt: status.closesAt.toISOString(),
      deadlineDate: status.deadlineDate,
      unlock:
        unlock && status.state === "late"
          ? { until: unlock.until, reason: unlock.reason, unlockedBy: unlock.unlockedBy }
          : null,
      reported: report !== undefined,
      version: report?.version ?? null,
      submittedAt: report?.submittedAt ?? null,
      submittedBy: report?.submittedBy ?? null,
      late: report?.late ?? false,
    });
  }
  return out;
}
