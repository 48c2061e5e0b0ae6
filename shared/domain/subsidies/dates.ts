/**
 * Civil dates (`YYYY-MM-DD`, Asia/Shanghai calendar days) as plain strings. Dates in this format
 * compare correctly as strings, so no time zone ever enters the subsidy rules. Nothing here reads
 * the clock: the evaluation date is always an input.
 */
import * as z from "zod/mini";

/** A valid calendar date `YYYY-MM-DD` (leap years checked). Built on first use, like every schema here. */
export const dateSchema = z.lazy(() => z.iso.date());

/** An ISO-8601 instant, e.g. `2019-03-01T08:00:00.000Z` (when a version was written). */
export const instantSchema = z.lazy(() => z.iso.datetime({ offset: true }));

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a valid `YYYY-MM-DD`, or `undefined` for anything else (bad format, 2019-02-29, …). */
export function parseDate(text: string): CivilDateParts | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isDate(text: unknown): text is string {
  return typeof text === "string" && parseDate(text) !== undefined;
}

export function formatDate({ year, month, day }: CivilDateParts): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function requireDate(text: string): CivilDateParts {
  const parts = parseDate(text);
  if (!parts) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return parts;
}

/**
 * `date` minus `months` calendar months. The day is kept, or clamped to the last day of the
 * target month when that month is shorter: 2020-03-31 − 1 = 2020-02-29, 2021-03-31 − 1 =
 * 2021-02-28, 2020-02-29 − 12 = 2019-02-28, 2019-05-31 − 1 = 2019-04-30. Negative `months` adds.
 */
export function subtractMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = requireDate(date);
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) throw new RangeError(`out of range: ${date} - ${months} months`);
  return formatDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's `days_from_civil`). */
export function dayNumber(date: string): number {
  const { year, month, day } = requireDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (inverse of `dayNumber`; `civil_from_days`). */
export function fromDayNumber(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`out of range: day ${days}`);
  return formatDate({ year, month, day });
}

/** `date` plus `days` days (negative subtracts). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/** Is `date` within `[from, to]`, where an empty `to` means open-ended? */
export function isWithinRange(date: string, from: string, to: string | null | undefined): boolean {
  return from <= date && (to === undefined || to === null || date <= to);
}
