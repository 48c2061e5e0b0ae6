/**
 * City top-ups over HTTP: the baseline and the province's limit (422 naming the path), programs
 * the province lacks, who may write, and the versions listed.
 */
import { describe, expect, it } from "vitest";
import { as, t, useSubsidiesStack } from "../../support/subsidies-stack";
import { expectStatusAs } from "../../support/world";

useSubsidiesStack();

describe("city top-ups", () => {
  const topUp = (overrides: Record<string, number>) => ({
    overrides,
    basis: { document: "长政发〔2019〕1号" },
    effectiveFrom: "2019-01-01",
  });
  const putTopUp = (code: string, body: unknown, label = "changchun/city-admin", tenant = "changchun") =>
    t.call("PUT", `/v1/tenants/${tenant}/subsidy-top-ups/${code}`, { ...as(label), body });

  it("refuses a value below the baseline with 422 naming the path, the baseline and the limit", async () => {
    const res = await putTopUp("guarantee_loan", topUp({ "tiers.graduate": 100000 }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors).toEqual([
      {
        path: "body.overrides.tiers.graduate",
        message: expect.stringContaining("150000"),
        baseline: 150000,
        limit: 300000,
      },
    ]);
  });

  it("refuses a value over the province's limit", async () => {
    const res = await putTopUp("guarantee_loan", topUp({ "tiers.graduate": 300000.01 }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        path: "body.overrides.tiers.graduate",
        message: expect.stringContaining("300000"),
        baseline: 150000,
        limit: 300000,
      },
    ]);
    const terms = await putTopUp("guarantee_loan", topUp({ "terms.fullInterestSubsidyYears": 5 }));
    expect(terms.status).toBe(422);
    expect(terms.body.errors).toEqual([
      expect.objectContaining({
        path: "body.overrides.terms.fullInterestSubsidyYears",
        baseline: 0,
        limit: 3,
      }),
    ]);
  });

  it("refuses unknown paths and tiers (baseline and limit null), every refused path at once", async () => {
    const res = await putTopUp(
      "guarantee_loan",
      topUp({ "tiers.student": 200000, ceiling: 5, amount: 1, "terms.years": 3, "tiers.individual": 150000 }),
    );
    expect(res.status).toBe(422);
    const errors = res.body.errors as Array<{
      path: string;
      baseline: unknown;
      limit: unknown;
      message: string;
    }>;
    expect(errors.map((e) => e.path).sort()).toEqual([
      "body.overrides.amount",
      "body.overrides.ceiling",
      "body.overrides.terms.years",
      "body.overrides.tiers.student",
    ]);
    for (const error of errors) {
      expect(error).toHaveProperty("baseline", null);
      expect(error).toHaveProperty("limit", null);
    }
    expect(errors.find((e) => e.path === "body.overrides.tiers.student")?.message).toContain("graduate");
  });

  it("names the limit as null where the province set none", async () => {
    const res = await putTopUp("startup_subsidy", topUp({ amount: 4999 }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: "body.overrides.amount", baseline: 5000, limit: null }),
    ]);
  });

  it("refuses a top-up of a program the province lacks, or one starting before the program (422)", async () => {
    const missing = await putTopUp("no_such_program", topUp({ amount: 1 }));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ path: "path.code", baseline: null, limit: null }),
    ]);
    const early = await putTopUp("startup_subsidy", {
      ...topUp({ amount: 6000 }),
      effectiveFrom: "2017-01-01",
    });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ path: "body.effectiveFrom" })]);
    const order = await putTopUp("startup_subsidy", {
      ...topUp({ amount: 6000 }),
      effectiveTo: "2018-12-31",
    });
    expect(order.status).toBe(422);
    expect(order.body.errors).toEqual([expect.objectContaining({ path: "body.effectiveTo" })]);
  });

  it("refuses other cities (403/404) and roles that may not write (403)", async () => {
    const body = topUp({ amount: 6000 });
    expect((await putTopUp("startup_subsidy", body, "jilin/city-admin")).status).toBe(403);
    expect((await putTopUp("startup_subsidy", body, "shenyang/city-admin")).status).toBe(403);
    expect((await putTopUp("startup_subsidy", body, "changchun/city-reporter")).status).toBe(403);
    expect((await putTopUp("startup_subsidy", body, "changchun/key")).status).toBe(403);
    expect((await putTopUp("startup_subsidy", body, "jl/province-admin")).status).toBe(403);
    expect((await putTopUp("startup_subsidy", body, "jl/province-reviewer")).status).toBe(403);
    const foreignRead = await t.call("GET", "/v1/tenants/changchun/subsidy-top-ups", as("ln/province-admin"));
    expect([403, 404]).toContain(foreignRead.status);
    const versions = await t.call(
      "GET",
      "/v1/tenants/changchun/subsidy-top-ups/startup_subsidy/versions",
      as("changchun/city-admin"),
    );
    expect(versions.status).toBe(404);
  });

  it("appends versions; the list shows the latest (or with ?date= the one in force) to the city, its keys and the province", async () => {
    const first = await putTopUp("rural_training_subsidy", topUp({ rate: 10 }));
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(first.body).toMatchObject({
      programCode: "rural_training_subsidy",
      overrides: { rate: 10 },
      version: 1,
      writtenBy: "city-admin@changchun",
      effectiveTo: null,
    });
    const second = await putTopUp("rural_training_subsidy", {
      ...topUp({ rate: 12 }),
      effectiveFrom: "2020-01-01",
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body.version).toBe(2);
    const stale = await t.call("PUT", "/v1/tenants/changchun/subsidy-top-ups/rural_training_subsidy", {
      ...as("changchun/city-admin"),
      body: topUp({ rate: 11 }),
      ifMatch: 1,
    });
    expect(stale.status).toBe(412);

    await expectStatusAs(
      ["changchun/city-reporter", "changchun/key", "jl/province-reviewer"],
      200,
      (label) =>
        t.call<{ topUps: Array<{ programCode: string; version: number }> }>(
          "GET",
          "/v1/tenants/changchun/subsidy-top-ups",
          as(label),
        ),
      (list) =>
        expect(list.body.topUps.find((x) => x.programCode === "rural_training_subsidy")?.version).toBe(2),
    );
    const asOf2019 = await t.call<{ topUps: Array<{ programCode: string; version: number }> }>(
      "GET",
      "/v1/tenants/changchun/subsidy-top-ups?date=2019-12-31",
      as("changchun/city-reporter"),
    );
    expect(asOf2019.body.topUps.find((x) => x.programCode === "rural_training_subsidy")?.version).toBe(1);
    const history = await t.call<{ versions: Array<{ version: number; overrides: unknown }> }>(
      "GET",
      "/v1/tenants/changchun/subsidy-top-ups/rural_training_subsidy/versions",
      as("changchun/key"),
    );
    expect(history.body.versions.map((v) => v.overrides)).toEqual([{ rate: 10 }, { rate: 12 }]);
    const other = await t.call("GET", "/v1/tenants/changchun/subsidy-top-ups", as("jilin/city-admin"));
    expect(other.status).toBe(403);
  });
});
