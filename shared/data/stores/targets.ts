/**
 * A tenant's annual targets (目标任务) per indicator, versioned. The current item carries the
 * province-year gsi1 keys, so every target of a province-year is read with paginated Queries.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import { putVersion, queryGsi1, type VersionWriteInput } from "../versioned";

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

export async function getTargets(db: Db, tenantId: string, year: number): Promise<StoredTargets | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.targets(tenantId, year) }));
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
  return putVersion(
    db,
    {
      current: keys.targets(tenantId, year),
      versionKey: (v) => keys.targetsVersion(tenantId, year, v),
      type: ENTITY.targets,
      versionType: ENTITY.targetsVersion,
      currentOnly: { gsi1pk: keys.targetsOfProvinceYear(provinceId, year), gsi1sk: tenantId },
    },
    data,
    input,
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
