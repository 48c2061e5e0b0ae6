/**
 * The assessment cycle over HTTP: rulebook, targets, monthly reports (deadlines, unlocks, If-Match,
 * the audit trail, business rules), highlights, reviews and the rollup's guards — and who may do what.
 * The stack runs in-process, so `setNow` moves the service's one clock.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys";
import { highlightsOfProvinceYear } from "../../shared/data/stores/highlights";
import { setNow } from "../../shared/lib/clock";
import { loadFixture } from "../support/fixture";
import type { ResponseOf } from "../support/responses";
import { startTestStack, type TestStack } from "../support/stack";
import { auth, buildWorld, type World } from "../support/world";

const fixture = loadFixture();
const rulebook = fixture.rulebook;
const YEAR = 2019;

/** Fixture values of a unit for a month (the tests' tenants borrow the fixture units' numbers). */
const values = (unit: string, month: number): Record<string, number> => {
  const v = fixture.reports[unit]?.[`2019-${String(month).padStart(2, "0")}`];
  if (!v) throw new Error(`no fixture report for ${unit} ${month}`);
  return { ...v };
};

let t: TestStack;
let world: World;
/** Extra tenants of jl, one per scenario, so scenarios do not share report histories. */
const EXTRA = ["siping", "liaoyuan", "tonghua", "baishan", "songyuan"] as const;
const tokens = new Map<string, string>();

const as = (label: string) => auth(world.get(label));
const cityToken = (tenantId: string, role: "city-admin" | "city-reporter" = "city-reporter") => {
  const token = tokens.get(`${tenantId}/${role}`);
  if (!token) throw new Error(`no token for ${tenantId}/${role}`);
  return { token };
};

type Problem = { status: number; detail: string; errors?: Array<Record<string, unknown> & { path: string }> };
type Report = ResponseOf<"putReport">;

function putReport(
  who: { token?: string; apiKey?: string },
  tenantId: string,
  period: string,
  body: Record<string, unknown>,
  ifMatch?: number,
) {
  return t.call<Report & Problem>("PUT", `/v1/tenants/${tenantId}/years/${YEAR}/reports/${period}`, {
    ...who,
    body,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  });
}

const SOURCE = "实名制就业信息系统";

beforeAll(async () => {
  t = await startTestStack();
  world = await buildWorld(t);
  const admin = as("jl/province-admin");
  let order = 10;
  for (const tenantId of EXTRA) {
    const res = await t.call("PUT", `/v1/provinces/jl/tenants/${tenantId}`, {
      ...admin,
      body: { name: `${tenantId}市`, authorityName: `${tenantId}市政府`, displayOrder: order++ },
    });
    expect(res.status).toBe(201);
  }
  for (const tenantId of ["changchun", "jilin", ...EXTRA]) {
    for (const role of ["city-admin", "city-reporter"] as const) {
      tokens.set(`${tenantId}/${role}`, await t.token(role, { provinceId: "jl", tenantId }));
    }
  }
  const put = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/rulebook`, { ...admin, body: rulebook });
  expect(put.status, put.text).toBe(201);
  for (const tenantId of ["changchun", "jilin", ...EXTRA]) {
    const res = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/${tenantId}`, {
      ...admin,
      body: { targets: fixture.targets.changchun },
    });
    expect(res.status, res.text).toBe(201);
  }
});
afterEach(() => setNow(null));
afterAll(async () => t?.stop());

describe("rulebook", () => {
  it("publishes version 1 (201), needs If-Match to replace it (428, 412) and keeps every version", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2021/rulebook";
    const first = await t.call("PUT", path, { ...admin, body: rulebook });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ provinceId: "jl", year: 2021, version: 1, title: rulebook.title });
    expect(first.headers.get("etag")).toBe('"1"');

    const changed = { ...rulebook, title: "2021年度考评细则（修订）" };
    expect((await t.call("PUT", path, { ...admin, body: changed })).status).toBe(428);
    expect((await t.call("PUT", path, { ...admin, body: changed, ifMatch: 9 })).status).toBe(412);
    const second = await t.call("PUT", path, { ...admin, body: changed, ifMatch: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, title: "2021年度考评细则（修订）" });

    const current = await t.call("GET", path, as("jl/province-reviewer"));
    expect(current.status).toBe(200);
    expect(current.headers.get("etag")).toBe('"2"');
    expect(current.body).toMatchObject({
      version: 2,
      title: "2021年度考评细则（修订）",
      reportingDeadlineDay: 10,
    });
    expect(current.body.indicators).toEqual(rulebook.indicators);

    const versions = await t.call<{ versions: Array<{ version: number; title: string }> }>(
      "GET",
      `${path}/versions`,
      as("jl/province-reviewer"),
    );
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v) => [v.version, v.title])).toEqual([
      [1, rulebook.title],
      [2, "2021年度考评细则（修订）"],
    ]);
  });

  it("is readable by every role of the province, and by no one else", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/rulebook`;
    for (const label of [
      "jl/province-admin",
      "jl/province-reviewer",
      "changchun/city-admin",
      "jilin/city-reporter",
      "changchun/key",
    ]) {
      const res = await t.call("GET", path, as(label));
      expect(res.status, label).toBe(200);
    }
    for (const label of ["ln/province-admin", "shenyang/city-admin", "shenyang/key"]) {
      expect((await t.call("GET", path, as(label))).status, label).toBe(403);
    }
    expect((await t.call("GET", `${path}/versions`, as("changchun/city-admin"))).status).toBe(403);
    expect(
      (await t.call("GET", "/v1/provinces/jl/years/2030/rulebook", as("jl/province-admin"))).status,
    ).toBe(404);
  });

  it("validates the rulebook exactly as shared/domain/scoring/scoring.md says, naming each field path (400)", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2025/rulebook";
    const shape = await t.call<Problem>("PUT", path, {
      ...admin,
      body: {
        ...rulebook,
        indicators: [
          {
            code: "urban_new_jobs",
            name: "城镇新增就业人数",
            unit: "人",
            weight: 0,
            method: "ratio",
            cap: 3,
          },
        ],
        reviewItems: [{ code: "info_system_use", name: "就业信息管理系统应用", maxScore: 0 }],
        reportingDeadlineDay: 32,
        surprise: true,
      },
    });
    expect(shape.status).toBe(400);
    expect((shape.body.errors ?? []).map((e) => e.path)).toEqual(
      expect.arrayContaining([
        "body.indicators[0].weight",
        "body.indicators[0].cap",
        "body.reviewItems[0].maxScore",
        "body.reportingDeadlineDay",
        "body.surprise",
      ]),
    );

    const rules = await t.call<Problem>("PUT", path, {
      ...admin,
      body: {
        ...rulebook,
        indicators: [
          { code: "urban_new_jobs", name: "城镇新增就业人数", unit: "人", weight: 15, method: "ratio" },
          {
            code: "registered_unemployment_rate",
            name: "城镇登记失业率",
            unit: "%",
            weight: 8,
            method: "ceiling",
          },
          { code: "urban_new_jobs", name: "重复", weight: 1, method: "ratio" },
        ],
        grades: [
          { name: "优秀", minScore: 90 },
          { name: "良好", minScore: 95 },
          { name: "良好", minScore: 70 },
          { name: "不合格", minScore: 10 },
        ],
        gradeQuotas: { 优秀: 1.5, 不合格: 0.1, 不存在: 0.1 },
      },
    });
    expect(rules.status).toBe(400);
    expect((rules.body.errors ?? []).map((e) => e.path).sort()).toEqual(
      [
        "body.indicators[1].tolerance",
        "body.indicators[2].code",
        "body.grades[1].minScore",
        "body.grades[2].name",
        "body.grades[3].minScore",
        'body.gradeQuotas["优秀"]',
        'body.gradeQuotas["不合格"]',
        'body.gradeQuotas["不存在"]',
      ].sort(),
    );
    expect((await t.call("GET", path, admin)).status).toBe(404);
  });

  it("is frozen (409) once a circular of its year is published", async () => {
    const admin = as("jl/province-admin");
    const path = "/v1/provinces/jl/years/2022/rulebook";
    expect((await t.call("PUT", path, { ...admin, body: rulebook })).status).toBe(201);
    // the circular feature marks the year when it publishes; do it by hand here
    await t.stack.db.doc.send(
      new PutCommand({
        TableName: t.stack.db.table,
        Item: { ...keys.yearState("jl", 2022), type: "YearState", publishedCircularId: "circ000000001" },
      }),
    );
    const refused = await t.call<Problem>("PUT", path, {
      ...admin,
      body: { ...rulebook, title: "改" },
      ifMatch: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    // without If-Match too: 409, not 428 (an If-Match would not help)
    expect((await t.call("PUT", path, { ...admin, body: { ...rulebook, title: "改" } })).status).toBe(409);
    const current = await t.call("GET", path, admin);
    expect(current.body).toMatchObject({ version: 1, title: rulebook.title });
    const versions = await t.call<{ versions: unknown[] }>("GET", `${path}/versions`, admin);
    expect(versions.body.versions).toHaveLength(1);
    // a year without a rulebook that is already published is frozen too
    await t.stack.db.doc.send(
      new PutCommand({
        TableName: t.stack.db.table,
        Item: { ...keys.yearState("jl", 2023), type: "YearState", publishedCircularId: "circ000000002" },
      }),
    );
    expect(
      (await t.call("PUT", "/v1/provinces/jl/years/2023/rulebook", { ...admin, body: rulebook })).status,
    ).toBe(409);
  });

  it("may be published by the province admin only", async () => {
    for (const label of [
      "jl/province-reviewer",
      "changchun/city-admin",
      "changchun/key",
      "ln/province-admin",
    ]) {
      const res = await t.call("PUT", "/v1/provinces/jl/years/2026/rulebook", {
        ...as(label),
        body: rulebook,
      });
      expect(res.status, label).toBe(403);
    }
  });
});

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
    for (const label of [
      "jl/province-reviewer",
      "changchun/city-admin",
      "changchun/key",
      "ln/province-admin",
    ]) {
      const res = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/changchun`, {
        ...as(label),
        body,
        ifMatch: 1,
      });
      expect(res.status, label).toBe(403);
    }
    const foreign = await t.call("PUT", `/v1/provinces/jl/years/${YEAR}/targets/shenyang`, {
      ...as("jl/province-admin"),
      body,
    });
    expect(foreign.status).toBe(404);
  });

  it("is readable by the city itself, its integration key and the province — never by another city", async () => {
    for (const label of [
      "changchun/city-admin",
      "changchun/city-reporter",
      "changchun/key",
      "jl/province-reviewer",
    ]) {
      const res = await t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as(label));
      expect(res.status, label).toBe(200);
      expect(res.body).toMatchObject({ tenantId: "changchun", year: YEAR, version: 1 });
      expect(res.body.targets).toEqual(fixture.targets.changchun);
    }
    for (const label of ["jilin/city-admin", "jilin/key", "shenyang/city-admin"]) {
      const res = await t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as(label));
      expect(res.status, label).toBe(403);
      expect(res.text).not.toContain("160000");
    }
    expect(
      (await t.call("GET", `/v1/tenants/changchun/years/${YEAR}/targets`, as("ln/province-admin"))).status,
    ).toBe(404);
    expect(
      (await t.call("GET", "/v1/tenants/changchun/years/2030/targets", as("changchun/city-admin"))).status,
    ).toBe(404);
  });
});

describe("reports: the reporting window", () => {
  it("accepts a report on the deadline day and locks the period the day after (423)", async () => {
    setNow("2019-04-10T23:59:00+08:00");
    const onTime = await putReport(cityToken("siping"), "siping", "2019-03", {
      values: values("siping", 3),
      source: SOURCE,
    });
    expect(onTime.status, onTime.text).toBe(201);
    expect(onTime.body).toMatchObject({ tenantId: "siping", period: "2019-03", version: 1, late: false });
    expect(onTime.body.submittedAt).toBe("2019-04-10T15:59:00.000Z");

    setNow("2019-04-11T00:00:00+08:00");
    const first = await putReport(cityToken("liaoyuan"), "liaoyuan", "2019-03", {
      values: values("liaoyuan", 3),
      source: SOURCE,
    });
    expect(first.status).toBe(423);
    expect(first.headers.get("content-type")).toContain("application/problem+json");
    const revision = await putReport(
      cityToken("siping"),
      "siping",
      "2019-03",
      { values: values("siping", 3), source: SOURCE, reason: "更正" },
      1,
    );
    expect(revision.status).toBe(423);
  });

  it("refuses a month that has not begun (423) and accepts the current month", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const future = await putReport(cityToken("siping"), "siping", "2019-05", {
      values: values("siping", 5),
      source: SOURCE,
    });
    expect(future.status).toBe(423);
    const current = await putReport(cityToken("siping"), "siping", "2019-04", {
      values: values("siping", 4),
      source: SOURCE,
    });
    expect(current.status).toBe(201);
    expect(current.body.late).toBe(false);
  });

  it("reopens a locked period with an unlock (accepted, flagged late) until the unlock expires", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const locked = await putReport(cityToken("liaoyuan"), "liaoyuan", "2019-02", {
      values: values("liaoyuan", 2),
      source: SOURCE,
    });
    expect(locked.status).toBe(423);

    const unlock = await t.call("POST", `/v1/provinces/jl/years/${YEAR}/unlocks`, {
      ...as("jl/province-admin"),
      body: {
        tenantId: "liaoyuan",
        period: "2019-02",
        reason: "系统故障补报",
        until: "2019-04-20T23:59:59+08:00",
      },
    });
    expect(unlock.status, unlock.text).toBe(201);
    expect(unlock.body).toMatchObject({
      tenantId: "liaoyuan",
      period: "2019-02",
      reason: "系统故障补报",
      until: "2019-04-20T15:59:59.000Z",
      unlockedBy: "province-admin@jl",
      createdAt: "2019-04-15T02:00:00.000Z",
    });

    const late = await putReport(cityToken("liaoyuan"), "liaoyuan", "2019-02", {
      values: values("liaoyuan", 2),
      source: SOURCE,
    });
    expect(late.status, late.text).toBe(201);
    expect(late.body.late).toBe(true);
    // other periods and other tenants stay locked
    expect(
      (
        await putReport(cityToken("liaoyuan"), "liaoyuan", "2019-01", {
          values: values("liaoyuan", 1),
          source: SOURCE,
        })
      ).status,
    ).toBe(423);
    expect(
      (
        await putReport(cityToken("tonghua"), "tonghua", "2019-02", {
          values: values("tonghua", 2),
          source: SOURCE,
        })
      ).status,
    ).toBe(423);

    setNow("2019-04-21T00:00:00+08:00");
    const expired = await putReport(
      cityToken("liaoyuan"),
      "liaoyuan",
      "2019-02",
      { values: values("liaoyuan", 2), source: SOURCE, reason: "再次更正" },
      1,
    );
    expect(expired.status).toBe(423);
    const history = await t.call<{ versions: Report[] }>(
      "GET",
      `/v1/tenants/liaoyuan/years/${YEAR}/reports/2019-02/versions`,
      as("jl/province-reviewer"),
    );
    expect(history.body.versions.map((v) => [v.version, v.late])).toEqual([[1, true]]);
  });

  it("checks unlock requests: the tenant must be the province's, the period of the year, until in the future", async () => {
    setNow("2019-04-15T10:00:00+08:00");
    const admin = as("jl/province-admin");
    const path = `/v1/provinces/jl/years/${YEAR}/unlocks`;
    const body = {
      tenantId: "liaoyuan",
      period: "2019-01",
      reason: "补报",
      until: "2019-04-30T00:00:00+08:00",
    };
    expect((await t.call("POST", path, { ...admin, body: { ...body, tenantId: "shenyang" } })).status).toBe(
      404,
    );
    expect((await t.call("POST", path, { ...admin, body: { ...body, tenantId: "nowhere" } })).status).toBe(
      404,
    );
    const wrongPeriod = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, period: "2020-01" },
    });
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.body.errors?.map((e) => e.path)).toContain("body.period");
    const past = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, until: "2019-04-01T00:00:00Z" },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors?.map((e) => e.path)).toContain("body.until");
    const notInstant = await t.call<Problem>("POST", path, {
      ...admin,
      body: { ...body, until: "next week" },
    });
    expect(notInstant.status).toBe(400);
    for (const label of ["jl/province-reviewer", "liaoyuan/city-admin", "ln/province-admin"]) {
      const who = label === "liaoyuan/city-admin" ? cityToken("liaoyuan", "city-admin") : as(label);
      expect((await t.call("POST", path, { ...who, body })).status, label).toBe(403);
    }
  });
});

describe("reports: versions and the audit trail", () => {
  it("answers 201, then 428 without If-Match, 412 when stale, 400 without a reason; keeps three versions", async () => {
    setNow("2019-02-05T09:00:00+08:00");
    const v1 = await putReport(as("changchun/city-reporter"), "changchun", "2019-01", {
      values: values("changchun", 1),
      source: SOURCE,
    });
    expect(v1.status).toBe(201);
    expect(v1.headers.get("etag")).toBe('"1"');
    expect(v1.body).toMatchObject({
      tenantId: "changchun",
      year: YEAR,
      period: "2019-01",
      version: 1,
      source: SOURCE,
      submittedBy: "city-reporter@changchun",
      submittedAt: "2019-02-05T01:00:00.000Z",
      late: false,
    });
    expect(v1.body.values).toEqual(values("changchun", 1));
    expect(v1.body.reason).toBeUndefined();

    const revised = {
      values: { ...values("changchun", 1), urban_new_jobs: 14500 },
      source: SOURCE,
      reason: "补录遗漏人员",
    };
    expect((await putReport(as("changchun/city-admin"), "changchun", "2019-01", revised)).status).toBe(428);
    expect((await putReport(as("changchun/city-admin"), "changchun", "2019-01", revised, 2)).status).toBe(
      412,
    );
    const noReason = await putReport(
      as("changchun/city-admin"),
      "changchun",
      "2019-01",
      { values: revised.values, source: SOURCE },
      1,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.path)).toEqual(["body.reason"]);

    setNow("2019-02-06T10:30:00+08:00");
    const v2 = await putReport(as("changchun/city-admin"), "changchun", "2019-01", revised, 1);
    expect(v2.status).toBe(200);
    expect(v2.headers.get("etag")).toBe('"2"');
    expect(v2.body).toMatchObject({
      version: 2,
      reason: "补录遗漏人员",
      submittedBy: "city-admin@changchun",
    });

    setNow("2019-02-07T08:00:00+08:00");
    const key = world.get("changchun/key").apiKey ?? "";
    const keyId = key.split(".")[2];
    const v3 = await putReport(
      { apiKey: key },
      "changchun",
      "2019-01",
      {
        values: { ...revised.values, hard_to_employ_employed: 1610 },
        source: "长春市人社业务系统接口",
        reason: "系统同步",
      },
      2,
    );
    expect(v3.status, v3.text).toBe(200);
    expect(v3.body).toMatchObject({ version: 3, submittedBy: `apikey:${keyId}` });

    const history = await t.call<{ versions: Report[] }>(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports/2019-01/versions`,
      as("changchun/city-reporter"),
    );
    expect(history.status).toBe(200);
    expect(
      history.body.versions.map((v) => ({
        version: v.version,
        reason: v.reason,
        submittedBy: v.submittedBy,
        submittedAt: v.submittedAt,
        late: v.late,
        urban: v.values.urban_new_jobs,
        source: v.source,
      })),
    ).toEqual([
      {
        version: 1,
        reason: undefined,
        submittedBy: "city-reporter@changchun",
        submittedAt: "2019-02-05T01:00:00.000Z",
        late: false,
        urban: values("changchun", 1).urban_new_jobs,
        source: SOURCE,
      },
      {
        version: 2,
        reason: "补录遗漏人员",
        submittedBy: "city-admin@changchun",
        submittedAt: "2019-02-06T02:30:00.000Z",
        late: false,
        urban: 14500,
        source: SOURCE,
      },
      {
        version: 3,
        reason: "系统同步",
        submittedBy: `apikey:${keyId}`,
        submittedAt: "2019-02-07T00:00:00.000Z",
        late: false,
        urban: 14500,
        source: "长春市人社业务系统接口",
      },
    ]);
  });

  it("lets exactly one of two concurrent revisions with the same If-Match win; no version is lost", async () => {
    setNow("2019-02-08T09:00:00+08:00");
    const before = await t.call<{ reports: Report[] }>(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports`,
      as("changchun/city-admin"),
    );
    const current = before.body.reports.find((r) => r.period === "2019-01");
    expect(current?.version).toBe(3);
    const revise = (n: number) =>
      putReport(
        as("changchun/city-admin"),
        "changchun",
        "2019-01",
        {
          values: { ...values("changchun", 1), urban_new_jobs: 14500 + n },
          source: SOURCE,
          reason: `并发修订 ${n}`,
        },
        3,
      );
    const outcomes = await Promise.all([revise(1), revise(2)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 412]);
    const winner = outcomes.find((o) => o.status === 200);

    const history = await t.call<{ versions: Report[] }>(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports/2019-01/versions`,
      as("jl/province-admin"),
    );
    expect(history.body.versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(history.body.versions[3]?.reason).toBe(winner?.body.reason);
    const after = await t.call<{ reports: Report[] }>(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports`,
      as("changchun/city-admin"),
    );
    expect(after.body.reports.find((r) => r.period === "2019-01")).toEqual(winner?.body);
  });

  it("lists the latest version of every period in period order; 404 for the history of an unreported period", async () => {
    setNow("2019-03-05T09:00:00+08:00");
    const feb = await putReport(as("changchun/key"), "changchun", "2019-02", {
      values: values("changchun", 2),
      source: SOURCE,
    });
    expect(feb.status).toBe(201);
    const list = await t.call<{ reports: Report[] }>(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports`,
      as("changchun/key"),
    );
    expect(list.status).toBe(200);
    expect(list.body.reports.map((r) => [r.period, r.version])).toEqual([
      ["2019-01", 4],
      ["2019-02", 1],
    ]);
    const none = await t.call(
      "GET",
      `/v1/tenants/changchun/years/${YEAR}/reports/2019-07/versions`,
      as("changchun/key"),
    );
    expect(none.status).toBe(404);
  });
});

describe("reports: business rules", () => {
  it("refuses a cumulative count below the previous period (422 naming the indicator and both values)", async () => {
    setNow("2019-03-05T09:00:00+08:00");
    const jan = await putReport(cityToken("tonghua"), "tonghua", "2019-01", {
      values: values("tonghua", 1),
      source: SOURCE,
    });
    // January closed on 2019-02-10; report it through an unlock
    expect(jan.status).toBe(423);
    await t.call("POST", `/v1/provinces/jl/years/${YEAR}/unlocks`, {
      ...as("jl/province-admin"),
      body: { tenantId: "tonghua", period: "2019-01", reason: "补报", until: "2019-03-31T00:00:00+08:00" },
    });
    expect(
      (
        await putReport(cityToken("tonghua"), "tonghua", "2019-01", {
          values: values("tonghua", 1),
          source: SOURCE,
        })
      ).status,
    ).toBe(201);

    const janJobs = values("tonghua", 1).urban_new_jobs ?? 0;
    const decreased = await putReport(cityToken("tonghua"), "tonghua", "2019-02", {
      values: { ...values("tonghua", 2), urban_new_jobs: janJobs - 1 },
      source: SOURCE,
    });
    expect(decreased.status).toBe(422);
    expect(decreased.body.errors).toEqual([
      expect.objectContaining({
        path: "body.values.urban_new_jobs",
        indicator: "urban_new_jobs",
        value: janJobs - 1,
        previousPeriod: "2019-01",
        previousValue: janJobs,
      }),
    ]);
    expect(decreased.body.errors?.[0]?.message).toContain(String(janJobs));
    expect(decreased.body.errors?.[0]?.message).toContain(String(janJobs - 1));

    // rates may go down; the same report with a lower rate is fine
    const ok = await putReport(cityToken("tonghua"), "tonghua", "2019-02", {
      values: { ...values("tonghua", 2), registered_unemployment_rate: 1.2 },
      source: SOURCE,
    });
    expect(ok.status).toBe(201);

    // revising January above February breaks the sequence from the other side
    const above = await putReport(
      cityToken("tonghua"),
      "tonghua",
      "2019-01",
      {
        values: { ...values("tonghua", 1), urban_new_jobs: (values("tonghua", 2).urban_new_jobs ?? 0) + 1 },
        source: SOURCE,
        reason: "更正",
      },
      1,
    );
    expect(above.status).toBe(422);
    expect(above.body.errors?.[0]).toMatchObject({
      path: "body.values.urban_new_jobs",
      nextPeriod: "2019-02",
    });
  });

  it("refuses rates over 100, negative counts and unknown codes (422), non-numbers (400)", async () => {
    setNow("2019-03-05T09:00:00+08:00");
    const who = cityToken("baishan");
    const rate = await putReport(who, "baishan", "2019-02", {
      values: { zero_employment_family_assistance_rate: 100.5 },
      source: SOURCE,
    });
    expect(rate.status).toBe(422);
    expect(rate.body.errors?.map((e) => e.path)).toEqual([
      "body.values.zero_employment_family_assistance_rate",
    ]);

    const unknown = await putReport(who, "baishan", "2019-02", {
      values: { urban_new_jobs: 10, made_up_indicator: 1, registered_unemployment_rate: -1 },
      source: SOURCE,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.map((e) => e.path)).toEqual([
      "body.values.made_up_indicator",
      "body.values.registered_unemployment_rate",
    ]);

    const negative = await putReport(who, "baishan", "2019-02", {
      values: { urban_new_jobs: -3 },
      source: SOURCE,
    });
    expect(negative.status).toBe(422);

    const text = await putReport(who, "baishan", "2019-02", {
      values: { urban_new_jobs: "12" },
      source: SOURCE,
    });
    expect(text.status).toBe(400);
    expect(text.body.errors?.map((e) => e.path)).toEqual(["body.values.urban_new_jobs"]);

    const noSource = await putReport(who, "baishan", "2019-02", { values: { urban_new_jobs: 12 } });
    expect(noSource.status).toBe(400);
    expect(noSource.body.errors?.map((e) => e.path)).toEqual(["body.source"]);
    const longSource = await putReport(who, "baishan", "2019-02", {
      values: { urban_new_jobs: 12 },
      source: "源".repeat(501),
    });
    expect(longSource.status).toBe(400);

    // nothing was stored by the refused requests
    expect(
      (await t.call("GET", `/v1/tenants/baishan/years/${YEAR}/reports/2019-02/versions`, who)).status,
    ).toBe(404);

    // a report may leave out indicators not yet known
    const partial = await putReport(who, "baishan", "2019-02", {
      values: { urban_new_jobs: 12 },
      source: SOURCE,
    });
    expect(partial.status).toBe(201);
    expect(partial.body.values).toEqual({ urban_new_jobs: 12 });
  });

  it("needs a period of the path's year (400) and a rulebook for the year (422)", async () => {
    setNow("2019-03-05T09:00:00+08:00");
    const who = cityToken("baishan");
    const wrongYear = await t.call<Problem>("PUT", `/v1/tenants/baishan/years/${YEAR}/reports/2020-01`, {
      ...who,
      body: { values: {}, source: SOURCE },
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.errors?.map((e) => e.path)).toEqual(["path.period"]);
    const badMonth = await t.call<Problem>("PUT", `/v1/tenants/baishan/years/${YEAR}/reports/2019-13`, {
      ...who,
      body: { values: {}, source: SOURCE },
    });
    expect(badMonth.status).toBe(400);
    setNow("2024-03-05T09:00:00+08:00");
    const noRulebook = await t.call<Problem>("PUT", "/v1/tenants/baishan/years/2024/reports/2024-02", {
      ...who,
      body: { values: { urban_new_jobs: 1 }, source: SOURCE },
    });
    expect(noRulebook.status).toBe(422);
  });
});

describe("reports: tenancy", () => {
  it("keeps a city to its own reports, and integration keys to their tenant", async () => {
    setNow("2019-03-05T09:00:00+08:00");
    const body = { values: values("jilin", 2), source: SOURCE };
    for (const label of [
      "changchun/city-admin",
      "changchun/city-reporter",
      "changchun/key",
      "shenyang/city-admin",
      "jl/province-admin",
      "jl/province-reviewer",
    ]) {
      const res = await t.call("PUT", `/v1/tenants/jilin/years/${YEAR}/reports/2019-02`, {
        ...as(label),
        body,
      });
      expect(res.status, label).toBe(403);
    }
    const own = await t.call("PUT", `/v1/tenants/jilin/years/${YEAR}/reports/2019-02`, {
      ...as("jilin/key"),
      body,
    });
    expect(own.status).toBe(201);
    for (const path of [
      `/v1/tenants/jilin/years/${YEAR}/reports`,
      `/v1/tenants/jilin/years/${YEAR}/reports/2019-02/versions`,
    ]) {
      for (const label of ["changchun/city-admin", "changchun/key", "shenyang/city-reporter"]) {
        const res = await t.call("GET", path, as(label));
        expect(res.status, `${label} ${path}`).toBe(403);
        expect(res.text).not.toContain(SOURCE);
      }
      expect((await t.call("GET", path, as("ln/province-admin"))).status).toBe(404);
      expect((await t.call("GET", path, as("jl/province-reviewer"))).status).toBe(200);
      expect((await t.call("GET", path, as("jilin/city-reporter"))).status).toBe(200);
    }
  });
});

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
    for (const label of [
      "changchun/city-reporter",
      "changchun/key",
      "jilin/city-admin",
      "jl/province-admin",
      "shenyang/city-admin",
    ]) {
      const res = await t.call("PUT", path, { ...as(label), body: { employment: "x" }, ifMatch: 2 });
      expect(res.status, label).toBe(403);
    }
    for (const label of ["jilin/city-admin", "jilin/city-reporter", "shenyang/city-admin"]) {
      const res = await t.call("GET", path, as(label));
      expect(res.status, label).toBe(403);
      expect(res.text).not.toContain("长春市……");
    }
    expect((await t.call("GET", path, as("changchun/city-reporter"))).status).toBe(200);
    expect(
      (await t.call("GET", `/v1/tenants/jilin/years/${YEAR}/highlights`, as("jilin/city-admin"))).status,
    ).toBe(404);
  });
});

describe("reviews", () => {
  const review = fixture.reviews.changchun;

  it("are written by reviewers and admins, checked against the rulebook, versioned", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/reviews/changchun`;
    const first = await t.call("PUT", path, { ...as("jl/province-reviewer"), body: review });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      tenantId: "changchun",
      version: 1,
      reviewedBy: "province-reviewer@jl",
    });
    expect(first.body.items).toEqual(review?.items);

    const tooHigh = await t.call<Problem>("PUT", path, {
      ...as("jl/province-reviewer"),
      body: { ...review, items: { ...review?.items, info_system_use: 10.5, unknown_item: 1 } },
      ifMatch: 1,
    });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.errors?.map((e) => e.path)).toEqual([
      "body.items.info_system_use",
      "body.items.unknown_item",
    ]);

    const badShape = await t.call<Problem>("PUT", path, {
      ...as("jl/province-reviewer"),
      body: { items: {}, bonuses: [{ points: 0, reason: "x" }], deductions: [{ points: 1 }], veto: {} },
      ifMatch: 1,
    });
    expect(badShape.status).toBe(400);
    expect(badShape.body.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.bonuses[0].points", "body.deductions[0].reason", "body.veto.reason"]),
    );

    expect((await t.call("PUT", path, { ...as("jl/province-admin"), body: review })).status).toBe(428);
    const vetoed = { ...review, veto: { reason: "发生重大就业领域群体性事件" } };
    const second = await t.call("PUT", path, { ...as("jl/province-admin"), body: vetoed, ifMatch: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, reviewedBy: "province-admin@jl", veto: vetoed.veto });

    const read = await t.call("GET", path, as("jl/province-admin"));
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"2"');
    const noRulebook = await t.call("PUT", "/v1/provinces/jl/years/2024/reviews/changchun", {
      ...as("jl/province-reviewer"),
      body: review,
    });
    expect(noRulebook.status).toBe(422);
  });

  it("are the province's: cities and keys can neither write nor read them", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/reviews/jilin`;
    for (const label of ["jilin/city-admin", "jilin/key", "ln/province-reviewer"]) {
      expect((await t.call("PUT", path, { ...as(label), body: review })).status, label).toBe(403);
      expect(
        (await t.call("GET", `/v1/provinces/jl/years/${YEAR}/reviews/changchun`, as(label))).status,
        label,
      ).toBe(403);
    }
  });
});

describe("rollup guards", () => {
  it("is for province roles only", async () => {
    const path = `/v1/provinces/jl/years/${YEAR}/rollup`;
    for (const label of [
      "changchun/city-admin",
      "changchun/city-reporter",
      "changchun/key",
      "ln/province-admin",
    ]) {
      const res = await t.call("GET", path, as(label));
      expect(res.status, label).toBe(403);
      expect(res.text).not.toContain("changchun");
    }
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
