/**
 * Who is calling, and the one access policy. The authorizer turns a JWT or API key into a
 * `Principal`; `checkAccess` decides a route's rule against the path's province and tenant.
 * The tenant always comes from the credential, never from a request body.
 */
import * as z from "zod/mini";
import type { Bilingual } from "../lib/errors";
import { zodMessage } from "../lib/zod-text";

export const ROLES = [
  "platform-admin",
  "province-admin",
  "province-reviewer",
  "city-admin",
  "city-reporter",
  "integration",
] as const;
export type Role = (typeof ROLES)[number];

export const PROVINCE_ROLES = ["province-admin", "province-reviewer"] as const satisfies readonly Role[];
export const CITY_ROLES = ["city-admin", "city-reporter"] as const satisfies readonly Role[];
/** Roles bound to one tenant (a city user or an integration's API key). */
export const TENANT_ROLES = [...CITY_ROLES, "integration"] as const satisfies readonly Role[];

export type ProvinceRole = (typeof PROVINCE_ROLES)[number];

// Schemas are built on first use (`z.lazy`): a function's cold start builds only the schemas of
// the route it serves, never every schema of every module it imports.

export const idSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(
        /^[a-z][a-z0-9-]{0,62}$/,
        zodMessage("must be a lowercase id (a-z, 0-9, -)", "须为小写字母开头的标识（仅含 a-z、0-9 和 -）"),
      ),
    ),
);

export const principalSchema = z.lazy(() =>
  z.strictObject({
    sub: z.string().check(z.minLength(1), z.maxLength(256)),
    role: z.enum(ROLES),
    provinceId: z.optional(idSchema),
    tenantId: z.optional(idSchema),
    /** "user" for a JWT, "api-key" for an integration key */
    kind: z.enum(["user", "api-key"]),
    keyId: z.optional(z.string()),
  }),
);
export type Principal = z.infer<typeof principalSchema>;

/** The claims a principal must carry for its role; returns a reason when they are incomplete. */
export function missingScope(
  principal: Pick<Principal, "role" | "provinceId" | "tenantId">,
): string | undefined {
  return missingScopeText(principal)?.en;
}

/** `missingScope` in both languages. */
export function missingScopeText(
  principal: Pick<Principal, "role" | "provinceId" | "tenantId">,
): Bilingual | undefined {
  if (principal.role === "platform-admin") return undefined;
  if (!principal.provinceId)
    return {
      en: `role ${principal.role} needs a provinceId claim`,
      zh: `角色 ${principal.role} 须带有 provinceId（省份）声明`,
    };
  if (isTenantRole(principal.role) && !principal.tenantId)
    return {
      en: `role ${principal.role} needs a tenantId claim`,
      zh: `角色 ${principal.role} 须带有 tenantId（单位）声明`,
    };
  return undefined;
}

export function isProvinceRole(role: Role): role is ProvinceRole {
  return (PROVINCE_ROLES as readonly Role[]).includes(role);
}

export function isTenantRole(role: Role): boolean {
  return (TENANT_ROLES as readonly Role[]).includes(role);
}

/** What a route allows: the roles, and how the path's `{p}` / `{t}` scope them. */
export type AccessRule = "public" | { roles: readonly Role[] };

export type AccessDecision =
  | { allowed: true }
  /** 403: authenticated but the role or scope does not allow it */
  | { allowed: false; status: 403; reason: Bilingual }
  /** 404: the tenant is not one the caller may know about */
  | { allowed: false; status: 404; reason: Bilingual };

export interface AccessRequest {
  rule: AccessRule;
  principal: Principal | null;
  provinceId?: string | undefined;
  tenantId?: string | undefined;
  /** the province the path's tenant belongs to, when the tenant exists (looked up only for province roles) */
  tenantProvinceId?: string | null | undefined;
  /** creating a tenant: the path's tenant may not exist yet (the write itself guards uniqueness) */
  tenantMayBeNew?: boolean;
}

/**
 * The access policy:
 * - the role must be one the route lists;
 * - `{p}` must be the caller's province (platform-admin acts on any province where listed);
 * - `{t}` must be the caller's own tenant for city roles and keys; for province roles it must
 *   belong to the caller's province (unknown or foreign tenants are 404, so nothing of them leaks).
 */
const NO_SUCH_TENANT: Bilingual = { en: "no such tenant", zh: "没有该单位。" };

export function checkAccess(request: AccessRequest): AccessDecision {
  const { rule, principal } = request;
  if (rule === "public") return { allowed: true };
  if (!principal)
    return {
      allowed: false,
      status: 403,
      reason: { en: "authentication required", zh: "须先进行身份认证。" },
    };
  if (!rule.roles.includes(principal.role)) {
    return {
      allowed: false,
      status: 403,
      reason: {
        en: `role ${principal.role} may not call this route`,
        zh: `角色 ${principal.role} 无权调用此接口。`,
      },
    };
  }
  if (request.provinceId !== undefined && principal.role !== "platform-admin") {
    if (principal.provinceId !== request.provinceId) {
      return {
        allowed: false,
        status: 403,
        reason: { en: "this province is not yours", zh: "无权访问其他省份的数据。" },
      };
    }
  }
  if (request.tenantId !== undefined) {
    if (isTenantRole(principal.role)) {
      if (principal.tenantId !== request.tenantId) {
        return {
          allowed: false,
          status: 403,
          reason: { en: "this tenant is not yours", zh: "无权访问其他单位的数据。" },
        };
      }
    } else if (principal.role !== "platform-admin" && !request.tenantMayBeNew) {
      if (request.tenantProvinceId === undefined || request.tenantProvinceId === null) {
        return { allowed: false, status: 404, reason: NO_SUCH_TENANT };
      }
      if (request.tenantProvinceId !== principal.provinceId) {
        return { allowed: false, status: 404, reason: NO_SUCH_TENANT };
      }
    }
  }
  return { allowed: true };
}
