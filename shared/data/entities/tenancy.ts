/** Provinces (`PROV#<p>` `PROFILE`) and tenants (`TENANT#<t>` `PROFILE`, on gsi1 in display order). */
import * as z from "zod/mini";
import { itemParser, optionalStrings, strings } from "./stored";

/**
 * A province as stored: its name, the authority's short name and — where one is needed — full name
 * (吉林省人民政府), its division code, and when it was created and last changed.
 */
export function provinceShape() {
  return {
    ...strings("provinceId", "name", "authorityName"),
    ...optionalStrings("fullAuthorityName", "divisionCode"),
    ...strings("createdAt", "updatedAt"),
  };
}

/**
 * A tenant (a city or prefecture) as stored: the authority's short name as the circular uses it
 * (长春市政府, 延边州政府) and its full name (长春市人民政府, 延边朝鲜族自治州人民政府), its place in
 * the province's lists, its division code.
 */
export function tenantShape() {
  return {
    ...strings("tenantId", "provinceId", "name", "authorityName"),
    fullAuthorityName: z.optional(z.string()),
    displayOrder: z.int(),
    divisionCode: z.optional(z.string()),
    ...strings("createdAt", "updatedAt"),
  };
}

export const provinceEntity = /* @__PURE__ */ z.lazy(() => z.object(provinceShape()));
export const tenantEntity = /* @__PURE__ */ z.lazy(() => z.object(tenantShape()));
export const parseProvince = /* @__PURE__ */ itemParser(provinceEntity);
export const parseTenant = /* @__PURE__ */ itemParser(tenantEntity);

export type Province = z.infer<typeof provinceEntity>;
export type Tenant = z.infer<typeof tenantEntity>;
/** What a province's writer gives: the province without its id and timestamps. */
export type ProvinceInput = Omit<Province, "provinceId" | "createdAt" | "updatedAt">;
/** What a tenant's writer gives: the tenant without its ids and timestamps. */
export type TenantInput = Omit<Tenant, "tenantId" | "provinceId" | "createdAt" | "updatedAt">;
