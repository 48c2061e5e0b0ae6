/**
 * Reporting periods (`YYYY-MM`), the reporting window and its lock, and the business rules on a
 * report's values (`functions/api.md` → "Reporting periods and locks"; `shared/domain/product.md` → "Reporting").
 *
 * Pure: every function takes the current time as an argument (`now: Date`), so the one clock in
 * `shared/lib/clock.ts` stays the only source of "now". Asia/Shanghai is a fixed UTC+8 offset.
 */
export {
  daysInMonth,
  expectedProgress,
  formatPeriod,
  isPeriod,
  PERIOD_PATTERN,
  parsePeriod,
  periodBelongsToYear,
  periodSchema,
  type YearMonth,
} from "./periods";
export {
  type CumulativeIssue,
  checkCumulative,
  ownNumber,
  validateReportValues,
} from "./values";
export {
  acceptsSubmissions,
  type ReportingState,
  type ReportingStatus,
  type ReportingWindow,
  reportingStatus,
  reportingWindow,
  type UnlockLike,
  unlockInForce,
  unlockInForceAt,
} from "./window";
export { type PeriodOverview, type PeriodUnlock, periodsOfYear } from "./year";
