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
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import {
  type ExtraCondition,
  queryGsi1,
  queryPrefix,
  type TransactItem,
  transact,
  writeVersioned,
} from "../versioned";

export interface ReportSubmission {
  values: Record<string, number>;
  source: string;
  reason?: string | undefined;
  submittedBy: string;
  submittedAt: string;
  late: boolean;
}

export interface StoredReport extends ReportSubmission {
  tenantId: string;
  provinceId: string;
  year: number;
  period: string;
  version: number;
}

export function reportFromItem(item: Record<string, unknown>): StoredReport {
  return {
    tenantId: String(item.tenantId),
    provinceId: String(item.provinceId),
    year: Number(item.year),
    period: String(item.period),
    values: (item.values ?? {}) as Record<string, number>,
    source: String(item.source),
    ...(typeof item.reason === "string" ? { reason: item.reason } : {}),
    version: Number(item.version),
    submittedBy: String(item.submittedBy),
    submittedAt: String(item.submittedAt),
    late: item.late === true,
  };
}

/** The latest version of every period a tenant reported in a year, in period order (one Query). */
export async function reportsOfTenantYear(
  db: Db,
  tenantId: string,
  year: number,
  consistent = false,
): Promise<StoredReport[]> {
  return (await tenantYear(db, tenantId, year, consistent)).reports;
}

/**
 * A tenant's year as one Query: the latest version of every period, and the year's revision
 * counter (undefined before the first report).
 */
export async function tenantYear(
  db: Db,
  tenantId: string,
  year: number,
  consistent = false,
): Promise<{ reports: StoredReport[]; revision: number | undefined }> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.reportPrefix(year), { consistent });
  const head = items.find((item) => item.type === ENTITY.reportsHead);
  return {
    reports: items.filter((item) => item.type === ENTITY.report).map(reportFromItem),
    revision: typeof head?.revision === "number" ? head.revision : undefined,
  };
}

/** Every version of one period's report, oldest first (empty when the period was never reported). */
export async function reportVersions(
  db: Db,
  tenantId: string,
  year: number,
  period: string,
): Promise<StoredReport[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.reportVersionPrefix(year, period), {
    consistent: true,
  });
  return items.map(reportFromItem);
}

/** What a report card keeps of a period's latest version: what the rollup and scoring need. */
export interface ReportSummary {
  tenantId: string;
  period: string;
  values: Record<string, number>;
  version: number;
  late: boolean;
  submittedAt: string;
}

type CardEntry = Omit<ReportSummary, "tenantId" | "period">;

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
  for (const card of cards) {
    const periods = (card.periods ?? {}) as Record<string, CardEntry>;
    for (const period of Object.keys(periods).sort()) {
      const entry = periods[period];
      if (!entry) continue;
      summaries.push({
        tenantId: String(card.tenantId),
        period,
        values: entry.values,
        version: Number(entry.version),
        late: entry.late === true,
        submittedAt: String(entry.submittedAt),
      });
    }
  }
  return summaries;
}

export interface PutReportInput {
  provinceId: string;
  tenantId: string;
  year: number;
  period: string;
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

function reportData(input: Omit<PutReportInput, "ifMatch" | "conditions" | "known" | "onStale">) {
  const { provinceId, tenantId, year, period, submission } = input;
  return {
    tenantId,
    provinceId,
    year,
    period,
    values: submission.values,
    source: submission.source,
    ...(submission.reason !== undefined ? { reason: submission.reason } : {}),
    submittedBy: submission.submittedBy,
    submittedAt: submission.submittedAt,
    late: submission.late,
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
  const data = reportData(input);
  let known = input.known;
  if (!known) {
    const year_ = await tenantYear(db, tenantId, year, true);
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
    db,
    current: keys.report(tenantId, year, period),
    versionKey: (v) => keys.reportVersion(tenantId, year, period, v),
    type: ENTITY.report,
    versionType: ENTITY.reportVersion,
    data,
    ifMatch: input.ifMatch,
    requireIfMatch: true,
    writtenAt: submission.submittedAt,
    writtenBy: submission.submittedBy,
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
  return { ...data, version: result.version, created: result.created };
}

/**
 * Version 1 of several periods of one tenant-year at once — the same items `putReport` writes, and
 * the card, in one transaction (each period conditional on not existing yet). For loading history
 * (the demo data); 409 if any of the periods already exists, and then nothing is written.
 */
export async function createReports(
  db: Db,
  reports: ReadonlyArray<Omit<PutReportInput, "ifMatch" | "conditions" | "known" | "onStale">>,
): Promise<void> {
  const first = reports[0];
  if (!first) return;
  const { provinceId, tenantId, year } = first;
  if (reports.some((r) => r.tenantId !== tenantId || r.year !== year || r.provinceId !== provinceId)) {
    throw new Error("createReports takes the reports of one tenant-year");
  }
  if (reports.length > 48) throw new Error("createReports takes at most 48 periods per call");
  const { revision } = await tenantYear(db, tenantId, year, true);
  const items: TransactItem[] = [];
  const entries: Record<string, CardEntry> = {};
  for (const report of reports) {
    const { period, submission } = report;
    const meta = { version: 1, writtenAt: submission.submittedAt, writtenBy: submission.submittedBy };
    const data = reportData(report);
    entries[period] = cardEntry(1, submission);
    items.push(
      {
        Put: {
          TableName: db.table,
          Item: { ...keys.report(tenantId, year, period), type: ENTITY.report, ...data, ...meta },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: {
            ...keys.reportVersion(tenantId, year, period, 1),
            type: ENTITY.reportVersion,
            ...data,
            ...meta,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    );
  }
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
