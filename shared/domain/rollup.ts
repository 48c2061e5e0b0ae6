/**
 * The provincial rollup (定期调度): every tenant × indicator with target, actual, completion,
 * expected progress (时序进度) and a lagging flag, plus province totals — the body of
 * `GET /v1/provinces/{p}/years/{y}/rollup` (its CSV and XLSX forms: `tables.ts`).
 *
 * Pure and linear in tenants × indicators × periods: the only sort is of the tenants, once.
 */
import { type Decimal, dec, divRound, fixed, ZERO } from "../lib/decimal";
import { expectedProgress as expectedProgressOf, formatPeriod, ownNumber, parsePeriod } from "./reporting";
import { type Indicator, indicatorKind, type Rulebook } from "./rulebook";

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export interface RollupTenantInput {
  tenantId: string;
  name: string;
  displayOrder: number;
}

/** The latest version of one period's report. */
export interface RollupReportInput {
  values: Readonly<Record<string, number>>;
  late: boolean;
  submittedAt: string;
}

export interface RollupInput {
  year: number;
  /** `YYYY-MM` within `year`; default: the latest period of the year any listed tenant reported. */
  period?: string;
  rulebook: Pick<Rulebook, "indicators">;
  tenants: readonly RollupTenantInput[];
  /** tenantId → code → annual target. Tenants may lack targets. */
  targets: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** tenantId → period → latest report. Periods of other years are ignored. */
  reports: Readonly<Record<string, Readonly<Record<string, RollupReportInput>>>>;
}

export type IndicatorKind = "count" | "rate";

export interface RollupIndicator {
  code: string;
  name: string;
  unit: string | null;
  kind: IndicatorKind;
  method: Indicator["method"];
}

export interface RollupRow {
  code: string;
  target: number | null;
  /** The value for the requested period, else the latest earlier period's value (see `actualPeriod`). */
  actual: number | null;
  /** The period `actual` comes from; `null` when no period up to the requested one has the indicator. */
  actualPeriod: string | null;
  /** actual ÷ target, 4 decimals half-up; `null` without an actual or a positive target. */
  completion: string | null;
  /** month ÷ 12 for count indicators; `null` for rates. */
  expectedProgress: string | null;
  lagging: boolean;
}

export interface RollupTenant {
  tenantId: string;
  name: string;
  displayOrder: number;
  /** A report exists for the requested period. */
  reported: boolean;
  /** The requested period's report was submitted late (under an unlock). */
  late: boolean;
  /** When the requested period's report was submitted; `null` when not reported. */
  submittedAt: string | null;
  rows: RollupRow[];
}

export interface RollupTotal {
  code: string;
  kind: IndicatorKind;
  /** `true` for counts (summed over tenants); `false` for rates, which are not summed. */
  summed: boolean;
  /** Σ targets of the tenants that have one; `null` for rates. */
  target: number | null;
  /** Σ actuals (with their fallbacks) of the tenants that have one; `null` for rates. */
  actual: number | null;
  completion: string | null;
  expectedProgress: string | null;
  lagging: boolean;
}

export interface Rollup {
  year: number;
  period: string;
  /** month ÷ 12 of `period`, 4 decimals (applies to count indicators). */
  expectedProgress: string;
  indicators: RollupIndicator[];
  tenants: RollupTenant[];
  totals: RollupTotal[];
  /** tenantIds (displayOrder) without a report for the period. */
  notReported: string[];
  /** tenantIds (displayOrder) whose report for the period was late. */
  late: string[];
}

/** Counts lag when completion is more than this behind expected progress. */
export const LAGGING_MARGIN = "0.05";

// ---------------------------------------------------------------------------------------------
// Computation
// ---------------------------------------------------------------------------------------------

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** completion = actual ÷ target, rounded half-up to 4 decimals; `null` without an actual or a positive target. */
function completionOf(actual: Decimal | null, target: Decimal | null): Decimal | null {
  if (actual === null || target === null || !target.gt(ZERO)) return null;
  return divRound(actual, target, 4);
}

/**
 * The lagging rule, on the 4-decimal values the response shows (so anyone can check it from them):
 * - count: `completion < expectedProgress − 0.05`; with a target but no actual → lagging;
 * - `ceiling` rate (lower is better): `actual > target`; `ratio` rate: `actual < target`;
 *   with a target but no actual → lagging;
 * - no target (or a target ≤ 0) → not lagging: there is nothing to lag behind.
 */
function laggingOf(
  indicator: Indicator,
  kind: IndicatorKind,
  actual: Decimal | null,
  target: Decimal | null,
  completion: Decimal | null,
  threshold: Decimal,
): boolean {
  if (target === null || !target.gt(ZERO)) return false;
  if (actual === null) return true;
  if (kind === "count") return completion?.lt(threshold) === true;
  return indicator.method === "ceiling" ? actual.gt(target) : actual.lt(target);
}

/** The latest period of `year` that any of `tenantIds` reported, or `null`. */
function latestReportedPeriod(input: RollupInput): string | null {
  let latest = 0;
  for (const tenant of input.tenants) {
    const periods = own(input.reports, tenant.tenantId);
    if (!periods) continue;
    for (const period of Object.keys(periods)) {
      const month = monthInYear(period, input.year);
      if (month !== null && month > latest) latest = month;
    }
  }
  return latest === 0 ? null : formatPeriod(input.year, latest);
}

function monthInYear(period: string, year: number): number | null {
  try {
    const parsed = parsePeriod(period);
    return parsed.year === year ? parsed.month : null;
  } catch {
    return null;
  }
}

/** A rate's province total: rates are not summed, so there is nothing to compare. */
const NOT_SUMMED = {
  target: null,
  actual: null,
  completion: null,
  expectedProgress: null,
  lagging: false,
} as const;

/**
 * Compute the rollup for one period of a year.
 *
 * - `period` defaults to the latest period of the year any listed tenant reported; when nobody has
 *   reported yet, to January of the year (everyone is then `notReported`). A `period` outside the
 *   year throws `RangeError` (the route rejects it with 400 first).
 * - `actual` is the value reported for the period; if the tenant has not reported the period or
 *   its report lacks the indicator, the latest EARLIER period's value of the same year
 *   (`actualPeriod` says which). Later periods are never used.
 * - Totals: counts are summed exactly (targets over tenants with a target, actuals over tenants
 *   with an actual) and judged with the count lagging rule; rates are not summed.
 */
export function computeRollup(input: RollupInput): Rollup {
  const { year } = input;
  const period = input.period ?? latestReportedPeriod(input) ?? formatPeriod(year, 1);
  const month = monthInYear(period, year);
  if (month === null) throw new RangeError(`period ${period} is not a period of ${year}`);

  const progress = expectedProgressOf(period);
  const threshold = dec(progress).minus(LAGGING_MARGIN);

  const indicators = input.rulebook.indicators;
  const kinds = indicators.map((ind) => indicatorKind(ind));
  const totalTargets: Decimal[] = indicators.map(() => ZERO);
  const totalActuals: Decimal[] = indicators.map(() => ZERO);
  const hasTotalTarget: boolean[] = indicators.map(() => false);
  const hasTotalActual: boolean[] = indicators.map(() => false);

  const ordered = [...input.tenants].sort(
    (a, b) =>
      a.displayOrder - b.displayOrder || (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0),
  );

  const tenants: RollupTenant[] = [];
  const notReported: string[] = [];
  const late: string[] = [];

  for (const tenant of ordered) {
    const periods = own(input.reports, tenant.tenantId);
    const targets = own(input.targets, tenant.tenantId);

    // Reports of this year up to the requested month, indexed by month (1..month): linear in periods.
    const byMonth: Array<{ period: string; report: RollupReportInput } | undefined> = new Array(month + 1);
    if (periods) {
      for (const [p, report] of Object.entries(periods)) {
        const m = monthInYear(p, year);
        if (m !== null && m <= month) byMonth[m] = { period: p, report };
      }
    }
    const current = byMonth[month]?.report;

    const rows: RollupRow[] = indicators.map((indicator, i) => {
      const kind = kinds[i] ?? indicatorKind(indicator);
      const targetValue = ownNumber(targets, indicator.code) ?? null;

      let actualValue: number | null = null;
      let actualPeriod: string | null = null;
      for (let m = month; m >= 1; m--) {
        const entry = byMonth[m];
        const value = entry ? ownNumber(entry.report.values, indicator.code) : undefined;
        if (entry && value !== undefined) {
          actualValue = value;
          actualPeriod = entry.period;
          break;
        }
      }

      const target = targetValue === null ? null : dec(targetValue);
      const actual = actualValue === null ? null : dec(actualValue);
      const completion = completionOf(actual, target);
      if (kind === "count") {
        if (target !== null) {
          totalTargets[i] = (totalTargets[i] ?? ZERO).plus(target);
          hasTotalTarget[i] = true;
        }
        if (actual !== null) {
          totalActuals[i] = (totalActuals[i] ?? ZERO).plus(actual);
          hasTotalActual[i] = true;
        }
      }
      return {
        code: indicator.code,
        target: targetValue,
        actual: actualValue,
        actualPeriod,
        completion: completion === null ? null : fixed(completion, 4),
        expectedProgress: kind === "count" ? progress : null,
        lagging: laggingOf(indicator, kind, actual, target, completion, threshold),
      };
    });

    if (!current) notReported.push(tenant.tenantId);
    else if (current.late) late.push(tenant.tenantId);
    tenants.push({
      tenantId: tenant.tenantId,
      name: tenant.name,
      displayOrder: tenant.displayOrder,
      reported: current !== undefined,
      late: current?.late === true,
      submittedAt: current?.submittedAt ?? null,
      rows,
    });
  }

  const totals: RollupTotal[] = indicators.map((indicator, i) => {
    const kind = kinds[i] ?? indicatorKind(indicator);
    if (kind === "rate") return { code: indicator.code, kind, summed: false, ...NOT_SUMMED };
    const target = hasTotalTarget[i] ? (totalTargets[i] ?? ZERO) : null;
    const actual = hasTotalActual[i] ? (totalActuals[i] ?? ZERO) : null;
    const completion = completionOf(actual, target);
    return {
      code: indicator.code,
      kind,
      summed: true,
      target: target === null ? null : Number(target.toString()),
      actual: actual === null ? null : Number(actual.toString()),
      completion: completion === null ? null : fixed(completion, 4),
      expectedProgress: progress,
      lagging: laggingOf(indicator, kind, actual, target, completion, threshold),
    };
  });

  return {
    year,
    period,
    expectedProgress: progress,
    indicators: indicators.map((indicator, i) => ({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit ?? null,
      kind: kinds[i] ?? indicatorKind(indicator),
      method: indicator.method,
    })),
    tenants,
    totals,
    notReported,
    late,
  };
}

// ---------------------------------------------------------------------------------------------
// Cells shared with the exports (`tables.ts`)
// ---------------------------------------------------------------------------------------------

export const PROVINCE_TOTAL_LABEL = "全省合计";

/** A 4-decimal fraction as a percentage with 2 decimals: `"1.0832"` → `"108.32%"`. */
export function percentCell(fraction: string | null): string {
  return fraction === null ? "" : `${fixed(dec(fraction).times(100), 2)}%`;
}
