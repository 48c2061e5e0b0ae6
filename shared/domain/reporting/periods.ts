/** Reporting periods: `YYYY-MM` months of a year, and the expected progress (时序进度) at the end of one. */
import * as z from "zod/mini";
import { dec, divRound, fixed } from "../../lib/decimal";
import { zodMessage } from "../../lib/zod-text";

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

/** Expected progress (时序进度) at the end of a period: month ÷ 12, 4 decimals half-up (e.g. `"0.2500"`). */
export function expectedProgress(period: string): string {
  const { month } = parsePeriod(period);
  return fixed(divRound(dec(month), dec(12), 4), 4);
}
