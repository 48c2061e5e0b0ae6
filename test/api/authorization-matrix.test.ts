/**
 * Every authenticated route of the route table, called by every kind of principal: those the
 * contract (functions/api.md) allows must get past authorization; every other — above all a foreign
 * tenant's or foreign province's credential — is refused with 403/404 and learns nothing of the
 * target tenant.
 */
import { describe, expect, it } from "vitest";
import type { RouteSpec } from "../../functions/http/route";
import { routeTable } from "../../functions/routes";
import { isProvinceRole, isTenantRole } from "../../shared/domain/principal";
import { routeCases, samplePath, scopeOf } from "../support/route-samples";
import { auth, type Credential, TARGET, useWorldStack } from "../support/world";

const protectedRoutes = routeTable.filter((r) => r.access !== "public");

const ctx = useWorldStack();

/** functions/api.md's rule, written independently of the implementation. */
function contractAllows(route: RouteSpec, credential: Credential): boolean {
  if (route.access === "public") return true;
  if (credential.inconsistent) return false;
  if (!route.access.roles.includes(credential.role)) return false;
  if (credential.role === "platform-admin") return true;
  const scope = scopeOf(route);
  if (scope.province && credential.provinceId !== TARGET.provinceId) return false;
  if (scope.tenant) {
    if (isTenantRole(credential.role)) return credential.tenantId === TARGET.tenantId;
    if (isProvinceRole(credential.role)) return credential.provinceId === TARGET.provinceId;
  }
  return true;
}

describe("authorization matrix", () => {
  it("covers a non-trivial route table", () => {
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(7);
  });

  it.each(routeCases(protectedRoutes))(
    "%s refuses every foreign or unlisted principal and admits the listed ones",
    async (_name, route) => {
      const path = samplePath(route, TARGET);
      let refusedForeign = 0;
      for (const credential of ctx.world.credentials.values()) {
        const res = await ctx.t.call(route.method, path, auth(credential));
        const label = `${credential.label} → ${route.method} ${path}: ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, label).toBeLessThan(500);
        if (contractAllows(route, credential)) {
          expect([401, 403], label).not.toContain(res.status);
        } else {
          expect([403, 404], label).toContain(res.status);
          expect(res.headers.get("content-type"), label).toContain("application/problem+json");
          expect(res.text, label).not.toContain("长春");
          if (credential.tenantId && credential.tenantId !== TARGET.tenantId) refusedForeign++;
        }
      }
      if (scopeOf(route).tenant) expect(refusedForeign, "foreign tenants were tried").toBeGreaterThan(0);
    },
  );
});
