/**
 * A small two-province world for authorization tests: 吉林 (jl: changchun, jilin) and 辽宁
 * (ln: shenyang), created through the API, with a credential for every role and an API key for
 * each city; and the setup of a test file that runs against it.
 */
import { afterAll, beforeAll, expect } from "vitest";
import type { RouteSpec } from "../../functions/http/route";
import type { Role } from "../../shared/domain/principal";
import type { ApiResponse } from "./http";
import { startTestStack, type TestStack } from "./stack";

export interface Credential {
  label: string;
  role: Role;
  provinceId?: string;
  tenantId?: string;
  token?: string;
  apiKey?: string;
  /** claims that disagree with the data (a city token naming a tenant of another province) */
  inconsistent?: true;
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
  // a badly configured identity provider: 长春's tenant id under 辽宁's province claim
  credentials.set("changchun@ln/city-admin", {
    label: "changchun@ln/city-admin",
    role: "city-admin",
    provinceId: "ln",
    tenantId: "changchun",
    token: await t.token("city-admin", { provinceId: "ln", tenantId: "changchun" }),
    inconsistent: true,
  });
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

/**
 * Send one request as each of the world's `labels` (in order): every answer must have `status`,
 * and a failure names the label; `also` checks more of each answer.
 */
export async function expectStatusAs<T = any>(
  labels: readonly string[],
  status: number,
  send: (label: string) => Promise<ApiResponse<T>>,
  also?: (res: ApiResponse<T>) => void,
): Promise<void> {
  for (const label of labels) {
    const res = await send(label);
    expect(res.status, label).toBe(status);
    also?.(res);
  }
}

/** The tenant, and its province, that tests of every route call: 长春 of 吉林. */
export const TARGET = { provinceId: "jl", tenantId: "changchun" } as const;

/**
 * Credentials for calling `route` on TARGET as its first listed role: the platform admin, 长春's
 * API key, a 长春 city user or a 吉林 province user (none for a public route).
 */
export function credentialFor(world: World, route: RouteSpec): { token?: string; apiKey?: string } {
  if (route.access === "public") return {};
  const role = route.access.roles[0];
  if (role === "platform-admin") return auth(world.get("platform"));
  if (role === "integration") return auth(world.get(`${TARGET.tenantId}/key`));
  return auth(
    world.get(role?.startsWith("city") ? `${TARGET.tenantId}/${role}` : `${TARGET.provinceId}/${role}`),
  );
}

export interface WorldStack {
  /** the test stack (throws outside the file's tests) */
  readonly t: TestStack;
  /** the world built on it (throws outside the file's tests) */
  readonly world: World;
}

/** A test stack with the world built on it: started before the file's tests, stopped after them. */
export function useWorldStack(): WorldStack {
  let t: TestStack | undefined;
  let world: World | undefined;
  beforeAll(async () => {
    t = await startTestStack();
    world = await buildWorld(t);
  });
  afterAll(async () => t?.stop());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test stack is started in beforeAll: use it inside a test");
    return value;
  };
  return {
    get t() {
      return started(t);
    },
    get world() {
      return started(world);
    },
  };
}
