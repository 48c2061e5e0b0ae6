/**
 * Provincial subsidy programs over HTTP: each kind, versions and If-Match, validation (400, 422),
 * who may write and read them.
 */
import { describe, expect, it } from "vitest";
import { demoProgram, NOW } from "../../support/subsidies-data";
import { as, entitlements, program, t, useSubsidiesStack } from "../../support/subsidies-stack";
import { expectStatusAs } from "../../support/world";

useSubsidiesStack();

describe("provincial programs", () => {
  const fixed = {
    name: "测试定额补贴",
    basis: { document: "测试〔2019〕1号", clause: "（一）" },
    kind: "fixed",
    benefit: "grant",
    params: { amount: 1000 },
    eligibility: [{ field: "category", op: "eq", value: "veteran" }],
    topUpLimits: { amount: { max: 3000 } },
    effectiveFrom: "2019-01-01",
  };

  it("creates each kind as version 1 (201, ETag) and appends later versions (200) to a readable history", async () => {
    const admin = as("jl/province-admin");
    const first = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
      ...admin,
      body: fixed,
    });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(first.body).toMatchObject({
      code: "test_fixed",
      kind: "fixed",
      params: { amount: 1000 },
      version: 1,
      writtenAt: NOW,
      writtenBy: "province-admin@jl",
    });

    const second = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
      ...admin,
      body: { ...fixed, code: "test_fixed", params: { amount: 1200 } },
    });
    expect(second.status, second.text).toBe(200);
    expect(second.headers.get("etag")).toBe('"2"');
    expect(second.body).toMatchObject({ version: 2, params: { amount: 1200 } });

    const tiered = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_tiered", {
      ...admin,
      body: { ...demoProgram("skill_upgrade_subsidy") },
    });
    expect(tiered.status, tiered.text).toBe(201);
    expect(tiered.body).toMatchObject({ kind: "tiered", version: 1 });
    const perUnit = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_per_unit", {
      ...admin,
      body: {
        ...demoProgram("rural_training_subsidy"),
        params: { rate: 8.5, unitsField: "trainingHours", cap: 800 },
      },
    });
    expect(perUnit.status, perUnit.text).toBe(201);
    expect(perUnit.body).toMatchObject({ kind: "per_unit", params: { rate: 8.5, cap: 800 } });

    const history = await t.call<{ code: string; versions: Array<{ version: number; params: unknown }> }>(
      "GET",
      "/v1/provinces/jl/subsidy-programs/test_fixed/versions",
      admin,
    );
    expect(history.status).toBe(200);
    expect(history.body.versions.map((v) => [v.version, v.params])).toEqual([
      [1, { amount: 1000 }],
      [2, { amount: 1200 }],
    ]);

    const list = await t.call<{ programs: Array<{ code: string; version: number }> }>(
      "GET",
      "/v1/provinces/jl/subsidy-programs",
      as("jl/province-reviewer"),
    );
    expect(list.status).toBe(200);
    expect(list.body.programs.find((p) => p.code === "test_fixed")?.version).toBe(2);
    expect(list.body.programs.find((p) => p.code === "guarantee_loan")?.version).toBe(2);
    const codes = list.body.programs.map((p) => p.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("honours If-Match when sent: 412 when stale, the next version when current", async () => {
    const admin = as("jl/province-admin");
    await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_ifmatch", { ...admin, body: fixed });
    const stale = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_ifmatch", {
      ...admin,
      body: fixed,
      ifMatch: 7,
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    const ok = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_ifmatch", {
      ...admin,
      body: fixed,
      ifMatch: 1,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const notYet = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_ifmatch_new", {
      ...admin,
      body: fixed,
      ifMatch: 1,
    });
    expect(notYet.status).toBe(412);
  });

  it("refuses a body code that differs from the path, unknown fields and malformed conditions (400)", async () => {
    const admin = as("jl/province-admin");
    const differs = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
      ...admin,
      body: { ...fixed, code: "other_code" },
    });
    expect(differs.status).toBe(400);
    expect(differs.body.errors).toEqual([expect.objectContaining({ path: "body.code" })]);
    const unknown = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
      ...admin,
      body: { ...fixed, script: "return true" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: "body.script" })]);
    const badOp = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
      ...admin,
      body: { ...fixed, eligibility: [{ field: "category", op: "matches", value: ".*" }] },
    });
    expect(badOp.status).toBe(400);
    const badPath = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/Not-A-Code", {
      ...admin,
      body: fixed,
    });
    expect(badPath.status).toBe(400);
  });

  it("answers 422 naming the path for rules the domain refuses", async () => {
    const admin = as("jl/province-admin");
    const dates = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_rules", {
      ...admin,
      body: { ...fixed, effectiveFrom: "2019-05-01", effectiveTo: "2019-04-30" },
    });
    expect(dates.status).toBe(422);
    expect(dates.body.errors).toEqual([expect.objectContaining({ path: "body.effectiveTo" })]);
    const limit = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_rules", {
      ...admin,
      body: { ...fixed, topUpLimits: { amount: { max: 500 }, "tiers.x": { max: 9 } } },
    });
    expect(limit.status).toBe(422);
    expect(limit.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "body.topUpLimits.amount.max",
      'body.topUpLimits["tiers.x"]',
    ]);
    const duplicate = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_rules", {
      ...admin,
      body: {
        ...demoProgram("skill_upgrade_subsidy"),
        params: {
          tiers: [
            { key: "a", when: [], amount: 1 },
            { key: "a", when: [], amount: 2 },
          ],
        },
      },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ path: "body.params.tiers[1].key" })]);
    const versions = await t.call("GET", "/v1/provinces/jl/subsidy-programs/test_rules/versions", admin);
    expect(versions.status).toBe(404);
  });

  it("lets only the province admin write, and every role of the province (and integrations) read", async () => {
    await expectStatusAs(
      ["jl/province-reviewer", "changchun/city-admin", "changchun/city-reporter", "changchun/key"],
      403,
      (label) => t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", { ...as(label), body: fixed }),
    );
    await expectStatusAs(
      ["jl/province-reviewer", "changchun/city-admin", "jilin/city-reporter", "changchun/key"],
      200,
      (label) => t.call("GET", "/v1/provinces/jl/subsidy-programs", as(label)),
    );
    const foreign = await t.call("GET", "/v1/provinces/jl/subsidy-programs", as("ln/province-admin"));
    expect(foreign.status).toBe(403);
    const foreignCity = await t.call("GET", "/v1/provinces/jl/subsidy-programs", as("shenyang/city-admin"));
    expect(foreignCity.status).toBe(403);
  });

  it("answers 404 for a province nobody created", async () => {
    const token = await t.token("province-admin", { provinceId: "zz" });
    const res = await t.call("PUT", "/v1/provinces/zz/subsidy-programs/test_fixed", { token, body: fixed });
    expect(res.status).toBe(404);
    const list = await t.call("GET", "/v1/provinces/zz/subsidy-programs", { token });
    expect(list.body).toEqual({ programs: [] });
  });

  it("shows who wrote a provincial version to province roles only", async () => {
    const province = await t.call("GET", "/v1/provinces/jl/subsidy-programs", as("jl/province-reviewer"));
    expect(province.body.programs[0].writtenBy).toBeTypeOf("string");
    const city = await t.call("GET", "/v1/provinces/jl/subsidy-programs", as("changchun/city-reporter"));
    expect(city.text).not.toContain("writtenBy");
    expect(city.body.programs[0]).toHaveProperty("version");
  });
});

/** The programs of each kind that "creates each kind" above writes, computed exactly. */
describe("the entitlement calculator", () => {
  it("computes each kind exactly: fixed, tiered, per unit", async () => {
    const employee = await entitlements(
      "jilin",
      {
        category: "employee",
        unemploymentInsuranceYears: 3,
        certificateLevel: "intermediate",
        certificateDate: "2019-03-01",
      },
      "2019-06-15",
    );
    expect(program(employee, "skill_upgrade_subsidy")).toMatchObject({
      eligible: true,
      tier: "intermediate",
      amount: "1500.00",
    });
    const rural = await entitlements(
      "jilin",
      { category: "rural_worker", trainingHours: 37.5 },
      "2019-06-15",
    );
    expect(program(rural, "rural_training_subsidy")).toMatchObject({ eligible: true, amount: "300.00" });
    const capped = program(rural, "test_per_unit");
    expect(capped).toMatchObject({ eligible: true, amount: "318.75" }); // 8.5 × 37.5, under the 800 cap
    const many = await entitlements("jilin", { category: "rural_worker", trainingHours: 200 }, "2019-06-15");
    expect(program(many, "test_per_unit").amount).toBe("800.00");
    expect(many.totalGrant).toBe("2400.00"); // 1600 + 800
    const founder = await entitlements(
      "jilin",
      {
        category: "hard_to_employ",
        firstBusiness: true,
        businessOperatingMonths: 12,
        socialInsurancePaid: true,
      },
      "2019-06-15",
    );
    expect(program(founder, "startup_subsidy")).toMatchObject({ eligible: true, amount: "5000.00" });
    expect(founder.totalGrant).toBe("5000.00");
  });
});
