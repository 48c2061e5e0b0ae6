/**
 * The one clock. Every "now" in the service comes from here, so tests and the local stack's
 * LOCAL_NOW can set it. China has had no daylight-saving time since 1991, so Asia/Shanghai is a
 * fixed UTC+8 offset.
 */
type Source = () => Date;

const systemSource: Source = () => new Date();
let source: Source = systemSource;

export function now(): Date {
  return source();
}

export function nowIso(): string {
  return now().toISOString();
}

/** Fix the clock at an instant (ISO-8601 string or Date), or pass `null` to use the system time again. */
export function setNow(instant: string | Date | null): void {
  if (instant === null) {
    source = systemSource;
    return;
  }
  const fixedAt = typeof instant === "string" ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(fixedAt.getTime())) throw new RangeError(`not an ISO-8601 instant: ${String(instant)}`);
  source = () => new Date(fixedAt.getTime());
}

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** The calendar date in Asia/Shanghai of an instant. */
export function shanghaiDate(instant: Date = now()): CivilDate {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai (default: now). */
export function shanghaiToday(instant: Date = now()): string {
  const { year, month, day } = shanghaiDate(instant);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The instant at which a civil date-time in Asia/Shanghai occurs. `month` is 1-based and may overflow (13 → next January). */
export function shanghaiInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - SHANGHAI_OFFSET_MS);
}
