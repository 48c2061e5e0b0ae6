import { dbFromEnv } from "../../shared/data/client";
import { pingStorage } from "../../shared/data/health";
import { withRetry } from "../../shared/data/retry";
import { createApiKey, listApiKeys, revokeApiKey } from "../../shared/data/stores/api-keys";
import {
  findProvince,
  findTenant,
  listTenants,
  putProvince,
  putTenant,
} from "../../shared/data/stores/tenancy";
import { nowIso } from "../../shared/lib/clock";
import { NotFoundError } from "../../shared/lib/errors";
import type { Handlers } from "../http/route";
import { openApiJson } from "./openapi-document";
import type { platformRoutes } from "./routes";

export const platformHandlers: Handlers<typeof platformRoutes> = {
  getHealth: async () => {
    await pingStorage(dbFromEnv());
    return { body: { status: "ok" } };
  },

  getOpenApi: async () => ({
    raw: await openApiJson(),
    contentType: "application/json; charset=utf-8",
    headers: { "cache-control": "public, max-age=300" },
  }),

  putProvince: async ({ params, body }) => {
    const { province, created } = await putProvince(dbFromEnv(), params.p, body, nowIso());
    return { status: created ? 201 : 200, body: province };
  },

  listTenants: async ({ params, query }) => {
    const db = dbFromEnv();
    const page = await listTenants(db, params.p, { limit: query.limit ?? 100, cursor: query.cursor });
    // an empty first page: a province without tenants yet, or no such province (404, as elsewhere)
    if (page.tenants.length === 0 && !query.cursor && !(await findProvince(db, params.p)))
      throw new NotFoundError({ en: `no province ${params.p}`, zh: `省份“${params.p}”不存在。` });
    return { body: page };
  },

  putTenant: async ({ params, body }) => {
    // a write lost to a concurrent transaction is re-run (the tenant and its province index are one transaction)
    const { tenant, created } = await withRetry(() =>
      putTenant(dbFromEnv(), params.p, params.t, body, nowIso()),
    );
    return { status: created ? 201 : 200, body: tenant };
  },

  getTenant: async ({ params }) => {
    const tenant = await findTenant(dbFromEnv(), params.t);
    if (!tenant) throw new NotFoundError({ en: `no tenant ${params.t}`, zh: `单位“${params.t}”不存在。` });
    return { body: tenant };
  },

  createApiKey: async ({ params, body, principal }) => {
    const { key, apiKey } = await createApiKey(dbFromEnv(), {
      tenantId: params.t,
      provinceId: principal.provinceId ?? "",
      name: body.name,
      createdBy: principal.sub,
      at: nowIso(),
    });
    return {
      status: 201,
      body: { keyId: apiKey.keyId, key, name: apiKey.name, createdAt: apiKey.createdAt },
      headers: { location: `/v1/tenants/${params.t}/api-keys/${apiKey.keyId}` },
    };
  },

  listApiKeys: async ({ params }) => ({ body: { apiKeys: await listApiKeys(dbFromEnv(), params.t) } }),

  revokeApiKey: async ({ params, principal }) => {
    await revokeApiKey(dbFromEnv(), params.t, params.keyId, principal.sub, nowIso());
    return { status: 204 };
  },
};
