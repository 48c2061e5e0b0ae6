/** A tenant's year of periods, as the console's 本单位首页 and 月度填报 show it. */
import { formatPeriod } from "./periods";
import { type ReportingState, reportingStatus, unlockInForceAt } from "./window";

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
    const unlock = unlockInForceAt(
      args.now,
      args.unlocks.filter((u) => u.period === period),
    );
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
