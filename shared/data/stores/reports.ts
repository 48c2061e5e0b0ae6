/**
 * Monthly reports (定期调度): per tenant and period, a current item (the latest version) and one
 * immutable item per version — the audit trail of values, source, reason, who, when and whether it
 * was late — plus, per tenant-year, a report card holding the latest values of every period (what
 * the province-wide rollup and scoring read: one item per tenant instead of twelve). All three are
 * written in one transaction (`writeVersioned` with the card's conditional update), so none can
 * exist or change without the others.
 */

import { type AppError, ConflictError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Db, ReadOptions } from "../client";
import {
  type CardEntry,
  parseReport,
  parseReportCard,
  type ReportSubmission,
  type StoredReport,
} from "../entities/report";
import { ENTITY, keys } from "../keys";
import { queryGsi1, queryPrefix } from "../queries";
import { type ExtraCondition, type TransactItem, transact } from "../transactions";
import { listVersions, versionedTarget, versionItems, writeVersioned } from "../versioned";

export type { ReportSubmission, StoredReport };

/** Which report: a tenant's of one period of a year. */
export interface ReportKey {
  tenantId: string;
  year: number;
  period: string;
}

/** The latest version of every period a tenant reported in a year, in period order (one Query). */
export async function reportsOfTenantYear(
  db: Db,
  tenantId: string,
  year: number,
  options: ReadOptions = {},
): Promise<StoredReport[]> {
  return (await tenantYear(db, tenantId, year, options)).reports;
}

/**
 * A tenant's year as one Query: the latest version of every period, and the year's revision
 * counter (undefined before the first report).
 */
export async function tenantYear(
  db: Db,
  tenantId: string,
  year: number,
  options: ReadOptions = {},
): Promise<{ reports: StoredReport[]; revision: number | undefined }> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.reportPrefix(year), options);
  const head = items.find((item) => item.type === ENTITY.reportsHead);
  return {
    reports: items.filter((item) => item.type === ENTITY.report).map(parseReport),
    revision: head ? parseReportCard(head).revision : undefined,
  };
}

/** Every version of one period's report, oldest first (empty when the period was never reported). */
export function reportVersions(db: Db, tenantId: string, year: number, period: string) {
  return listVersions(db, keys.report(tenantId, year, period), parseReport);
}

/** A period's latest version as its tenant-year's report card keeps it. */
export type ReportSummary = CardEntry & { tenantId: string; period: string };

function cardEntry(version: number, submission: ReportSubmission): CardEntry {
  return { values: submission.values, version, late: submission.late, submittedAt: submission.submittedAt };
}

/**
 * The latest report of every tenant and period of a province-year: the province-year's report
 * cards (gsi1, one item per tenant, all pages), expanded to one summary per period.
 */
export async function reportsOfProvinceYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<ReportSummary[]> {
  const cards = await queryGsi1(db, keys.reportsOfProvinceYear(provinceId, year));
  const summaries: ReportSummary[] = [];
  for (const { tenantId, periods } of cards.map(parseReportCard)) {
    for (const period of Object.keys(periods).sort()) {
      const entry = periods[period];
      if (entry) summaries.push({ tenantId, period, ...entry });
    }
  }
  return summaries;
}

export interface PutReportInput extends ReportKey {
  provinceId: string;
  submission: ReportSubmission;
  ifMatch: IfMatch | undefined;
  /**
   * The period's current version (null: not reported yet) and the tenant-year's card revision, as
   * the caller just read them with `tenantYear`; read here when absent.
   */
  known?: { version: number | null; revision: number | undefined };
  /** the error when the card changed after that read (another report of the year landed) */
  onStale?: () => AppError;
  conditions?: ExtraCondition[];
}

/** A report to write: whose, which period, and the submission. */
type NewReport = Omit<PutReportInput, "ifMatch" | "conditions" | "known" | "onStale">;

/**
 * Where one period's report and its versions are stored and what they hold: the submission, whose
 * submitter and time are the version's audit pair (`writtenBy`/`writtenAt`, read as `submittedBy`/`submittedAt`).
 */
function reportWrite(db: Db, report: NewReport) {
  const { provinceId, tenantId, year, period, submission } = report;
  return {
    db,
    ...versionedTarget("report", keys.report(tenantId, year, period), parseReport),
    data: {
      tenantId,
      provinceId,
      year,
      period,
      values: submission.values,
      source: submission.source,
      ...(submission.reason !== undefined ? { reason: submission.reason } : {}),
      late: submission.late,
    },
    writtenAt: submission.submittedAt,
    writtenBy: submission.submittedBy,
  };
}

/**
 * The tenant-year card's update in a report transaction: it records the periods' new latest
 * versions and advances the revision, conditional on the revision the writer read — or creates
 * the card when there was none.
 */
function cardUpdate(
  db: Db,
  owner: { provinceId: string; tenantId: string; year: number },
  revision: number | undefined,
  entries: Record<string, CardEntry>,
): TransactItem {
  const names: Record<string, string> = { "#revision": "revision", "#type": "type", "#year": "year" };
  const values: Record<string, unknown> = {
    ":type": ENTITY.reportsHead,
    ":tenant": owner.tenantId,
    ":province": owner.provinceId,
    ":year": owner.year,
    ":gsi": keys.reportsOfProvinceYear(owner.provinceId, owner.year),
  };
  const sets = [
    "#type = :type",
    "tenantId = :tenant",
    "provinceId = :province",
    "#year = :year",
    "gsi1pk = :gsi",
    "gsi1sk = :tenant",
  ];
  if (revision === undefined) {
    sets.push("#revision = :next", "periods = :periods");
    values[":next"] = 1;
    values[":periods"] = entries;
  } else {
    sets.push("#revision = :next");
    values[":next"] = revision + 1;
    values[":revision"] = revision;
    Object.entries(entries).forEach(([period, entry], i) => {
      names[`#p${i}`] = period;
      values[`:p${i}`] = entry;
      sets.push(`periods.#p${i} = :p${i}`);
    });
  }
  return {
    Update: {
      TableName: db.table,
      Key: keys.reportsHead(owner.tenantId, owner.year),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: revision === undefined ? "attribute_not_exists(pk)" : "#revision = :revision",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Write a new version of a period's report (201 when created); 428/412 on a missing/stale
 * If-Match. The current item, the version item and the tenant-year card are one transaction.
 */
export async function putReport(db: Db, input: PutReportInput): Promise<StoredReport & { created: boolean }> {
  const { provinceId, tenantId, year, period, submission } = input;
  const write = reportWrite(db, input);
  let known = input.known;
  if (!known) {
    const year_ = await tenantYear(db, tenantId, year, { consistent: true });
    known = {
      version: year_.reports.find((r) => r.period === period)?.version ?? null,
      revision: year_.revision,
    };
  }
  const version = (known.version ?? 0) + 1;
  const onStale =
    input.onStale ??
    (() =>
      new ConflictError({
        en: `another report of ${tenantId} for ${year} changed meanwhile; retry`,
        zh: `单位“${tenantId}”${year}年度的其他月报刚刚被修改，请重试。`,
      }));
  const result = await writeVersioned({
    ...write,
    ifMatch: input.ifMatch,
    requireIfMatch: true,
    knownVersion: known.version,
    conditions: [
      {
        item: cardUpdate(db, { provinceId, tenantId, year }, known.revision, {
          [period]: cardEntry(version, submission),
        }),
        onFail: onStale,
      },
      ...(input.conditions ?? []),
    ],
  });
  const audit = { version: result.version, writtenAt: write.writtenAt, writtenBy: write.writtenBy };
  return { ...write.parse({ ...write.data, ...audit }), created: result.created };
}

/**
 * Version 1 of several periods of one tenant-year at once — the same items `putReport` writes, and
 * the card, in one transaction (each period conditional on not existing yet). For loading history
 * (the demo data); 409 if any of the periods already exists, and then nothing is written.
 */
export async function createReports(db: Db, reports: ReadonlyArray<NewReport>): Promise<void> {
  const first = reports[0];
  if (!first) return;
  const { provinceId, tenantId, year } = first;
  if (reports.some((r) => r.tenantId !== tenantId || r.year !== year || r.provinceId !== provinceId)) {
    throw new Error("createReports takes the reports of one tenant-year");
  }
  if (reports.length > 48) throw new Error("createReports takes at most 48 periods per call");
  const { revision } = await tenantYear(db, tenantId, year, { consistent: true });
  const items: TransactItem[] = reports.flatMap((report) => versionItems(reportWrite(db, report), undefined));
  const entries: Record<string, CardEntry> = Object.fromEntries(
    reports.map((r) => [r.period, cardEntry(1, r.submission)]),
  );
  items.push(cardUpdate(db, { provinceId, tenantId, year }, revision, entries));
  await transact(db, items, (index) => {
    if (index === items.length - 1)
      return new ConflictError({
        en: `the reports of ${tenantId} for ${year} changed meanwhile`,
        zh: `单位“${tenantId}”${year}年度的月报刚刚被修改。`,
      });
    const report = reports[Math.floor(index / 2)];
    return new ConflictError({
      en: `the report of ${tenantId} for ${report?.period ?? ""} already exists`,
      zh: `单位“${tenantId}”${report?.period ?? ""}的月报已存在。`,
    });
  });
}
