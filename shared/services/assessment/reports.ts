/**
 * Monthly reports: the reporting window and its lock (423, unless an unlock is in force — then
 * the version is flagged late), If-Match and a reason on revisions, the business rules on values,
 * and the audit trail (every version kept, written with the current item in one transaction).
 */
import type { Db } from "../../data/client";
import { StaleError, withRetry } from "../../data/retry";
import {
  putReport,
  type ReportKey,
  reportsOfTenantYear,
  reportVersions,
  type StoredReport,
  tenantYear,
} from "../../data/stores/reports";
import { unlocksOf } from "../../data/stores/unlocks";
import { checkIfMatch } from "../../data/versioned";
import {
  checkCumulative,
  type ReportingStatus,
  reportingStatus,
  unlockInForceAt,
  validateReportValues,
} from "../../domain/reporting";
import type { Rulebook } from "../../domain/rulebook";
import { now } from "../../lib/clock";
import {
  BusinessRuleError,
  type FieldIssue,
  inBody,
  LockedError,
  summarizeErrors,
  ValidationError,
} from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import { zhDate, zhPeriod } from "../../lib/labels";
import type { Actor } from "../actor";
import { history } from "../found";
import { getTenant } from "../tenants";
import { requireRulebook, rulebookStillCurrent } from "./year-rulebook";

export interface ReportBody {
  values: Record<string, number>;
  source: string;
  reason?: string | undefined;
}

export interface SubmitReportInput {
  tenantId: string;
  year: number;
  /** `YYYY-MM` within `year` (the route checks it) */
  period: string;
  report: ReportBody;
  ifMatch: IfMatch | undefined;
  actor: Actor;
  /** check everything a submission is checked for, and write nothing (an import's dry run) */
  dryRun?: boolean;
}

export async function submitReport(
  db: Db,
  input: SubmitReportInput,
): Promise<StoredReport & { created: boolean }> {
  const { tenantId, year, period, report } = input;
  const tenant = await getTenant(db, tenantId);
  return withRetry(async () => {
    const at = now();
    const rulebook = await requireRulebook(db, tenant.provinceId, year, {
      en: "reporting",
      zh: "报送月度数据",
    });

    const status = await windowStatus(db, tenantId, year, period, rulebook.rulebook.reportingDeadlineDay, at);
    if (status.state === "notYetOpen") {
      throw new LockedError(
        {
          en: `the reporting period ${period} is not open yet: it opens on ${period}-01 (Asia/Shanghai)`,
          zh: `${zhPeriod(period)}的统计期尚未开始，自${zhDate(`${period}-01`)}起方可报送。`,
        },
        { extensions: { period, opensAt: status.opensAt.toISOString(), deadline: status.deadlineDate } },
      );
    }
    if (status.state === "locked") {
      throw new LockedError(
        {
          en: `the reporting period ${period} closed after ${status.deadlineDate} (Asia/Shanghai); the province can unlock it`,
          zh: `该统计期（${zhPeriod(period)}）已于${zhDate(status.deadlineDate)}24时截止，如需补报请联系省级主管部门解锁。`,
        },
        { extensions: { period, closedAt: status.closesAt.toISOString(), deadline: status.deadlineDate } },
      );
    }

    const valueErrors = validateReportValues(rulebook.rulebook, report.values);
    if (valueErrors.length > 0) {
      throw new BusinessRuleError(summarize(valueErrors), {
        errors: inBody(valueErrors),
      });
    }

    // the tenant's whole year in one Query: this period, its neighbours and the year's revision
    const { reports: existing, revision } = await tenantYear(db, tenantId, year, { consistent: true });
    const byPeriod = new Map(existing.map((r) => [r.period, r]));
    const current = byPeriod.get(period);
    checkIfMatch(input.ifMatch, current?.version, { required: true });
    if (current && report.reason === undefined) {
      throw ValidationError.about(
        "body.reason",
        { en: "a revision of a submitted report needs a reason", zh: "修改已报送的数据须填写修改原因。" },
        { en: "required when revising a report", zh: "修改原因为必填项（修改已报送的数据时）" },
      );
    }

    const others: Record<string, Record<string, number>> = {};
    for (const other of existing) if (other.period !== period) others[other.period] = other.values;
    const cumulativeErrors = checkCumulative(rulebook.rulebook, period, report.values, others);
    if (cumulativeErrors.length > 0) {
      throw new BusinessRuleError(summarize(cumulativeErrors), {
        errors: inBody(cumulativeErrors),
      });
    }

    const submission = {
      values: report.values,
      source: report.source,
      ...(report.reason !== undefined ? { reason: report.reason } : {}),
      submittedBy: input.actor.sub,
      submittedAt: at.toISOString(),
      late: status.late,
    };
    if (input.dryRun)
      return {
        tenantId,
        provinceId: tenant.provinceId,
        year,
        period,
        ...submission,
        version: (current?.version ?? 0) + 1,
        created: current === undefined,
      };
    return putReport(db, {
      provinceId: tenant.provinceId,
      tenantId,
      year,
      period,
      submission,
      ifMatch: input.ifMatch,
      known: { version: current?.version ?? null, revision },
      onStale: () =>
        new StaleError({
          en: `another report of ${tenantId} for ${year} changed meanwhile; retry`,
          zh: `单位“${tenantId}”${year}年度的其他月报刚刚被修改，请重试。`,
        }),
      conditions: [rulebookStillCurrent(db, rulebook)],
    });
  });
}

/** The window's state at `at`; the unlocks are read only once the deadline has passed. */
async function windowStatus(
  db: Db,
  tenantId: string,
  year: number,
  period: string,
  deadlineDay: number,
  at: Date,
): Promise<ReportingStatus> {
  const status = reportingStatus(at, period, deadlineDay);
  if (status.state !== "locked") return status;
  const unlock = unlockInForceAt(at, await unlocksOf(db, tenantId, year, period));
  return unlock ? reportingStatus(at, period, deadlineDay, unlock) : status;
}

function summarize(errors: ReadonlyArray<FieldIssue>) {
  return summarizeErrors(
    errors,
    { en: "the report breaks a business rule", zh: "月报不符合业务规则。" },
    { withPath: false },
  );
}

/** The latest version of every period the tenant reported in the year, in period order. */
export async function listReports(db: Db, tenantId: string, year: number): Promise<StoredReport[]> {
  return reportsOfTenantYear(db, tenantId, year);
}

/** The audit trail of one period: every version, oldest first (404 when never reported). */
export async function getReportHistory(
  db: Db,
  { tenantId, year, period }: ReportKey,
): Promise<StoredReport[]> {
  return history(await reportVersions(db, tenantId, year, period), {
    en: `${tenantId} has not reported ${period}`,
    zh: `单位“${tenantId}”尚未报送${zhPeriod(period)}的数据。`,
  });
}

/**
 * A city's reports of a year for the spreadsheet export: the tenant, the year's rulebook (its
 * indicators are the columns), the latest version of every period and every version of each.
 */
export async function getReportsForExport(
  db: Db,
  tenantId: string,
  year: number,
): Promise<{
  tenant: { tenantId: string; name: string };
  rulebook: Rulebook;
  latest: StoredReport[];
  versions: StoredReport[];
}> {
  const tenant = await getTenant(db, tenantId);
  const [rulebook, latest] = await Promise.all([
    requireRulebook(db, tenant.provinceId, year, { en: "exporting reports", zh: "导出月度数据" }),
    reportsOfTenantYear(db, tenantId, year),
  ]);
  const versions = (
    await Promise.all(latest.map((r) => reportVersions(db, tenantId, year, r.period)))
  ).flat();
  return { tenant: { tenantId, name: tenant.name }, rulebook: rulebook.rulebook, latest, versions };
}
