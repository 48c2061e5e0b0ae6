/**
 * Monthly reports (定期调度): per tenant and period, a current item (the latest version, with the
 * province-year gsi1 keys the rollup reads) and one immutable item per version — the audit trail
 * of values, source, reason, who, when and whether it was late. Both are written in one
 * transaction (`writeVersioned`), so neither can exist without the other.
 */

import { ConflictError } from "../../lib/errors";
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
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.reportPrefix(year), { consistent });
  return items.map(reportFromItem);
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

/** The latest report of every tenant and period of a province-year (gsi1, all pages). */
export async function reportsOfProvinceYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<StoredReport[]> {
  const items = await queryGsi1(db, keys.reportsOfProvinceYear(provinceId, year));
  return items.map(reportFromItem);
}

export interface PutReportInput {
  provinceId: string;
  tenantId: string;
  year: number;
  period: string;
  submission: ReportSubmission;
  ifMatch: IfMatch | undefined;
  conditions?: ExtraCondition[];
}

function reportData(input: Omit<PutReportInput, "ifMatch" | "conditions">) {
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

const currentOnly = (provinceId: string, tenantId: string, year: number, period: string) => ({
  gsi1pk: keys.reportsOfProvinceYear(provinceId, year),
  gsi1sk: keys.reportOfProvinceYear(tenantId, period),
});

/** Write a new version of a period's report (201 when created); 428/412 on a missing/stale If-Match. */
export async function putReport(db: Db, input: PutReportInput): Promise<StoredReport & { created: boolean }> {
  const { provinceId, tenantId, year, period, submission } = input;
  const data = reportData(input);
  const result = await writeVersioned({
    db,
    current: keys.report(tenantId, year, period),
    versionKey: (v) => keys.reportVersion(tenantId, year, period, v),
    type: ENTITY.report,
    versionType: ENTITY.reportVersion,
    data,
    currentOnly: currentOnly(provinceId, tenantId, year, period),
    ifMatch: input.ifMatch,
    requireIfMatch: true,
    writtenAt: submission.submittedAt,
    writtenBy: submission.submittedBy,
    ...(input.conditions ? { conditions: input.conditions } : {}),
  });
  return { ...data, version: result.version, created: result.created };
}

/**
 * Version 1 of several periods of one tenant at once — the same items `putReport` writes, in one
 * transaction (each conditional on the period not existing yet). For loading history (the demo
 * data); 409 if any of the periods already exists, and then nothing is written.
 */
export async function createReports(
  db: Db,
  reports: ReadonlyArray<Omit<PutReportInput, "ifMatch" | "conditions">>,
): Promise<void> {
  const items: TransactItem[] = [];
  for (const report of reports) {
    const { provinceId, tenantId, year, period, submission } = report;
    const meta = { version: 1, writtenAt: submission.submittedAt, writtenBy: submission.submittedBy };
    const data = reportData(report);
    items.push(
      {
        Put: {
          TableName: db.table,
          Item: {
            ...keys.report(tenantId, year, period),
            type: ENTITY.report,
            ...data,
            ...currentOnly(provinceId, tenantId, year, period),
            ...meta,
          },
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
  for (let i = 0; i < items.length; i += 100) {
    const chunk = items.slice(i, i + 100);
    await transact(db, chunk, (index) => {
      const report = reports[Math.floor((i + index) / 2)];
      return new ConflictError(
        `the report of ${report?.tenantId ?? ""} for ${report?.period ?? ""} already exists`,
      );
    });
  }
}

/**
 * "This other period of the tenant's year is still as read": at `version`, or still absent. The
 * cumulative rule compares a period with its neighbours, so a write carries one such check per
 * other period of the year — two concurrent writes of different months can never together break
 * the sequence.
 */
export function reportUnchanged(
  db: Db,
  tenantId: string,
  year: number,
  period: string,
  version: number | undefined,
  onFail: ExtraCondition["onFail"],
): ExtraCondition {
  const item: TransactItem = {
    ConditionCheck: {
      TableName: db.table,
      Key: keys.report(tenantId, year, period),
      ...(version === undefined
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "#version = :version",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":version": version },
          }),
    },
  };
  return { item, onFail };
}
