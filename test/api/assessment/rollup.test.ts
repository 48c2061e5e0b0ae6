/** The rollup's guards over HTTP: province roles only, a period of the year, a rulebook. */
import { describe, expect, it } from "vitest";
import { EXTRA, YEAR } from "../../support/assessment-data";
import { as, t, useAssessmentStack } from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("rollup guards", () => {
  it("is for province roles only", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/rollup`;
    await expectStatusAs(
      ["changchun/city-admin", "changchun/city-reporter", "changchun/key", "ln/province-admin"],
      403,
      (label) => t.call("GET", path, as(label)),
      (res) => expect(res.text).not.toContain("changchun"),
    );
    const ok = await t.call("GET", path, as("jl/province-reviewer"));
    expect(ok.status).toBe(200);
    expect(ok.body.tenants.length).toBe(2 + EXTRA.length);
  });

  it("refuses a period outside the year or an unknown format (400); 404 without a rulebook", async () => {
    const admin = as("jl/province-admin");
    const outside = await t.call<Problem>(
      "GET",
      `/v1/provinces/jl/years/${YEAR}/rollup?period=2020-01`,
      admin,
    );
    expect(outside.status).toBe(400);
    expect(outside.body.errors?.map((e) => e.path)).toEqual(["query.period"]);
    expect((await t.call("GET", `/v1/provinces/jl/years/${YEAR}/rollup?period=2019-1`, admin)).status).toBe(
      400,
    );
    expect((await t.call("GET", `/v1/provinces/jl/years/${YEAR}/rollup?format=pdf`, admin)).status).toBe(400);
    expect((await t.call("GET", "/v1/provinces/jl/years/2030/rollup", admin)).status).toBe(404);
  });
});
