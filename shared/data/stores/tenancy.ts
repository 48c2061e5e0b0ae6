/**
 * Provinces and tenants. A tenant id is globally unique: its item lives under `TENANT#<t>` and
 * a conditional write refuses an id that another province already holds.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import {
  type Province,
  type ProvinceInput,
  parseProvince,
  parseTenant,
  type Tenant,
  type TenantInput,
} from "../entities/tenancy";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { gsi1Query, type PageRequest, queryGsi1, queryPage } from "../queries";
import { itemExists, transact } from "../transactions";

export type { Province, ProvinceInput, Tenant, TenantInput };

export function findProvince(db: Db, provinceId: string): Promise<Province | undefined> {
  return findItem(db, keys.province(provinceId), parseProvince);
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

export function findTenant(db: Db, tenantId: string, options: ReadOptions = {}): Promise<Tenant | undefined> {
  return findItem(db, keys.tenant(tenantId), parseTenant, options);
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
      itemExists(db, keys.province(provinceId)),
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

/** A province's tenants in display order, one page at a time (cursors bound to this province's list). */
export async function listTenants(
  db: Db,
  provinceId: string,
  page: PageRequest,
): Promise<{ tenants: Tenant[]; nextCursor: string | null }> {
  const { items: tenants, nextCursor } = await queryPage(db, page, {
    list: `tenants|${provinceId}`,
    query: gsi1Query(keys.tenantsOfProvince(provinceId)),
    startKey: {
      pk: (v) => v.startsWith("TENANT#"),
      sk: "PROFILE",
      gsi1pk: keys.tenantsOfProvince(provinceId),
      gsi1sk: (v) => /^\d{6}#/.test(v),
    },
    parse: parseTenant,
  });
  return { tenants, nextCursor };
}

/** Every tenant of a province in display order (gsi1, all pages). */
export async function allTenants(db: Db, provinceId: string): Promise<Tenant[]> {
  const items = await queryGsi1(db, keys.tenantsOfProvince(provinceId));
  return items.map(parseTenant);
}
