/**
 * Chinese problem details through the real local stack: a broad set of failing requests — bad
 * path, query and body on every route, and 401, 403, 404, 405, 409, 412, 413, 415, 422, 423, 428,
 * 429 — each sent without Accept-Language, with an English one and with `zh-CN`. The Chinese
 * answer has Chinese title, detail and messages (no English phrase left), the same status, paths,
 * extras and extensions as the English one; the answer without the header is the English one.
 */
import { describe, expect, it } from "vitest";
import { routeTable } from "../../functions/routes";
import {
  apiKey,
  auth,
  check,
  compared,
  failures,
  statuses,
  sweepRoute,
  t,
  tokens,
  useLanguageStack,
} from "../support/language-probes";

useLanguageStack();

describe("Chinese problem details through the local stack", () => {
  it("answers every kind of refusal in Chinese when asked, and in English otherwise", async () => {
    const admin = auth("jl/province-admin");
    const reporter = auth("changchun/city-reporter");
    const cityAdmin = auth("changchun/city-admin");

    // ---- state the targeted probes need: the current versions and valid bodies
    const targets = await t.call<{ targets: Record<string, number>; version: number }>(
      "GET",
      "/v1/tenants/changchun/years/2019/targets",
      reporter,
    );
    expect(targets.status, targets.text).toBe(200);
    const rulebook = await t.call<Record<string, unknown> & { version: number }>(
      "GET",
      "/v1/provinces/jl/years/2019/rulebook",
      admin,
    );
    expect(rulebook.status).toBe(200);
    const {
      provinceId: _p,
      year: _y,
      version: rulebookVersion,
      updatedAt: _u,
      updatedBy: _b,
      ...rulebookBody
    } = rulebook.body;
    const reports = await t.call<{
      reports: Array<{ period: string; version: number; values: Record<string, number> }>;
    }>("GET", "/v1/tenants/changchun/years/2019/reports", reporter);
    const may = reports.body.reports.find((r) => r.period === "2019-05");
    const april = reports.body.reports.find((r) => r.period === "2019-04");
    expect(may && april, "the demo has April and May reports").toBeTruthy();
    const circulars = await t.call<{ circulars: Array<{ circularId: string }> }>(
      "GET",
      "/v1/public/provinces/jl/circulars",
    );
    const published = circulars.body.circulars[0]?.circularId ?? "";
    const { urban_new_jobs: _jobs, ...fewerTargets } = targets.body.targets;
    const report = (values: Record<string, number>, extra: Record<string, unknown> = {}) => ({
      values,
      source: "实名制就业信息系统",
      ...extra,
    });

    // ---- 401, 403, 404, 405
    const targetsPath = "/v1/tenants/changchun/years/2019/targets";
    await check({ label: "401 no credentials", method: "GET", path: targetsPath }, 401);
    await check(
      { label: "401 bad token", method: "GET", path: targetsPath, options: { token: "nonsense" } },
      401,
    );
    await check(
      {
        label: "401 bad header",
        method: "GET",
        path: targetsPath,
        options: { headers: { authorization: "Basic dXNlcjpwYXNz" } },
      },
      401,
    );
    await check(
      { label: "401 unknown key", method: "GET", path: targetsPath, options: { apiKey: "not-a-key" } },
      401,
    );
    const tampered = `${tokens.get("changchun/city-reporter")?.slice(0, -4)}AAAA`;
    await check(
      { label: "401 bad signature", method: "GET", path: targetsPath, options: { token: tampered } },
      401,
    );
    await check(
      { label: "403 other tenant", method: "GET", path: targetsPath, options: auth("jilin/city-reporter") },
      403,
    );
    await check(
      {
        label: "403 other province",
        method: "GET",
        path: "/v1/provinces/jl/tenants",
        options: auth("ln/province-admin"),
      },
      403,
    );
    await check(
      {
        label: "403 role",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/rulebook",
        options: { ...reporter, body: rulebookBody },
      },
      403,
    );
    await check({ label: "404 tenant", method: "GET", path: "/v1/tenants/nowhere", options: admin }, 404);
    await check({ label: "404 route", method: "GET", path: "/v1/nothing/here" }, 404);
    await check(
      { label: "404 rulebook", method: "GET", path: "/v1/provinces/jl/years/2030/rulebook", options: admin },
      404,
    );
    await check(
      {
        label: "404 run",
        method: "GET",
        path: "/v1/provinces/jl/years/2019/scoring-runs/zzzzzzzzzz",
        options: admin,
      },
      404,
    );
    await check(
      { label: "404 circular", method: "GET", path: "/v1/public/provinces/jl/circulars/zzzzzzzzzz" },
      404,
    );
    await check({ label: "404 province", method: "GET", path: "/v1/public/provinces/xx/circulars" }, 404);
    await check({ label: "404 local", method: "GET", path: "/local/nothing" }, 404);
    await check({ label: "405", method: "DELETE", path: "/v1/health" }, 405);
    await check({ label: "405 put", method: "PUT", path: "/v1/openapi.json" }, 405);

    // ---- 409, 412, 428
    await check(
      {
        label: "409 frozen rulebook",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/rulebook",
        options: { ...admin, body: rulebookBody, ifMatch: rulebookVersion },
      },
      409,
    );
    await check(
      {
        label: "409 approve a published circular",
        method: "POST",
        path: `/v1/provinces/jl/years/2019/circulars/${published}/approve`,
        options: admin,
      },
      409,
    );
    await check(
      {
        label: "409 edit a published circular",
        method: "PATCH",
        path: `/v1/provinces/jl/years/2019/circulars/${published}`,
        options: { ...admin, body: { closing: "特此通报。" }, ifMatch: 1 },
      },
      409,
    );
    const putTargets = "/v1/provinces/jl/years/2019/targets/changchun";
    await check(
      {
        label: "412 stale targets",
        method: "PUT",
        path: putTargets,
        options: { ...admin, body: { targets: targets.body.targets }, ifMatch: targets.body.version + 7 },
      },
      412,
    );
    await check(
      {
        label: "428 targets",
        method: "PUT",
        path: putTargets,
        options: { ...admin, body: { targets: targets.body.targets } },
      },
      428,
    );
    await check(
      {
        label: "412 stale report",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-06",
        options: { ...reporter, body: report({ urban_new_jobs: 1 }, { reason: "更正" }), ifMatch: 3 },
      },
      412,
    );

    // ---- 413, 415
    const reportPath = "/v1/tenants/changchun/years/2019/reports/2019-05";
    await check(
      {
        label: "413 body",
        method: "PUT",
        path: reportPath,
        options: { ...reporter, body: report({}, { reason: "长".repeat(100_000) }) },
      },
      413,
    );
    await check(
      {
        label: "413 request",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          rawBody: "x".repeat(7 * 1024 * 1024),
          headers: { "content-type": "application/json" },
        },
      },
      413,
    );
    await check(
      {
        label: "415",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          rawBody: "source=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      },
      415,
    );

    // ---- 422, naming indicators, programs and rules
    const missingTargets = await check(
      {
        label: "422 targets missing an indicator",
        method: "PUT",
        path: putTargets,
        options: {
          ...admin,
          body: { targets: { ...fewerTargets, made_up: 5 } },
          ifMatch: targets.body.version,
        },
      },
      422,
    );
    expect(missingTargets).toBe(422);
    const lower = (may?.values.urban_new_jobs ?? 0) > 0 ? (april?.values.urban_new_jobs ?? 1) - 1 : 0;
    await check(
      {
        label: "422 a cumulative value decreasing",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          body: report({ ...may?.values, urban_new_jobs: lower }, { reason: "更正" }),
          ifMatch: may?.version,
        },
      },
      422,
    );
    await check(
      {
        label: "422 values out of range",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          body: report(
            { registered_unemployment_rate: 130, urban_new_jobs: -5, made_up: 1 },
            { reason: "更正" },
          ),
          ifMatch: may?.version,
        },
      },
      422,
    );
    await check(
      {
        label: "422 top-up below the baseline",
        method: "PUT",
        path: "/v1/tenants/changchun/subsidy-top-ups/startup_subsidy",
        options: {
          ...cityAdmin,
          body: {
            overrides: { amount: 1, "tiers.x": 5 },
            basis: { document: "长政发〔2019〕1号" },
            effectiveFrom: "2019-01-01",
          },
        },
      },
      422,
    );
    await check(
      {
        label: "422 local program with a provincial code",
        method: "PUT",
        path: "/v1/tenants/changchun/local-programs/startup_subsidy",
        options: {
          ...cityAdmin,
          body: {
            name: "长春市创业补贴",
            basis: { document: "长政发〔2019〕1号" },
            kind: "fixed",
            benefit: "grant",
            params: { amount: 100 },
            eligibility: [],
            effectiveFrom: "2019-01-01",
          },
        },
      },
      422,
    );
    const program = (tiers: unknown[], extra: Record<string, unknown> = {}) => ({
      name: "新项目",
      basis: { document: "吉政发〔2019〕1号" },
      kind: "tiered",
      benefit: "grant",
      params: { tiers },
      eligibility: [],
      effectiveFrom: "2019-01-01",
      ...extra,
    });
    const programPath = "/v1/provinces/jl/subsidy-programs/new_program";
    await check(
      {
        label: "400 program conditions",
        method: "PUT",
        path: programPath,
        options: {
          ...admin,
          body: program([
            { key: "a", when: [{ field: "category", op: "eq", value: "nobody" }], amount: 1 },
            { key: "b", when: [{ field: "category", op: "gte", value: 3 }], amount: 2.001 },
          ]),
        },
      },
      400,
    );
    await check(
      {
        label: "422 program rules",
        method: "PUT",
        path: programPath,
        options: {
          ...admin,
          body: program(
            [
              { key: "a", when: [], amount: 1 },
              { key: "a", when: [], amount: 2 },
            ],
            { topUpLimits: { amount: { max: 5 }, "tiers.a": { max: 0.5 } }, effectiveTo: "2018-01-01" },
          ),
        },
      },
      422,
    );
    await check(
      {
        label: "422 scoring without a rulebook",
        method: "POST",
        path: "/v1/provinces/jl/years/2030/scoring-runs",
        options: admin,
      },
      422,
    );
    await check(
      {
        label: "422 review of unknown items",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/reviews/changchun",
        options: {
          ...auth("jl/province-reviewer"),
          body: { items: { nope: 3, policy_implementation: 99 } },
          ifMatch: 1,
        },
      },
      422,
    );
    await check(
      {
        label: "422 circular from an unknown run",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/circulars",
        options: {
          ...admin,
          body: {
            runId: "zzzzzzzzzz",
            documentNo: "吉政函〔2020〕34号",
            issueDate: "2020-04-16",
            addressees: "各市（州）人民政府",
            opening: "",
            problems: [],
            closing: "",
            disclosure: "public",
          },
        },
      },
      422,
    );
    await check(
      {
        label: "400 what-if overrides",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/scoring-runs?dryRun=true",
        options: {
          ...admin,
          body: {
            overrides: {
              weights: { nope: 1, urban_new_jobs: 0 },
              thresholds: { 卓越: 1 },
              targets: { nobody: {} },
            },
          },
        },
      },
      400,
    );
    await check(
      {
        label: "400 what-if rulebook",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/scoring-runs?dryRun=true",
        options: { ...admin, body: { overrides: { weights: { urban_new_jobs: 0 } } } },
      },
      400,
    );

    // ---- 423: a closed and a not yet open period
    await check(
      {
        label: "423 closed",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-04",
        options: {
          ...reporter,
          body: report(april?.values ?? {}, { reason: "补报" }),
          ifMatch: april?.version,
        },
      },
      423,
    );
    await check(
      {
        label: "423 not yet open",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-07",
        options: { ...reporter, body: report({ urban_new_jobs: 1 }) },
      },
      423,
    );

    // ---- 400s the services raise
    await check(
      {
        label: "400 revision without a reason",
        method: "PUT",
        path: reportPath,
        options: { ...reporter, body: report(may?.values ?? {}), ifMatch: may?.version },
      },
      400,
    );
    await check(
      {
        label: "400 unlock in the past",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/unlocks",
        options: {
          ...admin,
          body: {
            tenantId: "changchun",
            period: "2018-04",
            reason: "系统故障",
            until: "2019-01-01T00:00:00+08:00",
          },
        },
      },
      400,
    );
    await check(
      {
        label: "400 rollup period",
        method: "GET",
        path: "/v1/provinces/jl/years/2019/rollup?period=2018-05",
        options: admin,
      },
      400,
    );
    await check(
      {
        label: "400 overrides without dryRun",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/scoring-runs",
        options: { ...admin, body: { overrides: {} } },
      },
      400,
    );
    await check(
      {
        label: "400 program code differs",
        method: "PUT",
        path: "/v1/provinces/jl/subsidy-programs/startup_subsidy",
        options: { ...admin, body: { code: "other_code" } },
      },
      400,
    );
    await check(
      { label: "400 cursor", method: "GET", path: "/v1/provinces/jl/tenants?cursor=abc", options: admin },
      400,
    );
    await check(
      {
        label: "400 local token",
        method: "POST",
        path: "/local/token",
        options: { body: { sub: "x", role: "emperor", extra: 1 } },
      },
      400,
    );
    await check(
      {
        label: "400 local token scope",
        method: "POST",
        path: "/local/token",
        options: { body: { sub: "x", role: "city-admin" } },
      },
      400,
    );
    await check(
      {
        label: "400 local clock",
        method: "PUT",
        path: "/local/clock",
        options: { rawBody: "{", headers: { "content-type": "application/json" } },
      },
      400,
    );

    // ---- 429: an integration key over its rate
    let limited = 0;
    for (let i = 0; i < 40 && limited !== 429; i++)
      limited = (await t.call("GET", targetsPath, { apiKey })).status;
    expect(limited).toBe(429);
    await check({ label: "429", method: "GET", path: targetsPath, options: { apiKey } }, 429);

    // ---- every route: a bad path, a bad query, bad bodies
    for (const route of routeTable) await sweepRoute(route);

    expect(failures).toEqual([]);
    for (const status of [400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 423, 428, 429])
      expect(statuses.get(status) ?? 0, `answers with ${status}`).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(400);
  }, 600_000);
});
