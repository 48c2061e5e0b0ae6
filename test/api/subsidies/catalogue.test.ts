/**
 * The public subsidy catalogue over HTTP: no credentials, the city's top-ups merged into the
 * baselines, nothing beyond the catalogue.
 */
import { describe, expect, it } from "vitest";
import { t, useSubsidiesStack } from "../../support/subsidies-stack";

useSubsidiesStack();

describe("the public catalogue", () => {
  it("needs no credentials and merges the city's top-ups into the baselines, citing both documents", async () => {
    const res = await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-06-15");
    expect(res.status, res.text).toBe(200);
    expect(res.body.date).toBe("2019-06-15");
    const loan = res.body.programs.find((p: { code: string }) => p.code === "guarantee_loan");
    expect(loan.source).toBe("province");
    expect(loan.params.tiers.find((x: { key: string }) => x.key === "graduate").amount).toBe(300000);
    expect(loan.baseline.params.tiers.find((x: { key: string }) => x.key === "graduate").amount).toBe(150000);
    expect(loan.basis.map((b: { level: string }) => b.level)).toEqual(["province", "city"]);
    expect(loan.topUp.overrides).toEqual({ "tiers.graduate": 300000 });
    const local = res.body.programs.find((p: { code: string }) => p.code === "settling_in_allowance");
    expect(local).toMatchObject({ source: "local", baseline: null, params: { amount: 80000 } });
    expect(local.basis).toEqual([expect.objectContaining({ level: "city" })]);
    const sources = res.body.programs.map((p: { source: string }) => p.source);
    expect(sources.lastIndexOf("province")).toBeLessThan(sources.indexOf("local"));
  });

  it("exposes nothing beyond the catalogue: no writers, write times or storage keys", async () => {
    const res = await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-06-15");
    for (const fragment of [
      '"writtenBy"',
      '"writtenAt"',
      "city-admin@",
      "province-admin@",
      "TENANT#",
      "PROV#",
      '"pk"',
      '"sk"',
      '"type"',
      '"provinceId"',
    ])
      expect(res.text).not.toContain(fragment);
    expect(Object.keys(res.body).sort()).toEqual(["date", "programs", "tenantId", "tenantName"]);
    for (const entry of res.body.programs)
      expect(Object.keys(entry).sort()).toEqual(
        [
          "basis",
          "baseline",
          "benefit",
          "code",
          "effectiveFrom",
          "effectiveTo",
          "eligibility",
          "eligibilityText",
          "kind",
          "name",
          "parameters",
          "params",
          "source",
          "terms",
          "topUp",
          "version",
        ].sort(),
      );
  });

  it("answers 404 for an unknown tenant and 400 for a malformed date", async () => {
    expect((await t.call("GET", "/v1/public/tenants/atlantis/subsidies")).status).toBe(404);
    const post = await t.call("POST", "/v1/public/tenants/atlantis/entitlements", { body: { profile: {} } });
    expect(post.status).toBe(404);
    expect(post.headers.get("content-type")).toContain("application/problem+json");
    expect((await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-02-30")).status).toBe(400);
    expect((await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=0001-01-01")).status).toBe(400);
    expect((await t.call("GET", "/v1/public/tenants/changchun/subsidies?when=today")).status).toBe(400);
  });
});
