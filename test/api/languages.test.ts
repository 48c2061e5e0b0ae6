/**
 * Chinese problem details through the real local stack: a broad set of failing requests — bad
 * path, query and body on every route, and 401, 403, 404, 405, 409, 412, 413, 415, 422, 423, 428,
 * 429 — each sent without Accept-Language, with an English one and with `zh-CN`. The Chinese
 * answer has Chinese title, detail and messages (no English phrase left), the same status, paths,
 * extras and extensions as the English one; the answer without the header is the English one.
 *
 * The tests run in order: the first reads the state the targeted probes need, each later one sends
 * the probes of one kind of refusal (`check` records what differs in `failures`), and the last
 * asserts over everything they sent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { routeTable } from "../../functions/routes";
import type { ApiResponse, CallOptions } from "../support/http";
import {
  apiKey,
  auth,
  check,
  checkEach,
  compared,
  failures,
  statuses,
  sweepRoute,
  t,
  tokens,
  useLanguageStack,
} from "../support/language-probes";

useLanguageStack();

type Report = { period: string; version: number; values: Record<string, number> };

describe("Chinese problem details through the local stack", () => {
  const targetsPath = "/v1/tenants/changchun/years/2019/targets";
  const putTargets = "/v1/provinces/jl/years/2019/targets/changchun";
  const reportPath = "/v1/tenants/changchun/years/2019/reports/2019-05";
  const report = (values: Record<string, number>, extra: Record<string, unknown> = {}) => ({
    values,
    source: "实名制就业信息系统",
    ...extra,
  });
  let admin: CallOptions;
  let reporter: CallOptions;
  let cityAdmin: CallOptions;
  let targets: ApiResponse<{ targets: Record<string, number>; version: number }>;
  let rulebookVersion: number;
  let rulebookBody: Record<string, unknown>;
  let may: Report | undefined;
  let april: Report | undefined;
  let published: string;
  let fewerTargets: Record<string, number>;

  // the state the targeted probes need: the current versions and valid bodies
  beforeAll(async () => {
    admin = auth("jl/province-admin");
    reporter = auth("changchun/city-reporter");
    cityAdmin = auth("changchun/city-admin");
    targets = await t.call<{ targets: Record<string, number>; version: number }>(
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
    const { provinceId: _p, year: _y, version, updatedAt: _u, updatedBy: _b, ...body } = rulebook.body;
    rulebookVersion = version;
    rulebookBody = body;
    const reports = await t.call<{ reports: Report[] }>(
      "GET",
      "/v1/tenants/changchun/years/2019/reports",
      reporter,
    );
    may = reports.body.reports.find((r) => r.period === "2019-05");
    april = reports.body.reports.find((r) => r.period === "2019-04");
    expect(may && april, "the demo has April and May reports").toBeTruthy();
    const circulars = await t.call<{ circulars: Array<{ circularId: string }> }>(
      "GET",
      "/v1/public/provinces/jl/circulars",
    );
    published = circulars.body.circulars[0]?.circularId ?? "";
    const { urban_new_jobs: _jobs, ...rest } = targets.body.targets;
    fewerTargets = rest;
  });

  it("refuses missing or bad credentials (401), other tenants, provinces and roles (403), missing resources (404) and methods (405)", async () => {
    const tampered = `${tokens.get("changchun/city-reporter")?.slice(0, -4)}AAAA`;
    await checkEach([
      { label: "401 no credentials", method: "GET", path: targetsPath, status: 401 },
      {
        label: "401 bad token",
        method: "GET",
        path: targetsPath,
        options: { token: "nonsense" },
        status: 401,
      },
      {
        label: "401 bad header",
        method: "GET",
        path: targetsPath,
        options: { headers: { authorization: "Basic dXNlcjpwYXNz" } },
        status: 401,
      },
      {
        label: "401 unknown key",
        method: "GET",
        path: targetsPath,
        options: { apiKey: "not-a-key" },
        status: 401,
      },
      {
        label: "401 bad signature",
        method: "GET",
        path: targetsPath,
        options: { token: tampered },
        status: 401,
      },
      {
        label: "403 other tenant",
        method: "GET",
        path: targetsPath,
        options: auth("jilin/city-reporter"),
        status: 403,
      },
      {
        label: "403 other province",
        method: "GET",
        path: "/v1/provinces/jl/tenants",
        options: auth("ln/province-admin"),
        status: 403,
      },
      {
        label: "403 role",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/rulebook",
        options: { ...reporter, body: rulebookBody },
        status: 403,
      },
      { label: "404 tenant", method: "GET", path: "/v1/tenants/nowhere", options: admin, status: 404 },
      { label: "404 route", method: "GET", path: "/v1/nothing/here", status: 404 },
      {
        label: "404 rulebook",
        method: "GET",
        path: "/v1/provinces/jl/years/2030/rulebook",
        options: admin,
        status: 404,
      },
      {
        label: "404 run",
        method: "GET",
        path: "/v1/provinces/jl/years/2019/scoring-runs/zzzzzzzzzz",
        options: admin,
        status: 404,
      },
      {
        label: "404 circular",
        method: "GET",
        path: "/v1/public/provinces/jl/circulars/zzzzzzzzzz",
        status: 404,
      },
      { label: "404 province", method: "GET", path: "/v1/public/provinces/xx/circulars", status: 404 },
      { label: "404 local", method: "GET", path: "/local/nothing", status: 404 },
      { label: "405", method: "DELETE", path: "/v1/health", status: 405 },
      { label: "405 put", method: "PUT", path: "/v1/openapi.json", status: 405 },
    ]);
  }, 120_000);

  it("refuses writes to frozen or published things (409), stale versions (412) and writes without If-Match (428)", async () => {
    await checkEach([
      {
        label: "409 frozen rulebook",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/rulebook",
        options: { ...admin, body: rulebookBody, ifMatch: rulebookVersion },
        status: 409,
      },
      {
        label: "409 approve a published circular",
        method: "POST",
        path: `/v1/provinces/jl/years/2019/circulars/${published}/approve`,
        options: admin,
        status: 409,
      },
      {
        label: "409 edit a published circular",
        method: "PATCH",
        path: `/v1/provinces/jl/years/2019/circulars/${published}`,
        options: { ...admin, body: { closing: "特此通报。" }, ifMatch: 1 },
        status: 409,
      },
      {
        label: "412 stale targets",
        method: "PUT",
        path: putTargets,
        options: { ...admin, body: { targets: targets.body.targets }, ifMatch: targets.body.version + 7 },
        status: 412,
      },
      {
        label: "428 targets",
        method: "PUT",
        path: putTargets,
        options: { ...admin, body: { targets: targets.body.targets } },
        status: 428,
      },
      {
        label: "412 stale report",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-06",
        options: { ...reporter, body: report({ urban_new_jobs: 1 }, { reason: "更正" }), ifMatch: 3 },
        status: 412,
      },
    ]);
  }, 120_000);

  it("refuses bodies and requests too large (413) and bodies not JSON (415)", async () => {
    await checkEach([
      {
        label: "413 body",
        method: "PUT",
        path: reportPath,
        options: { ...reporter, body: report({}, { reason: "长".repeat(100_000) }) },
        status: 413,
      },
      {
        label: "413 request",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          rawBody: "x".repeat(7 * 1024 * 1024),
          headers: { "content-type": "application/json" },
        },
        status: 413,
      },
      {
        label: "415",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          rawBody: "source=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        status: 415,
      },
    ]);
  }, 120_000);

  it("refuses what breaks the rules (422, naming indicators, programs and rules) and malformed programs and what-ifs (400)", async () => {
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
    await checkEach([
      {
        label: "422 a cumulative value decreasing",
        method: "PUT",
        path: reportPath,
        options: {
          ...reporter,
          body: report({ ...may?.values, urban_new_jobs: lower }, { reason: "更正" }),
          ifMatch: may?.version,
        },
        status: 422,
      },
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
        status: 422,
      },
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
        status: 422,
      },
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
        status: 422,
      },
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
        status: 400,
      },
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
        status: 422,
      },
      {
        label: "422 scoring without a rulebook",
        method: "POST",
        path: "/v1/provinces/jl/years/2030/scoring-runs",
        options: admin,
        status: 422,
      },
      {
        label: "422 review of unknown items",
        method: "PUT",
        path: "/v1/provinces/jl/years/2019/reviews/changchun",
        options: {
          ...auth("jl/province-reviewer"),
          body: { items: { nope: 3, policy_implementation: 99 } },
          ifMatch: 1,
        },
        status: 422,
      },
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
        status: 422,
      },
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
        status: 400,
      },
      {
        label: "400 what-if rulebook",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/scoring-runs?dryRun=true",
        options: { ...admin, body: { overrides: { weights: { urban_new_jobs: 0 } } } },
        status: 400,
      },
    ]);
  }, 120_000);

  it("refuses reports for a closed and a not yet open period (423)", async () => {
    await checkEach([
      {
        label: "423 closed",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-04",
        options: {
          ...reporter,
          body: report(april?.values ?? {}, { reason: "补报" }),
          ifMatch: april?.version,
        },
        status: 423,
      },
      {
        label: "423 not yet open",
        method: "PUT",
        path: "/v1/tenants/changchun/years/2019/reports/2019-07",
        options: { ...reporter, body: report({ urban_new_jobs: 1 }) },
        status: 423,
      },
    ]);
  }, 120_000);

  it("refuses what the services find wrong (400)", async () => {
    await checkEach([
      {
        label: "400 revision without a reason",
        method: "PUT",
        path: reportPath,
        options: { ...reporter, body: report(may?.values ?? {}), ifMatch: may?.version },
        status: 400,
      },
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
        status: 400,
      },
      {
        label: "400 rollup period",
        method: "GET",
        path: "/v1/provinces/jl/years/2019/rollup?period=2018-05",
        options: admin,
        status: 400,
      },
      {
        label: "400 overrides without dryRun",
        method: "POST",
        path: "/v1/provinces/jl/years/2019/scoring-runs",
        options: { ...admin, body: { overrides: {} } },
        status: 400,
      },
      {
        label: "400 program code differs",
        method: "PUT",
        path: "/v1/provinces/jl/subsidy-programs/startup_subsidy",
        options: { ...admin, body: { code: "other_code" } },
        status: 400,
      },
      {
        label: "400 cursor",
        method: "GET",
        path: "/v1/provinces/jl/tenants?cursor=abc",
        options: admin,
        status: 400,
      },
      {
        label: "400 local token",
        method: "POST",
        path: "/local/token",
        options: { body: { sub: "x", role: "emperor", extra: 1 } },
        status: 400,
      },
      {
        label: "400 local token scope",
        method: "POST",
        path: "/local/token",
        options: { body: { sub: "x", role: "city-admin" } },
        status: 400,
      },
      {
        label: "400 local clock",
        method: "PUT",
        path: "/local/clock",
        options: { rawBody: "{", headers: { "content-type": "application/json" } },
        status: 400,
      },
    ]);
  }, 120_000);

  it("refuses an integration key over its rate (429)", async () => {
    let limited = 0;
    for (let i = 0; i < 40 && limited !== 429; i++)
      limited = (await t.call("GET", targetsPath, { apiKey })).status;
    expect(limited).toBe(429);
    await check({ label: "429", method: "GET", path: targetsPath, options: { apiKey } }, 429);
  }, 120_000);

  it("sends every route a bad path, a bad query and bad bodies", async () => {
    for (const route of routeTable) await sweepRoute(route);
  }, 600_000);

  it("answers every kind of refusal in Chinese when asked, and in English otherwise", () => {
    expect(failures).toEqual([]);
    for (const status of [400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 423, 428, 429])
      expect(statuses.get(status) ?? 0, `answers with ${status}`).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(400);
  });
});
