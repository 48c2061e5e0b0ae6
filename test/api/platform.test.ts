import { describe, expect, it } from "vitest";
import { loadFixture } from "../support/fixture";
import { auth, useWorldStack } from "../support/world";

const ctx = useWorldStack();

describe("health and OpenAPI", () => {
  it("reports ok while storage answers", async () => {
    const res = await ctx.t.call("GET", "/v1/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    // like API Gateway: a Content-Length, not chunked encoding
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(res.text)));
    expect(res.headers.get("transfer-encoding")).toBeNull();
  });

  it("serves an OpenAPI 3.1 document listing every route with its schemas", async () => {
    const { routeTable } = await import("../../functions/routes");
    const res = await ctx.t.call<{ openapi: string; paths: Record<string, Record<string, any>> }>(
      "GET",
      "/v1/openapi.json",
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const route of routeTable) {
      const operation = res.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.operationId).toBe(route.operationId);
      if (route.body) expect(operation.requestBody.content["application/json"].schema).toBeTypeOf("object");
      if (route.response) {
        const success = operation.responses[String(route.status ?? 200)];
        expect(success.content["application/json"].schema, route.operationId).toBeTypeOf("object");
      }
      if (route.versioned)
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["412", "428"]));
    }
    const report = res.body.paths["/v1/tenants/{t}/years/{y}/reports/{period}"]?.put;
    expect(Object.keys(report.responses)).toEqual(
      expect.arrayContaining(["201", "412", "422", "423", "428"]),
    );
  });
});

describe("provinces and tenants", () => {
  it("lists a province's tenants in display order for province roles", async () => {
    const admin = ctx.world.get("jl/province-admin");
    // a tenant added with a lower display order comes first regardless of creation order
    const put = await ctx.t.call("PUT", "/v1/provinces/jl/tenants/siping", {
      ...auth(admin),
      body: { name: "四平市", authorityName: "四平市政府", displayOrder: 3, divisionCode: "220300" },
    });
    expect(put.status).toBe(201);
    const res = await ctx.t.call<{ tenants: Array<{ tenantId: string }> }>(
      "GET",
      "/v1/provinces/jl/tenants",
      {
        ...auth(ctx.world.get("jl/province-reviewer")),
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.tenants.map((x) => x.tenantId)).toEqual(["changchun", "jilin", "siping"]);
  });

  it("lists nothing for a province without tenants yet, and 404 for no such province", async () => {
    const created = await ctx.t.call("PUT", "/v1/provinces/nm", {
      token: ctx.world.platform,
      body: { name: "内蒙古自治区", authorityName: "内蒙古自治区人民政府" },
    });
    expect(created.status).toBe(201);
    const admin = { token: await ctx.t.token("province-admin", { provinceId: "nm" }) };
    const empty = await ctx.t.call<{ tenants: unknown[] }>("GET", "/v1/provinces/nm/tenants", admin);
    expect(empty.status).toBe(200);
    expect(empty.body.tenants).toEqual([]);
    const nowhere = { token: await ctx.t.token("province-admin", { provinceId: "nowhere" }) };
    const none = await ctx.t.call("GET", "/v1/provinces/nowhere/tenants", nowhere);
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toContain("application/problem+json");
  });

  it("pages through tenants with a cursor", async () => {
    const admin = auth(ctx.world.get("jl/province-admin"));
    const first = await ctx.t.call<{ tenants: Array<{ tenantId: string }>; nextCursor: string | null }>(
      "GET",
      "/v1/provinces/jl/tenants?limit=2",
      admin,
    );
    expect(first.body.tenants).toHaveLength(2);
    expect(first.body.nextCursor).toBeTypeOf("string");
    const second = await ctx.t.call<{ tenants: Array<{ tenantId: string }> }>(
      "GET",
      `/v1/provinces/jl/tenants?limit=2&cursor=${first.body.nextCursor}`,
      admin,
    );
    expect(second.body.tenants.map((x) => x.tenantId)).toEqual(["siping"]);
    const forged = await ctx.t.call(
      "GET",
      "/v1/provinces/jl/tenants?cursor=eyJnc2kxcGsiOiJQUk9WI2xuI1RFTkFOVFMifQ",
      admin,
    );
    expect(forged.status).toBe(400);
  });

  it("refuses a city token on the province's tenant list", async () => {
    const res = await ctx.t.call(
      "GET",
      "/v1/provinces/jl/tenants",
      auth(ctx.world.get("changchun/city-admin")),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lets a city read its own profile but not another city's, leaking nothing", async () => {
    const own = await ctx.t.call<{ name: string }>(
      "GET",
      "/v1/tenants/changchun",
      auth(ctx.world.get("changchun/city-reporter")),
    );
    expect(own.status).toBe(200);
    expect(own.body.name).toBe("长春市");
    const other = await ctx.t.call("GET", "/v1/tenants/jilin", auth(ctx.world.get("changchun/city-admin")));
    expect([403, 404]).toContain(other.status);
    expect(other.text).not.toContain("吉林市");
  });

  it("hides tenants of another province from province roles", async () => {
    const res = await ctx.t.call("GET", "/v1/tenants/shenyang", auth(ctx.world.get("jl/province-admin")));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("沈阳");
  });

  it("keeps tenant ids globally unique", async () => {
    const res = await ctx.t.call("PUT", "/v1/provinces/ln/tenants/changchun", {
      ...auth(ctx.world.get("ln/province-admin")),
      body: { name: "x", authorityName: "x", displayOrder: 9 },
    });
    expect(res.status).toBe(409);
    const still = await ctx.t.call<{ provinceId: string; name: string }>(
      "GET",
      "/v1/tenants/changchun",
      auth(ctx.world.get("jl/province-admin")),
    );
    expect(still.body).toMatchObject({ provinceId: "jl", name: "长春市" });
  });

  it("updates a tenant in place (200) and creates new ones (201)", async () => {
    const admin = auth(ctx.world.get("jl/province-admin"));
    const res = await ctx.t.call<{ authorityName: string }>("PUT", "/v1/provinces/jl/tenants/siping", {
      ...admin,
      body: { name: "四平市", authorityName: "四平市人民政府", displayOrder: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.body.authorityName).toBe("四平市人民政府");
  });

  it("needs an existing province before its tenants", async () => {
    const token = await ctx.t.token("province-admin", { provinceId: "hl" });
    const res = await ctx.t.call("PUT", "/v1/provinces/hl/tenants/harbin", {
      token,
      body: { name: "哈尔滨市", authorityName: "哈尔滨市政府", displayOrder: 1 },
    });
    expect(res.status).toBe(404);
  });
});

describe("validation", () => {
  it("names every wrong or unknown field", async () => {
    const res = await ctx.t.call<{ status: number; errors: Array<{ path: string }> }>(
      "PUT",
      "/v1/provinces/jl/tenants/tonghua",
      {
        ...auth(ctx.world.get("jl/province-admin")),
        body: {
          name: 5,
          authorityName: "",
          displayOrder: "1",
          divisionCode: "22",
          tenantId: "jilin",
          extra: true,
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const paths = res.body.errors.map((e) => e.path).sort();
    expect(paths).toEqual(
      [
        "body.authorityName",
        "body.displayOrder",
        "body.divisionCode",
        "body.extra",
        "body.name",
        "body.tenantId",
      ].sort(),
    );
  });

  it("answers malformed JSON with 400, never 5xx", async () => {
    for (const rawBody of ["{", '{"name": }', "[1,2", "nul", "\u0000"]) {
      const res = await ctx.t.call("PUT", "/v1/provinces/jl/tenants/tonghua", {
        ...auth(ctx.world.get("jl/province-admin")),
        rawBody,
        headers: { "content-type": "application/json" },
      });
      expect(res.status, rawBody).toBe(400);
    }
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await ctx.t.call("PUT", "/v1/provinces/jl/tenants/tonghua", {
      ...auth(ctx.world.get("jl/province-admin")),
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
  });

  it("validates path parameters and unknown query parameters", async () => {
    const admin = auth(ctx.world.get("jl/province-admin"));
    const badId = await ctx.t.call<{ errors: Array<{ path: string }> }>("GET", "/v1/tenants/Bad_Id", admin);
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]?.path).toBe("path.t");
    const unknown = await ctx.t.call<{ errors: Array<{ path: string }> }>(
      "GET",
      "/v1/provinces/jl/tenants?sort=name",
      admin,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]?.path).toBe("query.sort");
  });

  it("answers unknown routes with a 404 problem", async () => {
    const res = await ctx.t.call("GET", "/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("API keys", () => {
  it("shows a key once, lists keys without secrets, and revokes with immediate effect", async () => {
    const admin = auth(ctx.world.get("jilin/city-admin"));
    const created = await ctx.t.call<{ keyId: string; key: string }>("POST", "/v1/tenants/jilin/api-keys", {
      ...admin,
      body: { name: "社保系统" },
    });
    expect(created.status).toBe(201);
    const { keyId, key } = created.body;
    const secret = key.split(".").at(-1) ?? "";
    const listed = await ctx.t.call("GET", "/v1/tenants/jilin/api-keys", admin);
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(keyId);
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toContain("secretHash");

    const before = await ctx.t.call("GET", "/v1/tenants/jilin", { apiKey: key });
    expect(before.status).toBe(403); // integration may not read the profile, but the key is accepted (not 401)

    const revoked = await ctx.t.call("DELETE", `/v1/tenants/jilin/api-keys/${keyId}`, admin);
    expect(revoked.status).toBe(204);
    const after = await ctx.t.call("GET", "/v1/tenants/jilin/api-keys", { apiKey: key });
    expect(after.status).toBe(401);
    const again = await ctx.t.call("DELETE", `/v1/tenants/jilin/api-keys/${keyId}`, admin);
    expect(again.status).toBe(404);
  });

  it("only lets a city admin manage its own keys", async () => {
    const reporter = await ctx.t.call("POST", "/v1/tenants/jilin/api-keys", {
      ...auth(ctx.world.get("jilin/city-reporter")),
      body: { name: "x" },
    });
    expect(reporter.status).toBe(403);
    const foreign = await ctx.t.call(
      "GET",
      "/v1/tenants/jilin/api-keys",
      auth(ctx.world.get("changchun/city-admin")),
    );
    expect(foreign.status).toBe(403);
  });
});

describe("the demo province", () => {
  it("matches the fixture's units", () => {
    const fixture = loadFixture();
    expect(fixture.tenants).toHaveLength(12);
    expect(fixture.tenants[0]?.name).toBe("长春市");
    expect(fixture.tenants.at(-1)?.name).toBe("公主岭市");
  });
});
