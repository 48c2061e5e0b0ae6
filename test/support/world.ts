/**
 * A small two-province world for authorization tests: 吉林 (jl: changchun, jilin) and 辽宁
 * (ln: shenyang), created through the API, with a credential for every role and an API key for
 * each city.
 */
import { expect } from "vitest";
import type { Role } from "../../shared/domain/principal";
import type { TestStack } from "./stack";

export interface Credential {
  label: string;
  role: Role;
  provinceId?: string;
  tenantId?: string;
  token?: string;
  apiKey?: string;
}

export interface World {
  platform: string;
  /** every credential, by label, e.g. "jl/province-admin", "changchun/city-admin", "changchun/key" */
  credentials: Map<string, Credential>;
  get(label: string): Credential;
}

export async function buildWorld(t: TestStack): Promise<World> {
  const platform = await t.token("platform-admin", { sub: "ops@platform" });
  const credentials = new Map<string, Credential>();
  const provinces = [
    {
      id: "jl",
      name: "吉林省",
      authorityName: "吉林省人民政府",
      tenants: [
        ["changchun", "长春市", "长春市政府"],
        ["jilin", "吉林市", "吉林市政府"],
      ],
    },
    {
      id: "ln",
      name: "辽宁省",
      authorityName: "辽宁省人民政府",
      tenants: [["shenyang", "沈阳市", "沈阳市政府"]],
    },
  ] as const;
  for (const province of provinces) {
    const res = await t.call("PUT", `/v1/provinces/${province.id}`, {
      token: platform,
      body: { name: province.name, authorityName: province.authorityName },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    for (const role of ["province-admin", "province-reviewer"] as const) {
      credentials.set(`${province.id}/${role}`, {
        label: `${province.id}/${role}`,
        role,
        provinceId: province.id,
        token: await t.token(role, { provinceId: province.id }),
      });
    }
    const admin = credentials.get(`${province.id}/province-admin`)?.token;
    let order = 1;
    for (const [tenantId, name, authorityName] of province.tenants) {
      const put = await t.call("PUT", `/v1/provinces/${province.id}/tenants/${tenantId}`, {
        token: admin,
        body: { name, authorityName, displayOrder: order++ },
      });
      expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
      for (const role of ["city-admin", "city-reporter"] as const) {
        credentials.set(`${tenantId}/${role}`, {
          label: `${tenantId}/${role}`,
          role,
          provinceId: province.id,
          tenantId,
          token: await t.token(role, { provinceId: province.id, tenantId }),
        });
      }
      const key = await t.call<{ key: string }>("POST", `/v1/tenants/${tenantId}/api-keys`, {
        token: credentials.get(`${tenantId}/city-admin`)?.token,
        body: { name: "HR system" },
      });
      expect(key.status).toBe(201);
      credentials.set(`${tenantId}/key`, {
        label: `${tenantId}/key`,
        role: "integration",
        provinceId: province.id,
        tenantId,
        apiKey: key.body.key,
      });
    }
  }
  credentials.set("platform", { label: "platform", role: "platform-admin", token: platform });
  return {
    platform,
    credentials,
    get(label) {
      const credential = credentials.get(label);
      if (!credential) throw new Error(`no credential ${label}`);
      return credential;
    },
  };
}

export function auth(credential: Credential): { token?: string; apiKey?: string } {
  return credential.token ? { token: credential.token } : { apiKey: credential.apiKey ?? "" };
}
