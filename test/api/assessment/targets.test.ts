/**
 * Targets over HTTP: exactly the rulebook's indicators, versioned, written by the province admin
 * and read by the city, its key and the province.
 */
import { describe, expect, it } from "vitest";
import { fixture, YEAR } from "../../support/assessment-data";
import { as, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("targets", () => {
  it("must name exactly the rulebook's indicators: 422 names every missing and extra code", async () => {
    const { urban_new_jobs: _a, registered_unemployment_rate: _b, ...rest } = fixture.targets.changchun ?? {};
    const res = await t.call<Problem>("PUT", `/v1/provinces/jl/years/${YEAR}/targets/jilin`, {
      ...as("jl/province-admin"),
      body: { targets: { ...rest, bogus_indicator: 10, "Not-A-Code": 5 } },
      ifMatch: 1,
    });
    expect(res.status).toBe(422);
    const errors = (res.body.errors ?? []).map((e) => [e.path, e.message]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ["body.targets.urban_new_jobs", "missing"],
        ["body.targets.registered_unemployment_rate", "missing"],
        ["body.targets.bogus_indicator", "not an indicator of the year's rulebook"],
        ["body.targets.Not-A-Code", "not an indicator of the year's rulebook"],
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it("needs each target > 0 (400) and a rulebook for the year (422)", async () => {
    const admin = as("jl/province-admin");
    const zero = await t.call<Problem>("PUT", `/v1/provinces/jl/years/${YEAR}/targets/jilin`, {
      ...admin,
      body: { targets: { ...fixture.targets.changchun, urban_new_jobs: 0, unemployed_reemployed: -5 } },
      ifMatch: 1,
    });
    expect(zero.status).toBe(400);
    expect((zero.body.errors ?? []).map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.targets.urban_new_jobs", "body.targets.unemployed_reemployed"]),
    );
    const noRulebook = await t.call<Problem>("PUT", "/v1/provinces/jl/years/2024/targets/jilin", {
      ...admin,
      body: { targets: fixture.targets.changchun },
    });
    expect(noRulebook.status).toBe(422);
  });

  it("is versioned: 428 without If-Match, 412 stale, 200 with the current version", async () => {
    const admin = as("jl/province-admin");
    const path = `/v1/provinces/jl/years/${YEAR}/targets/songyuan`;
    const next = { targets: { ...fixture.targets.changchun, urban_new_jobs: 170000 } };
    expect((await t.call("PUT", path, { ...admin, body: next })).status).toBe(428);
    expect((await t.call("PUT", path, { ...admin, body: next, ifMatch: 4 })).status).toBe(412);
    const ok = await t.call("PUT", path, { ...admin, body: next, ifMatch: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tenantId: "songyuan", year: YEAR, version: 2 });
    expect(ok.body.targets.urban_new_jobs).toBe(170000);
    expect(ok.headers.get("etag")).toBe('"2"');
  });

  it("can be written by the province admin only — not by a reviewer or a city", async () => {
    const body = { targets: fixture.targets.changchun };
    await expectStatusAs(
      ["jl/province-reviewer", "changchun/city-admin", "changchun/key", "ln/province-admin"],
      403,
      (label) =>
        t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/changchun`, { ...as(label), body, ifMatch: 1 }),
    );
    const foreign = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/shenyang`, {
      ...as("jl/province-admin"),
      body,
    });
    expect(foreign.status).toBe(404);
  });

  it("is readable by the city itself, its integration key and the province — never by another city", async () => {
    await expectStatusAs(
      ["changchun/city-admin", "changchun/city-reporter", "changchun/key", "jl/province-reviewer"],
      200,
      (label) => t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as(label)),
      (res) => {
        expect(res.body).toMatchObject({ tenantId: "changchun", year: YEAR, version: 1 });
        expect(res.body.targets).toEqual(fixture.targets.changchun);
      },
    );
    await expectStatusAs(
      ["jilin/city-admin", "jilin/key", "shenyang/city-admin"],
      403,
      (label) => t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as(label)),
      (res) => expect(res.text).not.toContain("160000"),
    );
    expect(
      (await t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as("ln/province-admin"))).status,
    ).toBe(404);
    expect(
      (await t.call("GET", "/v1/tenants/changchun/years/2030/targets", as("changchun/city-admin"))).status,
    ).toBe(404);
  });
});
