/** Platform routes: health, the OpenAPI document, provinces, tenants and integration API keys. */
import * as z from "zod/mini";
import { provinceShape, tenantShape } from "../../shared/data/entities/tenancy";
import { CITY_ROLES, PROVINCE_ROLES } from "../../shared/domain/principal";
import { zodMessage } from "../../shared/lib/zod-text";
import { defineRoutes, lazySchema } from "../http/route";
import { idSchema, listOf, pageOf, pageQuery, provinceParams, tenantParams, text } from "../http/schemas";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const divisionCode = lazySchema(() =>
  z
    .string()
    .check(
      z.regex(
        /^\d{6}$/,
        zodMessage("must be a 6-digit administrative division code", "须为6位数字的行政区划代码"),
      ),
    ),
);

export const provinceRequest = lazySchema(() =>
  z.strictObject({
    name: text(50),
    authorityName: text(100),
    /** the full name where one is needed (吉林省人民政府, 延边朝鲜族自治州人民政府) */
    fullAuthorityName: z.optional(text(100)),
    divisionCode: z.optional(divisionCode),
  }),
);

const provinceResponse = lazySchema(() => z.object(provinceShape()));

export const tenantRequest = lazySchema(() =>
  z.strictObject({
    name: text(50),
    authorityName: text(100),
    /** the full name (长春市人民政府, 长白山保护开发区管理委员会) beside the short authorityName */
    fullAuthorityName: z.optional(text(100)),
    displayOrder: z.int().check(z.gte(1), z.lte(999_999)),
    divisionCode: z.optional(divisionCode),
  }),
);

const tenantResponse = lazySchema(() => z.object(tenantShape()));

const apiKey = lazySchema(() =>
  z.object({
    keyId: z.string(),
    name: z.string(),
    tenantId: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.optional(z.string()),
    revokedBy: z.optional(z.string()),
    status: z.enum(["active", "revoked"]),
  }),
);

export const platformRoutes = defineRoutes("platform", {
  getHealth: {
    method: "GET",
    path: "/v1/health",
    summary: "Service health (503 when storage is unreachable)",
    tags: ["platform"],
    access: "public",
    response: lazySchema(() => z.object({ status: z.literal("ok") })),
  },
  getOpenApi: {
    method: "GET",
    path: "/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    tags: ["platform"],
    access: "public",
    response: lazySchema(() => z.looseObject({ openapi: z.string() })),
  },
  putProvince: {
    method: "PUT",
    path: "/v1/provinces/{p}",
    summary: "Create or update a province",
    tags: ["tenancy"],
    access: { roles: ["platform-admin"] },
    params: provinceParams,
    body: provinceRequest,
    response: provinceResponse,
    alsoStatus: [201],
  },
  listTenants: {
    method: "GET",
    path: "/v1/provinces/{p}/tenants",
    summary: "The province's tenants in display order",
    tags: ["tenancy"],
    access: { roles: PROVINCE_ROLES },
    params: provinceParams,
    query: pageQuery,
    response: pageOf("tenants", tenantResponse),
  },
  putTenant: {
    method: "PUT",
    path: "/v1/provinces/{p}/tenants/{t}",
    summary: "Onboard or update a city tenant (tenant ids are globally unique)",
    tags: ["tenancy"],
    access: { roles: ["province-admin"] },
    tenantMayBeNew: true,
    // a tenant id another province already holds
    alsoErrors: [409],
    params: lazySchema(() => z.strictObject({ p: idSchema, t: idSchema })),
    body: tenantRequest,
    response: tenantResponse,
    alsoStatus: [201],
    links: { getTenant: { t: "$response.body#/tenantId" } },
  },
  getTenant: {
    method: "GET",
    path: "/v1/tenants/{t}",
    summary: "A tenant's profile",
    tags: ["tenancy"],
    access: { roles: [...CITY_ROLES, ...PROVINCE_ROLES] },
    params: tenantParams,
    response: tenantResponse,
  },
  createApiKey: {
    method: "POST",
    path: "/v1/tenants/{t}/api-keys",
    summary: "Create an integration API key (the key is shown once)",
    tags: ["api-keys"],
    access: { roles: ["city-admin"] },
    params: tenantParams,
    body: lazySchema(() => z.strictObject({ name: text(100) })),
    response: lazySchema(() =>
      z.object({ keyId: z.string(), key: z.string(), name: z.string(), createdAt: z.string() }),
    ),
    status: 201,
    links: { revokeApiKey: { t: "$request.path.t", keyId: "$response.body#/keyId" } },
  },
  listApiKeys: {
    method: "GET",
    path: "/v1/tenants/{t}/api-keys",
    summary: "The tenant's API keys (no secrets)",
    tags: ["api-keys"],
    access: { roles: ["city-admin"] },
    params: tenantParams,
    response: listOf("apiKeys", apiKey),
  },
  revokeApiKey: {
    method: "DELETE",
    path: "/v1/tenants/{t}/api-keys/{keyId}",
    summary: "Revoke an API key; it stops working at once",
    tags: ["api-keys"],
    access: { roles: ["city-admin"] },
    params: lazySchema(() =>
      z.strictObject({
        t: idSchema,
        keyId: z
          .string()
          .check(
            z.regex(
              /^[0-9a-z]{16}$/,
              zodMessage("not an API key id", "格式不正确（应为16位小写字母或数字）"),
            ),
          ),
      }),
    ),
    status: 204,
  },
});
