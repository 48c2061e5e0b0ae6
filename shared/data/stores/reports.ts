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
  return (await tenantYear(db, tenantId, year, consistent)).reports;
}

/**
 * A tenant's year as one Query: the latest version of every period, and the year's revision
 * counter (undefined before the first write through `putReport`).
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
  /** the period's current version as read with the year (null: not reported yet) */
  knownVersion?: number | null;
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
    ...(input.knownVersion !== undefined ? { knownVersion: input.knownVersion } : {}),
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
 * "The tenant's year is still as read": advances the year's revision counter on condition that it
 * is still at `revision` (or absent). The cumulative rule compares a period with its neighbours, so
 * every report write carries this one item — two concurrent writes of different months can never
 * together break the sequence, and the loser re-reads and re-checks.
 */
export function advanceTenantYear(
  db: Db,
  tenantId: string,
  year: number,
  revision: number | undefined,
  onFail: ExtraCondition["onFail"],
): ExtraCondition {
  const item: TransactItem = {
    Update: {
      TableName: db.table,
      Key: keys.reportsHead(tenantId, year),
      UpdateExpression: "SET #revision = :next, #type = :type",
      ExpressionAttributeNames: { "#revision": "revision", "#type": "type" },
      ...(revision === undefined
        ? {
            ConditionExpression: "attribute_not_exists(pk)",
            ExpressionAttributeValues: { ":next": 1, ":type": ENTITY.reportsHead },
          }
        : {
            ConditionExpression: "#revision = :revision",
            ExpressionAttributeValues: {
              ":next": revision + 1,
              ":revision": revision,
              ":type": ENTITY.reportsHead,
            },
          }),
    },
  };
  return { item, onFail };
}
