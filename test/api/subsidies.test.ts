/**
 * Subsidies over HTTP: provincial programs of each kind, city top-ups (and their 422s), local
 * programs, version histories, effective dating at the boundaries, the public catalogue and the
 * entitlement calculator — on the in-process local stack over DynamoDB Local.
 *
 * The clock is fixed at 2019-06-15 10:00 Asia/Shanghai for every authenticated call (tokens are
 * minted on that clock); public calls move it to test the "today" default, then put it back.
 */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setNow } from "../../shared/lib/clock";
import type { ResponseOf } from "../support/responses";
import { startTestStack, type TestStack } from "../support/stack";
import { auth, buildWorld, type World } from "../support/world";

const NOW = "2019-06-15T02:00:00.000Z"; // 10:00 in Shanghai

interface DemoFile {
  provincePrograms: Array<Record<string, unknown> & { code: string }>;
  topUps: Record<string, Array<Record<string, unknown> & { programCode: string }>>;
  localPrograms: Record<string, Array<Record<string, unknown> & { code: string }>>;
}
const demo = JSON.parse(
  readFileSync(new URL("../../infra/local/demo/subsidies.json", import.meta.url), "utf8"),
) as DemoFile;

function demoProgram(code: string): Record<string, unknown> {
  const program = demo.provincePrograms.find((p) => p.code === code);
  if (!program) throw new Error(`no demo program ${code}`);
  const { code: _omit, ...body } = program;
  return body;
}

function demoTopUp(tenantId: string): Record<string, unknown> {
  const topUp = demo.topUps[tenantId]?.[0];
  if (!topUp) throw new Error(`no demo top-up for ${tenantId}`);
  const { programCode: _omit, ...body } = topUp;
  return body;
}

let t: TestStack;
let world: World;
const as = (label: string) => auth(world.get(label));

beforeAll(async () => {
  setNow(NOW);
  t = await startTestStack();
  world = await buildWorld(t);
  const admin = as("jl/province-admin");
  // a third Jilin city, for Tonghua's top-up
  const tonghua = await t.call("PUT", "/v1/provinces/jl/tenants/tonghua", {
    ...admin,
    body: { name: "通化市", authorityName: "通化市政府", displayOrder: 5 },
  });
  expect(tonghua.status).toBe(201);
  // the six Jilin baselines, through the API
  for (const program of demo.provincePrograms) {
    const res = await t.call("PUT", `/v1/provinces/jl/subsidy-programs/${program.code}`, {
      ...admin,
      body: demoProgram(program.code),
    });
    expect(res.status, res.text).toBe(201);
  }
  // guarantee_loan gets top-up limits in a second version (the graduate tier up to 300,000)
  const loan = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/guarantee_loan", {
    ...admin,
    body: {
      ...demoProgram("guarantee_loan"),
      topUpLimits: { "tiers.graduate": { max: 300000 }, "terms.fullInterestSubsidyYears": { max: 3 } },
    },
  });
  expect(loan.status, loan.text).toBe(200);
  const changchun = await t.call("PUT", "/v1/tenants/changchun/subsidy-top-ups/guarantee_loan", {
    ...as("changchun/city-admin"),
    body: demoTopUp("changchun"),
  });
  expect(changchun.status, changchun.text).toBe(201);
  const tonghuaAdmin = await t.token("city-admin", { provinceId: "jl", tenantId: "tonghua" });
  const tonghuaTopUp = await t.call("PUT", "/v1/tenants/tonghua/subsidy-top-ups/guarantee_loan", {
    token: tonghuaAdmin,
    body: demoTopUp("tonghua"),
  });
  expect(tonghuaTopUp.status, tonghuaTopUp.text).toBe(201);
  const local = demo.localPrograms.changchun?.[0];
  if (!local) throw new Error("no demo local program");
  const localRes = await t.call("PUT", `/v1/tenants/changchun/local-programs/${local.code}`, {
    ...as("changchun/city-admin"),
    body: local,
  });
  expect(localRes.status, localRes.text).toBe(201);
});
afterEach(() => setNow(NOW));
afterAll(async () => t?.stop());

const GRADUATE_FOUNDER = {
  category: "graduate",
  graduationDate: "2018-07-01",
  degree: "master",
  keyUniversity: true,
};

type Entitlement = Entitlements["programs"][number];
type Entitlements = ResponseOf<"calculateEntitlements">;

async function entitlements(tenantId: string, profile: Record<string, unknown>, date?: string) {
  const res = await t.call<Entitlements>("POST", `/v1/public/tenants/${tenantId}/entitlements`, {
    body: { profile, ...(date ? { date } : {}) },
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

function program(result: Entitlements, code: string): Entitlement {
  const found = result.programs.find((p) => p.code === code);
  if (!found) throw new Error(`no ${code} in ${result.programs.map((p) => p.code).join(", ")}`);
  return found;
}

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
    for (const label of [
      "jl/province-reviewer",
      "changchun/city-admin",
      "changchun/city-reporter",
      "changchun/key",
    ]) {
      const res = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/test_fixed", {
        ...as(label),
        body: fixed,
      });
      expect(res.status, label).toBe(403);
    }
    for (const label of [
      "jl/province-reviewer",
      "changchun/city-admin",
      "jilin/city-reporter",
      "changchun/key",
    ]) {
      const res = await t.call("GET", "/v1/provinces/jl/subsidy-programs", as(label));
      expect(res.status, label).toBe(200);
    }
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

    for (const label of ["changchun/city-reporter", "changchun/key", "jl/province-reviewer"]) {
      const list = await t.call<{ topUps: Array<{ programCode: string; version: number }> }>(
        "GET",
        "/v1/tenants/changchun/subsidy-top-ups",
        as(label),
      );
      expect(list.status, label).toBe(200);
      expect(list.body.topUps.find((x) => x.programCode === "rural_training_subsidy")?.version).toBe(2);
    }
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

describe("local programs", () => {
  it("are versioned per city, refuse a provincial code (422) and are listed for the city only", async () => {
    const admin = as("changchun/city-admin");
    const body = {
      ...demoProgram("startup_subsidy"),
      name: "长春市大学生创业补贴",
      basis: { document: "长政办发〔2019〕9号", clause: "二" },
    };
    const clash = await t.call("PUT", "/v1/tenants/changchun/local-programs/startup_subsidy", {
      ...admin,
      body,
    });
    expect(clash.status).toBe(422);
    expect(clash.body.errors).toEqual([expect.objectContaining({ path: "path.code" })]);
    const created = await t.call("PUT", "/v1/tenants/changchun/local-programs/cc_startup_bonus", {
      ...admin,
      body,
    });
    expect(created.status, created.text).toBe(201);
    const again = await t.call("PUT", "/v1/tenants/changchun/local-programs/cc_startup_bonus", {
      ...admin,
      body: { ...body, params: { amount: 6000 } },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const history = await t.call(
      "GET",
      "/v1/tenants/changchun/local-programs/cc_startup_bonus/versions",
      admin,
    );
    expect(history.body.versions.map((v: { params: unknown }) => v.params)).toEqual([
      { amount: 5000 },
      { amount: 6000 },
    ]);
    const list = await t.call("GET", "/v1/tenants/changchun/local-programs", as("jl/province-admin"));
    expect(list.status).toBe(200);
    expect(list.body.localPrograms.map((p: { code: string }) => p.code)).toEqual([
      "cc_startup_bonus",
      "settling_in_allowance",
    ]);
    const jilin = await t.call("GET", "/v1/tenants/jilin/local-programs", as("jilin/city-admin"));
    expect(jilin.body.localPrograms).toEqual([]);
    expect(
      (await t.call("PUT", "/v1/tenants/changchun/local-programs/x1", { ...as("jilin/city-admin"), body }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.call("PUT", "/v1/tenants/changchun/local-programs/x1", {
          ...as("changchun/city-reporter"),
          body,
        })
      ).status,
    ).toBe(403);
    const catalogue = await t.call("GET", "/v1/public/tenants/jilin/subsidies?date=2019-06-15");
    expect(catalogue.body.programs.some((p: { code: string }) => p.code === "cc_startup_bonus")).toBe(false);
  });
});

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

describe("the entitlement calculator", () => {
  it("gives a Changchun graduate founder a 300,000 loan: baseline 150,000 + city top-up 150,000, both documents cited", async () => {
    const result = await entitlements("changchun", GRADUATE_FOUNDER, "2019-06-15");
    expect(result.maxLoan).toBe("300000.00");
    const loan = program(result, "guarantee_loan");
    expect(loan).toMatchObject({
      eligible: true,
      tier: "graduate",
      amount: "300000.00",
      baselineAmount: "150000.00",
      topUpAmount: "150000.00",
      unmet: [],
    });
    expect(loan.basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(loan.basis[1]?.document).toContain("吉政函〔2020〕33号");
    // Changchun's settling-in allowance (local) for a key-university master
    expect(program(result, "settling_in_allowance")).toMatchObject({
      source: "local",
      eligible: true,
      amount: "80000.00",
      baselineAmount: "0.00",
      topUpAmount: "80000.00",
    });
    expect(result.totalGrant).toBe("80000.00");
    const notKey = await entitlements(
      "changchun",
      { ...GRADUATE_FOUNDER, keyUniversity: false },
      "2019-06-15",
    );
    expect(program(notKey, "settling_in_allowance")).toMatchObject({ eligible: false, amount: "0.00" });
    expect(notKey.totalGrant).toBe("0.00");
  });

  it("gives the same profile 150,000 in Jilin City (no top-up), citing only the province", async () => {
    const result = await entitlements("jilin", GRADUATE_FOUNDER, "2019-06-15");
    expect(result.maxLoan).toBe("150000.00");
    const loan = program(result, "guarantee_loan");
    expect(loan).toMatchObject({ amount: "150000.00", baselineAmount: "150000.00", topUpAmount: "0.00" });
    expect(loan.basis.map((b) => b.level)).toEqual(["province"]);
    expect(result.programs.some((p) => p.code === "settling_in_allowance")).toBe(false);
  });

  it("shows Tonghua's 3 years of full interest subsidy in the loan's terms, citing Tonghua's document", async () => {
    const founder = { category: "registered_unemployed" };
    const tonghua = program(await entitlements("tonghua", founder, "2019-06-15"), "guarantee_loan");
    expect(tonghua).toMatchObject({
      eligible: true,
      tier: "individual",
      amount: "100000.00",
      topUpAmount: "0.00",
    });
    expect(tonghua.terms).toEqual({ interestSubsidyMarginPp: 3, fullInterestSubsidyYears: 3 });
    expect(tonghua.basis.map((b) => b.level)).toEqual(["province", "city"]);
    expect(tonghua.basis[1]?.document).toContain("通化");
    const jilin = program(await entitlements("jilin", founder, "2019-06-15"), "guarantee_loan");
    expect(jilin.terms.fullInterestSubsidyYears).toBe(0);
  });

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

  it("lists every unmet condition with the applicant's value, or missing", async () => {
    const result = await entitlements(
      "jilin",
      { category: "employee", unemploymentInsuranceYears: 2.5, certificateLevel: "senior" },
      "2019-06-15",
    );
    const skill = program(result, "skill_upgrade_subsidy");
    expect(skill.eligible).toBe(false);
    expect(skill.amount).toBe("0.00");
    expect(skill.unmet).toEqual([
      { field: "unemploymentInsuranceYears", op: "gte", value: 3, actual: 2.5 },
      { field: "certificateDate", op: "onOrAfter", value: "2017-01-01", actual: "missing" },
      { field: "certificateDate", op: "withinMonths", value: 12, actual: "missing" },
    ]);
    const startup = program(result, "startup_subsidy");
    expect(startup.unmet).toEqual([
      { field: "category", op: "in", value: ["graduate", "hard_to_employ"], actual: "employee" },
      { field: "firstBusiness", op: "eq", value: true, actual: "missing" },
      { field: "businessOperatingMonths", op: "gte", value: 12, actual: "missing" },
      { field: "socialInsurancePaid", op: "eq", value: true, actual: "missing" },
    ]);
    // an employee may still borrow as an individual founder
    expect(program(result, "guarantee_loan")).toMatchObject({
      eligible: true,
      tier: "individual",
      unmet: [],
    });
    expect(result.totalGrant).toBe("0.00");
    expect(result.maxLoan).toBe("100000.00");
    // a base is neither a person nor an enterprise: no tier holds, each tier's reasons given
    const base = program(
      await entitlements("jilin", { category: "returnee_base" }, "2019-06-15"),
      "guarantee_loan",
    );
    expect(base.eligible).toBe(false);
    expect(base.unmet).toContainEqual(
      expect.objectContaining({ field: "category", op: "eq", value: "enterprise", tier: "enterprise" }),
    );
    expect(base.unmet.every((u) => u.tier !== undefined)).toBe(true);
  });

  it("evaluates every operator as data", async () => {
    const body = {
      name: "运算符测试",
      basis: { document: "测试〔2019〕2号" },
      kind: "fixed",
      benefit: "grant",
      params: { amount: 1 },
      eligibility: [
        { field: "category", op: "eq", value: "graduate" },
        { field: "degree", op: "ne", value: "bachelor" },
        { field: "degree", op: "in", value: ["master", "doctor"] },
        { field: "businessOperatingMonths", op: "gte", value: 6 },
        { field: "businessOperatingMonths", op: "lte", value: 24 },
        { field: "trainingHours", op: "gt", value: 10 },
        { field: "trainingHours", op: "lt", value: 100 },
        { field: "graduationDate", op: "onOrAfter", value: "2018-01-01" },
        { field: "graduationDate", op: "withinMonths", value: 12 },
      ],
      effectiveFrom: "2019-01-01",
    };
    const put = await t.call("PUT", "/v1/tenants/jilin/local-programs/operators_test", {
      ...as("jilin/city-admin"),
      body,
    });
    expect(put.status, put.text).toBe(201);
    const meets = {
      category: "graduate",
      degree: "master",
      businessOperatingMonths: 6,
      trainingHours: 10.5,
      graduationDate: "2018-06-15",
    };
    expect(program(await entitlements("jilin", meets, "2019-06-15"), "operators_test").eligible).toBe(true);
    const fails = {
      category: "veteran",
      degree: "bachelor",
      businessOperatingMonths: 25,
      trainingHours: 100,
      graduationDate: "2017-12-31",
    };
    const unmet = program(await entitlements("jilin", fails, "2019-06-15"), "operators_test").unmet;
    expect(unmet.map((u) => [u.op, u.actual])).toEqual([
      ["eq", "veteran"],
      ["ne", "bachelor"],
      ["in", "bachelor"],
      ["lte", 25],
      ["lt", 100],
      ["onOrAfter", "2017-12-31"],
      ["withinMonths", "2017-12-31"],
    ]);
    const low = program(
      await entitlements("jilin", { ...meets, businessOperatingMonths: 5, trainingHours: 10 }, "2019-06-15"),
      "operators_test",
    ).unmet;
    expect(low.map((u) => u.op)).toEqual(["gte", "gt"]);
    // withinMonths is inclusive at 12 months back, and a day earlier fails
    expect(
      program(
        await entitlements("jilin", { ...meets, graduationDate: "2018-06-15" }, "2019-06-15"),
        "operators_test",
      ).eligible,
    ).toBe(true);
    expect(
      program(
        await entitlements("jilin", { ...meets, graduationDate: "2018-06-14" }, "2019-06-15"),
        "operators_test",
      ).unmet,
    ).toEqual([{ field: "graduationDate", op: "withinMonths", value: 12, actual: "2018-06-14" }]);
  });

  it("refuses unknown profile fields and bad values with 400 naming body.profile.<field>", async () => {
    const unknown = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: { ...GRADUATE_FOUNDER, income: 5000 } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: "body.profile.income" })]);
    const bad = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: { category: "astronaut" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: "body.profile.category" })]);
    const extra = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: {}, tenantId: "jilin" },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: "body.tenantId" })]);
  });

  it("exposes only the calculation", async () => {
    const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["date", "maxLoan", "programs", "tenantId", "totalGrant"]);
    for (const word of ["writtenBy", "writtenAt", "overrides", "eligibility", "city-admin@"])
      expect(res.text).not.toContain(word);
  });
});

describe("effective dating at the boundaries", () => {
  it("a raise entered now with next year's effectiveFrom leaves this year's answers unchanged", async () => {
    const admin = as("jl/province-admin");
    const raise = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/startup_subsidy", {
      ...admin,
      body: { ...demoProgram("startup_subsidy"), params: { amount: 6000 }, effectiveFrom: "2020-01-01" },
    });
    expect(raise.status, raise.text).toBe(200);
    const founder = {
      category: "graduate",
      firstBusiness: true,
      businessOperatingMonths: 12,
      socialInsurancePaid: true,
    };
    const amountOn = async (date?: string) =>
      program(await entitlements("jilin", founder, date), "startup_subsidy").amount;
    expect(await amountOn("2019-06-15")).toBe("5000.00");
    expect(await amountOn("2019-12-31")).toBe("5000.00");
    expect(await amountOn("2020-01-01")).toBe("6000.00");
    // the default date is today in Asia/Shanghai
    setNow("2019-12-31T15:59:59.000Z"); // 23:59:59 on 2019-12-31 in Shanghai
    expect(await amountOn()).toBe("5000.00");
    setNow("2019-12-31T16:00:00.000Z"); // 00:00 on 2020-01-01 in Shanghai (still 2019 in UTC)
    expect(await amountOn()).toBe("6000.00");
    const catalogue = await t.call("GET", "/v1/public/tenants/jilin/subsidies");
    expect(catalogue.body.date).toBe("2020-01-01");
    expect(
      catalogue.body.programs.find((p: { code: string }) => p.code === "startup_subsidy").params.amount,
    ).toBe(6000);
    setNow(NOW);
    const list = await t.call(
      "GET",
      "/v1/provinces/jl/subsidy-programs?date=2019-06-15",
      as("jilin/city-admin"),
    );
    expect(list.body.programs.find((p: { code: string }) => p.code === "startup_subsidy").params.amount).toBe(
      5000,
    );
  });

  it("a top-up applies from its effectiveFrom through its effectiveTo, and not a day outside", async () => {
    const put = await t.call("PUT", "/v1/tenants/jilin/subsidy-top-ups/skill_upgrade_subsidy", {
      ...as("jilin/city-admin"),
      body: {
        overrides: { "tiers.senior": 2500 },
        basis: { document: "吉市人社发〔2019〕5号", clause: "三" },
        effectiveFrom: "2019-07-01",
        effectiveTo: "2019-09-30",
      },
    });
    expect(put.status, put.text).toBe(201);
    const employee = {
      category: "employee",
      unemploymentInsuranceYears: 4,
      certificateLevel: "senior",
      certificateDate: "2019-05-01",
    };
    const on = async (date: string) =>
      program(await entitlements("jilin", employee, date), "skill_upgrade_subsidy");
    const cases: Array<[string, string, string]> = [
      ["2019-06-30", "2000.00", "0.00"],
      ["2019-07-01", "2500.00", "500.00"],
      ["2019-09-30", "2500.00", "500.00"],
      ["2019-10-01", "2000.00", "0.00"],
    ];
    for (const [date, amount, topUp] of cases) {
      const result = await on(date);
      expect([date, result.amount, result.topUpAmount]).toEqual([date, amount, topUp]);
      expect(result.basis.length, date).toBe(topUp === "0.00" ? 1 : 2);
    }
  });

  it("a local program exists only from its effectiveFrom through its effectiveTo", async () => {
    const put = await t.call("PUT", "/v1/tenants/jilin/local-programs/summer_bonus", {
      ...as("jilin/city-admin"),
      body: {
        name: "暑期见习补贴",
        basis: { document: "吉市人社发〔2019〕6号" },
        kind: "fixed",
        benefit: "grant",
        params: { amount: 600.5 },
        eligibility: [],
        effectiveFrom: "2019-07-01",
        effectiveTo: "2019-08-31",
      },
    });
    expect(put.status, put.text).toBe(201);
    const listed = async (date: string) => {
      const res = await t.call("GET", `/v1/public/tenants/jilin/subsidies?date=${date}`);
      return res.body.programs.some((p: { code: string }) => p.code === "summer_bonus");
    };
    expect(await listed("2019-06-30")).toBe(false);
    expect(await listed("2019-07-01")).toBe(true);
    expect(await listed("2019-08-31")).toBe(true);
    expect(await listed("2019-09-01")).toBe(false);
    const result = await entitlements("jilin", {}, "2019-08-31");
    expect(program(result, "summer_bonus")).toMatchObject({
      eligible: true,
      amount: "600.50",
      baselineAmount: "0.00",
    });
  });

  it("is closed-open nowhere: a province version ending on a date yields to the next one the day after", async () => {
    const admin = as("jl/province-admin");
    const base = {
      name: "阶段补贴",
      basis: { document: "测试〔2019〕3号" },
      kind: "fixed",
      benefit: "grant",
      eligibility: [],
    };
    await t.call("PUT", "/v1/provinces/jl/subsidy-programs/phased", {
      ...admin,
      body: { ...base, params: { amount: 100 }, effectiveFrom: "2019-01-01", effectiveTo: "2019-06-30" },
    });
    await t.call("PUT", "/v1/provinces/jl/subsidy-programs/phased", {
      ...admin,
      body: { ...base, params: { amount: 200 }, effectiveFrom: "2019-07-01" },
    });
    const amount = async (date: string) =>
      program(await entitlements("changchun", {}, date), "phased").amount;
    expect(await amount("2019-06-30")).toBe("100.00");
    expect(await amount("2019-07-01")).toBe("200.00");
    const before = await entitlements("changchun", {}, "2018-12-31");
    expect(before.programs.some((p) => p.code === "phased")).toBe(false);
  });
});
