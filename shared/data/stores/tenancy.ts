/**
 * Provinces and tenants. A tenant id is globally unique: its item lives under `TENANT#<t>` and
 * a conditional write refuses an id that another province already holds.
 */
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import { openCursor, sealCursor } from "../cursors";
import { stripKeys } from "../items";
import { ENTITY, keys } from "../keys";
import { transact } from "../versioned";

export interface ProvinceInput {
  name: string;
  authorityName: string;
  /** the full name where one is needed (吉林省人民政府) */
  fullAuthorityName?: string | undefined;
  divisionCode?: string | undefined;
}

export interface Province extends ProvinceInput {
  provinceId: string;
  createdAt: string;
  updatedAt: string;
}

export interface TenantInput {
  name: string;
  /** the short name the circular uses (长春市政府, 延边州政府) */
  authorityName: string;
  /** the full name (长春市人民政府, 延边朝鲜族自治州人民政府) */
  fullAuthorityName?: string | undefined;
  displayOrder: number;
  divisionCode?: string | undefined;
}

export interface Tenant extends TenantInput {
  tenantId: string;
  provinceId: string;
  createdAt: string;
  updatedAt: string;
}

export async function findProvince(db: Db, provinceId: string): Promise<Province | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.province(provinceId) }));
  return out.Item ? (stripKeys(out.Item) as unknown as Province) : undefined;
}

export async function putProvince(
  db: Db,
  provinceId: string,
  input: ProvinceInput,
  at: string,
): Promise<{ province: Province; created: boolean }> {
  const existing = await findProvince(db, provinceId);
  const province: Province = {
    provinceId,
    name: input.name,
    authorityName: input.authorityName,
    ...(input.fullAuthorityName ? { fullAuthorityName: input.fullAuthorityName } : {}),
    ...(input.divisionCode ? { divisionCode: input.divisionCode } : {}),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...keys.province(provinceId), type: ENTITY.province, ...province },
    }),
  );
  return { province, created: !existing };
}

export async function findTenant(
  db: Db,
  tenantId: string,
  options: ReadOptions = {},
): Promise<Tenant | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.tenant(tenantId),
      ConsistentRead: options.consistent ?? false,
    }),
  );
  return out.Item ? (stripKeys(out.Item) as unknown as Tenant) : undefined;
}

/** The province a tenant belongs to, or null. One small read (used by the access check). */
export async function tenantProvince(db: Db, tenantId: string): Promise<string | null> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.tenant(tenantId),
      ProjectionExpression: "provinceId",
    }),
  );
  const provinceId = out.Item?.provinceId;
  return typeof provinceId === "string" ? provinceId : null;
}

function tenantIdTaken(tenantId: string): ConflictError {
  return new ConflictError({
    en: `tenant id ${tenantId} is already used by another province`,
    zh: `单位标识“${tenantId}”已被其他省份使用，单位标识须全国唯一。`,
  });
}

export async function putTenant(
  db: Db,
  provinceId: string,
  tenantId: string,
  input: TenantInput,
  at: string,
): Promise<{ tenant: Tenant; created: boolean }> {
  const existing = await findTenant(db, tenantId, { consistent: true });
  if (existing && existing.provinceId !== provinceId) {
    throw tenantIdTaken(tenantId);
  }
  const tenant: Tenant = {
    tenantId,
    provinceId,
    name: input.name,
    authorityName: input.authorityName,
    ...(input.fullAuthorityName ? { fullAuthorityName: input.fullAuthorityName } : {}),
    displayOrder: input.displayOrder,
    ...(input.divisionCode ? { divisionCode: input.divisionCode } : {}),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await transact(
    db,
    [
      {
        Put: {
          TableName: db.table,
          Item: {
            ...keys.tenant(tenantId),
            type: ENTITY.tenant,
            gsi1pk: keys.tenantsOfProvince(provinceId),
            gsi1sk: keys.tenantOrder(input.displayOrder, tenantId),
            ...tenant,
          },
          ConditionExpression: "attribute_not_exists(pk) OR provinceId = :p",
          ExpressionAttributeValues: { ":p": provinceId },
        },
      },
      {
        ConditionCheck: {
          TableName: db.table,
          Key: keys.province(provinceId),
          ConditionExpression: "attribute_exists(pk)",
        },
      },
    ],
    (index) =>
      index === 0
        ? tenantIdTaken(tenantId)
        : new NotFoundError({
            en: `no province ${provinceId}; create it first`,
            zh: `省份“${provinceId}”不存在，请先创建该省份。`,
          }),
  );
  return { tenant, created: !existing };
}

/** One page of a province's tenants in display order, from a raw start key (internal paging). */
async function tenantsPage(
  db: Db,
  provinceId: string,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ tenants: Tenant[]; lastKey: Record<string, unknown> | undefined }> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.tenantsOfProvince(provinceId) },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    tenants: (out.Items ?? []).map((item) => stripKeys(item) as unknown as Tenant),
    lastKey: out.LastEvaluatedKey,
  };
}

/** A province's tenants in display order, one page at a time (cursors bound to this province's list). */
export async function listTenants(
  db: Db,
  provinceId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ tenants: Tenant[]; nextCursor: string | null }> {
  const list = `tenants|${provinceId}`;
  const startKey = page.cursor
    ? await openCursor(db, list, page.cursor, {
        pk: (v) => v.startsWith("TENANT#"),
        sk: "PROFILE",
        gsi1pk: keys.tenantsOfProvince(provinceId),
        gsi1sk: (v) => /^\d{6}#/.test(v),
      })
    : undefined;
  const { tenants, lastKey } = await tenantsPage(db, provinceId, page.limit, startKey);
  return { tenants, nextCursor: lastKey ? await sealCursor(db, list, lastKey) : null };
}

/** Every tenant of a province (all pages). */
export async function allTenants(db: Db, provinceId: string): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await tenantsPage(db, provinceId, 1000, startKey);
    tenants.push(...page.tenants);
    startKey = page.lastKey;
  } while (startKey);
  return tenants;
}
