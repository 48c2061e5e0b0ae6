/**
 * Monthly reports over HTTP: versions, If-Match and the audit trail, the business rules, and
 * tenancy. The stack runs in-process, so `setNow` moves the service's one clock.
 */
import { describe, expect, it } from "vitest";
import { setNow } from "../../../shared/lib/clock";
import { type Report, SOURCE, values, YEAR } from "../../support/assessment-data";
import {
  as,
  cityToken,
  putMonthlyReport,
  putReport,
  t,
  useAssessmentStack,
  world,
} from "../../support/assessment-stack";
import type { Problem } from "../../support/responses";
import { expectStatusAs } from "../../support/world";

useAssessmentStack();

describe("reports: versions and the audit trail", () => {
  it("answers 201, then 428 without If-Match, 412 when stale, 400 without a reason; keeps three versions", async () => {
    setNow("2019-02-05T09:00:00+08:00");
    const v1 = await putMonthlyReport("changchun", 1, { who: as("changchun/city-reporter") });
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
    const feb = await putMonthlyReport("changchun", 2, { who: as("changchun/key") });
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
    const jan = await putMonthlyReport("tonghua", 1);
    // January closed on 2019-02-10; report it through an unlock
    expect(jan.status).toBe(423);
    await t.call("POST", `/v1/provinces/jl/years/${YEAR}/unlocks`, {
      ...as("jl/province-admin"),
      body: { tenantId: "tonghua", period: "2019-01", reason: "补报", until: "2019-03-31T00:00:00+08:00" },
    });
    expect((await putMonthlyReport("tonghua", 1)).status).toBe(201);

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
    await expectStatusAs(
      [
        "changchun/city-admin",
        "changchun/city-reporter",
        "changchun/key",
        "shenyang/city-admin",
        "jl/province-admin",
        "jl/province-reviewer",
      ],
      403,
      (label) => t.call("PUT", `/v1/tenants/jilin/years/${YEAR}/reports/2019-02`, { ...as(label), body }),
    );
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
