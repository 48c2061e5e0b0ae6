import { describe, expect, it } from "vitest";
import { checkAccess, missingScope, type Principal } from "../../../../shared/domain/principal";

const user = (p: Partial<Principal> & Pick<Principal, "role">): Principal => ({
  sub: "u",
  kind: "user",
  ...p,
});
const cityRule = {
  roles: ["city-admin", "city-reporter", "integration", "province-admin", "province-reviewer"] as const,
};

describe("checkAccess", () => {
  it("lets anyone call a public route", () => {
    expect(checkAccess({ rule: "public", principal: null })).toEqual({ allowed: true });
  });

  it("refuses roles the route does not list", () => {
    const decision = checkAccess({
      rule: { roles: ["province-admin"] },
      principal: user({ role: "province-reviewer", provinceId: "jl" }),
      provinceId: "jl",
    });
    expect(decision).toMatchObject({ allowed: false, status: 403 });
  });

  it("binds {p} to the caller's province", () => {
    const rule = { roles: ["province-admin"] as const };
    expect(
      checkAccess({ rule, principal: user({ role: "province-admin", provinceId: "jl" }), provinceId: "jl" })
        .allowed,
    ).toBe(true);
    expect(
      checkAccess({ rule, principal: user({ role: "province-admin", provinceId: "ln" }), provinceId: "jl" }),
    ).toMatchObject({ allowed: false, status: 403 });
  });

  it("binds {t} to a city's own tenant without looking anything up", () => {
    const principal = user({ role: "city-reporter", provinceId: "jl", tenantId: "changchun" });
    expect(checkAccess({ rule: cityRule, principal, tenantId: "changchun" }).allowed).toBe(true);
    expect(
      checkAccess({ rule: cityRule, principal, tenantId: "jilin", tenantProvinceId: "jl" }),
    ).toMatchObject({
      allowed: false,
      status: 403,
    });
  });

  it("lets province roles act on tenants of their province only, hiding others as 404", () => {
    const principal = user({ role: "province-admin", provinceId: "jl" });
    expect(
      checkAccess({ rule: cityRule, principal, tenantId: "changchun", tenantProvinceId: "jl" }).allowed,
    ).toBe(true);
    expect(
      checkAccess({ rule: cityRule, principal, tenantId: "shenyang", tenantProvinceId: "ln" }),
    ).toMatchObject({
      allowed: false,
      status: 404,
    });
    expect(
      checkAccess({ rule: cityRule, principal, tenantId: "nowhere", tenantProvinceId: null }),
    ).toMatchObject({
      allowed: false,
      status: 404,
    });
  });

  it("lets a tenant be created under the caller's province", () => {
    const principal = user({ role: "province-admin", provinceId: "jl" });
    const rule = { roles: ["province-admin"] as const };
    expect(
      checkAccess({
        rule,
        principal,
        provinceId: "jl",
        tenantId: "new-city",
        tenantProvinceId: null,
        tenantMayBeNew: true,
      }).allowed,
    ).toBe(true);
  });

  it("refuses an anonymous caller on protected routes", () => {
    expect(checkAccess({ rule: cityRule, principal: null, tenantId: "x" })).toMatchObject({
      allowed: false,
      status: 403,
    });
  });
});

describe("missingScope", () => {
  it("requires a province for province roles and a tenant for city roles", () => {
    expect(missingScope({ role: "platform-admin" })).toBeUndefined();
    expect(missingScope({ role: "province-admin" })).toMatch(/provinceId/);
    expect(missingScope({ role: "city-admin", provinceId: "jl" })).toMatch(/tenantId/);
    expect(missingScope({ role: "city-admin", provinceId: "jl", tenantId: "changchun" })).toBeUndefined();
  });
});
