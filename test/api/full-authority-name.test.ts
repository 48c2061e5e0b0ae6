/** Units and provinces carry an optional fullAuthorityName beside the short authorityName; the demo has the real ones. */
import { describe, expect, it } from "vitest";
import { DEMO_FULL_AUTHORITY_NAMES } from "../support/demo-facts";
import { t, useDemoStack } from "../support/demo-stack";

useDemoStack();

describe("fullAuthorityName", () => {
  it("is the real full name of every demo unit", async () => {
    const admin = await t.token("province-admin", { provinceId: "jl" });
    const res = await t.call<{
      tenants: Array<{ tenantId: string; authorityName: string; fullAuthorityName?: string }>;
    }>("GET", "/v1/provinces/jl/tenants", { token: admin });
    expect(res.body.tenants.map((u) => u.fullAuthorityName)).toEqual(DEMO_FULL_AUTHORITY_NAMES);
    expect(res.body.tenants.find((u) => u.tenantId === "yanbian")?.authorityName).toBe("延边州政府");
  });

  it("is optional on a PUT, kept when given and gone when a later PUT leaves it out", async () => {
    const platform = await t.token("platform-admin");
    const province = await t.call("PUT", "/v1/provinces/zz", {
      token: platform,
      body: { name: "测试省", authorityName: "测试省政府", fullAuthorityName: "测试省人民政府" },
    });
    expect(province.status).toBe(201);
    expect(province.body.fullAuthorityName).toBe("测试省人民政府");
    const admin = await t.token("province-admin", { provinceId: "zz" });
    const body = { name: "甲市", authorityName: "甲市政府", displayOrder: 1 };
    const full = await t.call("PUT", "/v1/provinces/zz/tenants/zz-a", {
      token: admin,
      body: { ...body, fullAuthorityName: "甲市人民政府" },
    });
    expect(full.body.fullAuthorityName).toBe("甲市人民政府");
    const short = await t.call("PUT", "/v1/provinces/zz/tenants/zz-a", { token: admin, body });
    expect(short.status).toBe(200);
    expect(short.body.fullAuthorityName).toBeUndefined();
    const bad = await t.call("PUT", "/v1/provinces/zz/tenants/zz-a", {
      token: admin,
      body: { ...body, fullAuthorityName: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("body.fullAuthorityName");
  });
});
