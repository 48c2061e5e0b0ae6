/**
 * A tenant's annual targets (目标任务) per indicator, versioned. The current item carries the
 * province-year gsi1 keys, so every target of a province-year is read with paginated Queries.
 */
import type { AppError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import { parseTargets, type StoredTargets } from "../entities/targets";
import { findItem } from "../items";
import { keys } from "../keys";
import { queryGsi1 } from "../queries";
import { type ExtraCondition, type TransactItem, transact } from "../transactions";
import {
  putVersion,
  type VersionedTarget,
  type VersionWriteInput,
  versionedTarget,
  versionItems,
} from "../versioned";

export type { StoredTargets };

export function findTargets(db: Db, tenantId: string, year: number, options: ReadOptions = {}) {
  return findItem(db, keys.targets(tenantId, year), parseTargets, options);
}

export interface PutTargetsInput extends VersionWriteInput {
  provinceId: string;
  tenantId: string;
  year: number;
  targets: Record<string, number>;
}

export function putTargets(db: Db, input: PutTargetsInput): Promise<StoredTargets & { created: boolean }> {
  const { provinceId, tenantId, year, targets } = input;
  return putVersion(
    db,
    targetsTarget(provinceId, tenantId, year),
    { tenantId, provinceId, year, targets },
    input,
  );
}

function targetsTarget(provinceId: string, tenantId: string, year: number): VersionedTarget<StoredTargets> {
  return versionedTarget("targets", keys.targets(tenantId, year), parseTargets, {
    gsi1pk: keys.targetsOfProvinceYear(provinceId, year),
    gsi1sk: tenantId,
  });
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
  const { provinceId, year } = input;
  const items: TransactItem[] = input.writes.flatMap(({ tenantId, targets, knownVersion }) =>
    versionItems(
      {
        db,
        ...targetsTarget(provinceId, tenantId, year),
        data: { tenantId, provinceId, year, targets },
        writtenAt: input.at,
        writtenBy: input.by,
      },
      knownVersion ?? undefined,
    ),
  );
  const pairs = items.length;
  items.push(...input.conditions.map((c) => c.item));
  await transact(db, items, (index) =>
    index < pairs ? input.onStale() : input.conditions[index - pairs]?.onFail(),
  );
}

/** The current targets of every tenant of a province-year (gsi1, all pages). */
export async function targetsOfProvinceYear(db: Db, provinceId: string, year: number) {
  return (await queryGsi1(db, keys.targetsOfProvinceYear(provinceId, year))).map(parseTargets);
}
