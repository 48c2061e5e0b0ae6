/** `computeRollup`'s input from the stored items a rollup read (no I/O). */
import type { StoredReport } from "../../data/stores/reports";
import type { RollupTenantRow } from "../../data/stores/rollup";
import type { StoredTargets } from "../../data/stores/targets";
import type { RollupInput, RollupReportInput } from "../../domain/rollup";
import type { Rulebook } from "../../domain/rulebook";

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
