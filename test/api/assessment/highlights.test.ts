/** A city's highlights over HTTP: written by its admin, versioned, and its own. */
import { describe, expect, it } from "vitest";
import { highlightsOfProvinceYear } from "../../../shared/data/stores/highlights";
import { YEAR } from "../../support/assessment-data";
import { as, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("highlights", () => {
  it("are written by the city admin, versioned, ≤ 2000 characters each", async () => {
    const path = `/v1/tenants/changchun/years/${YEAR}/highlights`;
    const admin = as("changchun/city-admin");
    const first = await t.call("PUT", path, {
      ...admin,
      body: { employment: "长春市全面启动“促进高校毕业生留长创业就业服务工程”。" },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      tenantId: "changchun",
      year: YEAR,
      version: 1,
      updatedBy: "city-admin@changchun",
    });
    const next = { employment: "长春市……", entrepreneurship: "长".repeat(2000) };
    expect((await t.call("PUT", path, { ...admin, body: next })).status).toBe(428);
    expect((await t.call("PUT", path, { ...admin, body: next, ifMatch: 5 })).status).toBe(412);
    const second = await t.call("PUT", path, { ...admin, body: next, ifMatch: 1 });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);

    const tooLong = await t.call<Problem>("PUT", path, {
      ...admin,
      body: { employment: "长".repeat(2001), entrepreneurship: "x" },
      ifMatch: 2,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors?.map((e) => e.path)).toEqual(["body.employment"]);

    const read = await t.call("GET", path, as("jl/province-reviewer"));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 2, employment: "长春市……" });
    expect(read.headers.get("etag")).toBe('"2"');
    // the circular draft reads all highlights of a province-year in one paginated Query
    const all = await highlightsOfProvinceYear(t.stack.db, "jl", YEAR);
    expect(all.map((h) => [h.tenantId, h.version])).toEqual([["changchun", 2]]);
  });

  it("belong to their city: no other city, reporter or key may write them; no other city may read them", async () => {
    const path = `/v1/tenants/changchun/years/${YEAR}/highlights`;
    await expectStatusAs(
      [
        "changchun/city-reporter",
        "changchun/key",
        "jilin/city-admin",
        "jl/province-admin",
        "shenyang/city-admin",
      ],
      403,
      (label) => t.call("PUT", path, { ...as(label), body: { employment: "x" }, ifMatch: 2 }),
    );
    await expectStatusAs(
      ["jilin/city-admin", "jilin/city-reporter", "shenyang/city-admin"],
      403,
      (label) => t.call("GET", path, as(label)),
      (res) => expect(res.text).not.toContain("长春市……"),
    );
    expect((await t.call("GET", path, as("changchun/city-reporter"))).status).toBe(200);
    expect(
      (await t.call("GET", `/v1/tenants/jilin/years/${YEAR}/highlights`, as("jilin/city-admin"))).status,
    ).toBe(404);
  });
});
