/**
 * A tenant's annual targets (目标任务) per indicator, versioned. The current item carries the
 * province-year gsi1 keys, so every target of a province-year is read with paginated Queries.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { AppError } from "../../lib/errors";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import {
  type ExtraCondition,
  putVersion,
  queryGsi1,
  type TransactItem,
  transact,
  type VersionedTarget,
  type VersionWriteInput,
  versionItems,
} from "../versioned";

export interface StoredTargets {
  tenantId: string;
  provinceId: string;
  year: number;
  targets: Record<string, number>;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function targetsFromItem(item: Record<string, unknown>): StoredTargets {
  return {
    tenantId: String(item.tenantId),
    provinceId: String(item.provinceId),
    year: Number(item.year),
    targets: (item.targets ?? {}) as Record<string, number>,
    version: Number(item.version),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}

export async function findTargets(
  db: Db,
  tenantId: string,
  year: number,
  consistent = false,
): Promise<StoredTargets | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.targets(tenantId, year), ConsistentRead: consistent }),
  );
  return out.Item ? targetsFromItem(out.Item) : undefined;
}

export interface PutTargetsInput extends VersionWriteInput {
  provinceId: string;
  tenantId: string;
  year: number;
  targets: Record<string, number>;
}

export async function putTargets(
  db: Db,
  input: PutTargetsInput,
): Promise<StoredTargets & { created: boolean }> {
  const { provinceId, tenantId, year } = input;
  const data = {
    tenantId,
    provinceId,
    year,
    targets: input.targets,
    updatedAt: input.at,
    updatedBy: input.by,
  };
  return putVersion(db, targetsTarget(provinceId, tenantId, year), data, input);
}

function targetsTarget(provinceId: string, tenantId: string, year: number): VersionedTarget {
  return {
    current: keys.targets(tenantId, year),
    versionKey: (v) => keys.targetsVersion(tenantId, year, v),
    type: ENTITY.targets,
    versionType: ENTITY.targetsVersion,
    currentOnly: { gsi1pk: keys.targetsOfProvinceYear(provinceId, year), gsi1sk: tenantId },
  };
}

/** Each changed resource of a batch costs two transaction items; DynamoDB takes at most 100 per transaction. */
export const MAX_TARGETS_PER_TRANSACTION = 49;

/**
 * New versions of several tenants' targets in ONE transaction (an import's commit): each current
 * item conditional on the version the caller read (`knownVersion`, null: none yet), each version
 * item kept, plus `conditions` (the rulebook unchanged). All or nothing; a changed version fails
 * the whole transaction with `onStale()`.
 */
export async function putTargetsBatch(
  db: Db,
  input: {
    provinceId: string;
    year: number;
    writes: ReadonlyArray<{ tenantId: string; targets: Record<string, number>; knownVersion: number | null }>;
    at: string;
    by: string;
    conditions: ExtraCondition[];
    onStale: () => AppError;
  },
): Promise<void> {
  if (input.writes.length > MAX_TARGETS_PER_TRANSACTION)
    throw new Error(`putTargetsBatch takes at most ${MAX_TARGETS_PER_TRANSACTION} tenants`);
  if (input.writes.length === 0) return;
  const items: TransactItem[] = input.writes.flatMap((w) =>
    versionItems(
      {
        db,
        ...targetsTarget(input.provinceId, w.tenantId, input.year),
        data: {
          tenantId: w.tenantId,
          provinceId: input.provinceId,
          year: input.year,
          targets: w.targets,
          updatedAt: input.at,
          updatedBy: input.by,
        },
        writtenAt: input.at,
        writtenBy: input.by,
      },
      w.knownVersion ?? undefined,
    ),
  );
  const pairs = items.length;
  items.push(...input.conditions.map((c) => c.item));
  await transact(db, items, (index) =>
    index < pairs ? input.onStale() : input.conditions[index - pairs]?.onFail(),
  );
}

/** The current targets of every tenant of a province-year (gsi1, all pages). */
export async function targetsOfProvinceYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<StoredTargets[]> {
  const items = await queryGsi1(db, keys.targetsOfProvinceYear(provinceId, year));
  return items.map(targetsFromItem);
}
