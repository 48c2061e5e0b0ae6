/** Which reported value counts as the actual of an indicator for the year. */
import { own } from "./own";

export interface Actual {
  value: number;
  period: string;
  /** taken from an earlier period than `YYYY-12` */
  notFinal: boolean;
}

/** The periods of a year, latest first: `YYYY-12`, `YYYY-11`, …, `YYYY-01`. */
export function periodsOfYearDescending(year: number): string[] {
  const periods: string[] = [];
  for (let month = 12; month >= 1; month--) periods.push(`${year}-${String(month).padStart(2, "0")}`);
  return periods;
}

/**
 * The value in the `YYYY-12` report; if that report is missing or lacks the indicator, the latest
 * earlier period of the year that has it (`notFinal`); `null` when no period of the year has it.
 * Counts are reported year-to-date cumulative and rates as the current value, so for both kinds
 * the latest value is the actual.
 */
export function findActual(
  reports: Readonly<Record<string, Readonly<Record<string, number>>>>,
  year: number,
  code: string,
): Actual | null {
  const periods = periodsOfYearDescending(year);
  for (const [index, period] of periods.entries()) {
    const value = own(own(reports, period), code);
    if (typeof value === "number" && Number.isFinite(value)) return { value, period, notFinal: index > 0 };
  }
  return null;
}
