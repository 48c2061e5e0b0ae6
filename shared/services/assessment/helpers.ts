/**
 * Pure helpers of the assessment services (no I/O): the targets-against-rulebook rule, the
 * unlock in force, the rollup's inputs from stored items.
 */
import type { StoredReport } from "../../data/stores/reports";
import type { RollupTenantRow } from "../../data/stores/rollup";
import type { StoredTargets } from "../../data/stores/targets";
import type { Unlock } from "../../data/stores/unlocks";
import { unlockInForce } from "../../domain/reporting";
import type { RollupInput, RollupReportInput } from "../../domain/rollup";
import { indicatorKind, type Rulebook } from "../../domain/rulebook";
import type { FieldError } from "../../lib/errors";

/**
 * Targets must name exactly the rulebook's indicators: every missing code and every extra code is
 * one error (`targets.<code>`). A rate target is a percentage, so it may not exceed 100.
 * (Each value > 0 and finite is the request schema's job.)
 */
export function checkTargets(
  rulebook: Pick<Rulebook, "indicators">,
  targets: Readonly<Record<string, number>>,
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>();
  for (const indicator of rulebook.indicators) {
    known.add(indicator.code);
    const path = `targets.${indicator.code}`;
    if (!Object.hasOwn(targets, indicator.code)) {
      errors.push({
        path,
        message: "missing",
        zh: `缺少${indicator.name}的目标任务`,
        code: indicator.code,
        name: indicator.name,
      });
      continue;
    }
    const value = targets[indicator.code];
    if (indicatorKind(indicator) === "rate" && typeof value === "number" && value > 100)
      errors.push({
        path,
        message: `${indicator.code} is a rate: its target must be at most 100`,
        zh: `${indicator.name}是比率指标，目标值不能超过100`,
      });
  }
  for (const code of Object.keys(targets)) {
    if (!known.has(code))
      errors.push({
        path: `targets.${code}`,
        message: "not an indicator of the year's rulebook",
        zh: `“${code}”不是本年度考评细则中的指标`,
        code,
      });
  }
  return errors;
}

/** Of the unlocks of a period, the one in force at `now` that lasts longest, if any. */
export function unlockInForceAt(now: Date, unlocks: readonly Unlock[]): Unlock | undefined {
  let best: Unlock | undefined;
  for (const unlock of unlocks) {
    if (!unlockInForce(now, unlock)) continue;
    if (!best || Date.parse(unlock.until) > Date.parse(best.until)) best = unlock;
  }
  return best;
}

/** `computeRollup`'s input from what the rollup read. Targets and reports of unknown tenants are ignored by it. */
export function rollupInput(args: {
  year: number;
  period?: string | undefined;
  rulebook: Pick<Rulebook, "indicators">;
  tenants: readonly RollupTenantRow[];
  targets: readonly Pick<StoredTargets, "tenantId" | "targets">[];
  reports: readonly Pick<StoredReport, "tenantId" | "period" | "values" | "late" | "submittedAt">[];
}): RollupInput {
  const targets: Record<string, Record<string, number>> = {};
  for (const item of args.targets) targets[item.tenantId] = item.targets;
  const reports: Record<string, Record<string, RollupReportInput>> = {};
  for (const report of args.reports) {
    const periods = Object.hasOwn(reports, report.tenantId) ? reports[report.tenantId] : undefined;
    const entry: RollupReportInput = {
      values: report.values,
      late: report.late,
      submittedAt: report.submittedAt,
    };
    if (periods) periods[report.period] = entry;
    else reports[report.tenantId] = { [report.period]: entry };
  }
  return {
    year: args.year,
    ...(args.period !== undefined ? { period: args.period } : {}),
    rulebook: args.rulebook,
    tenants: args.tenants,
    targets,
    reports,
  };
}
