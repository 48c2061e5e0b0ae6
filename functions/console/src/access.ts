/**
 * Which pages a signed-in user may open, mirroring the API's access rules so the console offers
 * only what will work: city pages for the city's own roles, province pages for its province's
 * roles. A deep link the user may not open shows 无权访问 with the reason (the API would refuse
 * it anyway; the console never relies on hiding alone). Pure.
 */
import type { Principal, Role } from "./auth/session";

export type PageAccess =
  | { scope: "public" }
  | { scope: "tenant"; roles: readonly Role[] }
  | { scope: "province"; roles: readonly Role[] };

export const CITY_ROLES = ["city-admin", "city-reporter"] as const satisfies readonly Role[];
export const PROVINCE_ROLES = ["province-admin", "province-reviewer"] as const satisfies readonly Role[];

const ROLE_NAMES: Record<Role, string> = {
  "platform-admin": "平台管理员",
  "province-admin": "省级管理员",
  "province-reviewer": "省级评审员",
  "city-admin": "市级管理员",
  "city-reporter": "市级填报员",
};

export function roleName(role: Role): string {
  return ROLE_NAMES[role] ?? role;
}

/** Why `principal` may not open a page with this access rule and path parameters; undefined when it may. */
export function deniedReason(
  access: PageAccess | undefined,
  params: Record<string, string | string[] | undefined>,
  principal: Principal | null,
): string | undefined {
  if (!access || access.scope === "public") return undefined;
  if (!principal) return "请先登录。";
  if (!access.roles.includes(principal.role)) {
    const who = access.roles.map(roleName).join("、");
    return `本页面供${who}使用，您当前的身份是${roleName(principal.role)}。`;
  }
  if (access.scope === "tenant" && params.t !== principal.tenantId)
    return "您只能查看和填报本单位的数据，不能访问其他单位的页面。";
  if (access.scope === "province" && params.p !== principal.provinceId)
    return "您只能访问本省（区、市）的页面。";
  return undefined;
}
