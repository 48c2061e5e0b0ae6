/**
 * The reporting window of a period and its lock: open from the first of the month, due on the
 * rulebook's deadline day of the next month (Asia/Shanghai), locked after it unless an unlock is in
 * force (then accepted and flagged late).
 */
import { shanghaiInstant } from "../../lib/clock";
import { daysInMonth, formatPeriod, parsePeriod } from "./periods";

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

/** Of some unlocks (of one period), the one in force at `now` that lasts longest, if any (the first of equals). */
export function unlockInForceAt<U extends UnlockLike>(now: Date, unlocks: readonly U[]): U | undefined {
  let best: U | undefined;
  for (const unlock of unlocks) {
    if (!unlockInForce(now, unlock)) continue;
    if (!best || Date.parse(unlock.until) > Date.parse(best.until)) best = unlock;
  }
  return best;
}
