/** Provinces (`PROV#<p>` `PROFILE`) and tenants (`TENANT#<t>` `PROFILE`, on gsi1 in display order). */
import * as z from "zod/mini";
import { itemParser } from "./stored";

/** A province as stored (and as the platform routes show it). */
export function provinceShape() {
  return {
    provinceId: z.string(),
    name: z.string(),
    authorityName: z.string(),
    /** the full name where one is needed (吉林省人民政府) */
    fullAuthorityName: z.optional(z.string()),
    divisionCode: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  };
}

/** A tenant (a city or prefecture) as stored. */
export function tenantShape() {
  return {
    tenantId: z.string(),
    provinceId: z.string(),
    name: z.string(),
    /** the short name the circular uses (长春市政府, 延边州政府) */
    authorityName: z.string(),
    /** the full name (长春市人民政府, 延边朝鲜族自治州人民政府) */
    fullAuthorityName: z.optional(z.string()),
    displayOrder: z.number(),
    divisionCode: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  };
}

export const provinceEntity = z.lazy(() => z.object(provinceShape()));
export const tenantEntity = z.lazy(() => z.object(tenantShape()));

export type Province = z.infer<typeof provinceEntity>;
export type Tenant = z.infer<typeof tenantEntity>;
/** What a province's writer gives: the province without its id and timestamps. */
export type ProvinceInput = Omit<Province, "provinceId" | "createdAt" | "updatedAt">;
/** What a tenant's writer gives: the tenant without its ids and timestamps. */
export type TenantInput = Omit<Tenant, "tenantId" | "provinceId" | "createdAt" | "updatedAt">;

export const parseProvince = itemParser(provinceEntity);
export const parseTenant = itemParser(tenantEntity);
