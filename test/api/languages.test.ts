/**
 * Chinese problem details through the real local stack: a broad set of failing requests — bad
 * path, query and body on every route, and 401, 403, 404, 405, 409, 412, 413, 415, 422, 423, 428,
 * 429 — each sent without Accept-Language, with an English one and with `zh-CN`. The Chinese
 * answer has Chinese title, detail and messages (no English phrase left), the same status, paths,
 * extras and extensions as the English one; the answer without the header is the English one.
 */
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import type { RouteSpec } from "../../functions/http/route";
import { pathParamNames } from "../../functions/http/route";
import { routeTable } from "../../functions/routes";
import type { Role } from "../../shared/domain/principal";
import { setNow } from "../../shared/lib/clock";
import type { CallOptions } from "../support/http";
import { fuzzArbitrary } from "../support/json-schema-arbitrary";
import type { Problem } from "../support/responses";
import { samplePath } from "../support/route-samples";
import { startTestStack, type TestStack } from "../support/stack";

const CJK = /[\u4e00-\u9fff]/;
/** two English words in a row, once quoted values are taken out: an untranslated phrase */
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}[\s,;]+[A-Za-z]{2,}\b/;
const ZH = "zh-CN,zh;q=0.9,en;q=0.5";
const EN = "en-US,en;q=0.9";
/** the demo's reporting season: May is open (until 10 June), April closed, July not yet open */
const NOW = "2019-06-05T09:00:00+08:00";
const TARGET = { provinceId: "jl", tenantId: "changchun" };

interface Probe {
  label: string;
  method: string;
  path: string;
  options?: CallOptions;
}

let t: TestStack;
const tokens = new Map<string, string>();
let apiKey = "";
const failures: string[] = [];
const statuses = new Map<number, number>();
const recorded: Array<{
  label: string;
  method: string;
  path: string;
  status: number;
  text: string;
  zh?: string;
}> = [];
let compared = 0;

function auth(label: string): CallOptions {
  const token = tokens.get(label);
  if (!token) throw new Error(`no token ${label}`);
  return { token };
}

/** A credential that may call `route` on 长春 / 吉林省 (its first listed role). */
function allowed(route: RouteSpec): CallOptions {
  if (route.access === "public") return {};
  const role = route.access.roles[0];
  if (role === "platform-admin") return auth("platform");
  if (role === "integration") return { apiKey };
  return auth(role?.startsWith("city") ? `changchun/${role}` : `jl/${role}`);
}

/** Chinese, and no English phrase once quoted values, paths and codes are taken out. */
function chineseProblem(text: unknown): string | undefined {
  if (typeof text !== "string" || !CJK.test(text)) return `not Chinese: ${JSON.stringify(text)}`;
  const bare = text
    .replace(/“[^”]*”/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/'[^']*'/g, "");
  return ENGLISH_PHRASE.test(bare) ? `English left in: ${JSON.stringify(text)}` : undefined;
}

/** The body without its texts: what must be the same in every language. */
function withoutTexts(problem: Problem): unknown {
  const { title: _t, detail: _d, errors, ...rest } = problem;
  return { ...rest, errors: errors?.map(({ message: _m, ...e }) => e) };
}

async function call(probe: Probe, language?: string) {
  const headers = { ...(probe.options?.headers ?? {}), ...(language ? { "accept-language": language } : {}) };
  return t.call<Problem>(probe.method, probe.path, { ...probe.options, headers });
}

/** Send the probe without the header, in English and in Chinese, and compare the answers. */
async function check(probe: Probe, expected?: number): Promise<number> {
  const plain = await call(probe);
  const name = `${probe.label}: ${probe.method} ${probe.path} → ${plain.status}`;
  if (expected !== undefined && plain.status !== expected) {
    failures.push(`${name}: expected ${expected}: ${plain.text.slice(0, 300)}`);
    return plain.status;
  }
  if (plain.status < 400) return plain.status;
  recorded.push({
    label: probe.label,
    method: probe.method,
    path: probe.path,
    status: plain.status,
    text: plain.text,
  });
  const [en, zh] = [await call(probe, EN), await call(probe, ZH)];
  const entry = recorded[recorded.length - 1];
  if (entry) entry.zh = zh.text;
  const fail = (why: string) => failures.push(`${name}: ${why}`);
  if (en.status !== plain.status || zh.status !== plain.status) {
    fail(`statuses differ: ${en.status} ${zh.status}`);
    return plain.status;
  }
  statuses.set(plain.status, (statuses.get(plain.status) ?? 0) + 1);
  compared++;
  if (!plain.headers.get("content-type")?.includes("application/problem+json")) fail("not problem+json");
  if (en.text !== plain.text) fail(`English differs from no header:\n${en.text}\n${plain.text}`);
  if (plain.headers.get("content-language") !== "en")
    fail(`content-language ${plain.headers.get("content-language")}`);
  if (zh.headers.get("content-language") !== "zh-CN")
    fail(`zh content-language ${zh.headers.get("content-language")}`);
  for (const r of [plain, zh])
    if (!/accept-language/i.test(r.headers.get("vary") ?? "")) fail(`vary: ${r.headers.get("vary")}`);
  if (CJK.test(plain.body.title)) fail(`English title is Chinese: ${plain.body.title}`);
  for (const [field, text] of [
    ["title", zh.body.title],
    ["detail", zh.body.detail],
    ...(zh.body.errors ?? []).map((e, i) => [`errors[${i}].message`, e.message] as const),
  ] as const) {
    const problem = chineseProblem(text);
    if (problem) fail(`${field} ${problem}`);
  }
  const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path);
  if (JSON.stringify(paths(zh.body)) !== JSON.stringify(paths(plain.body)))
    fail(`paths differ: ${paths(zh.body)} vs ${paths(plain.body)}`);
  if (JSON.stringify(withoutTexts(zh.body)) !== JSON.stringify(withoutTexts(plain.body)))
    fail(`more than the texts differ:\n${zh.text}\n${plain.text}`);
  return plain.status;
}

async function mint(label: string, role: Role, scope: { provinceId?: string; tenantId?: string } = {}) {
  tokens.set(label, await t.token(role, { ...scope, sub: `${label}@test` }));
}

beforeAll(async () => {
  t = await startTestStack({ seedDemo: true, apiKeyRatePerMinute: 30 });
  setNow(NOW);
  await mint("platform", "platform-admin");
  await mint("jl/province-admin", "province-admin", { provinceId: "jl" });
  await mint("jl/province-reviewer", "province-reviewer", { provinceId: "jl" });
  await mint("ln/province-admin", "province-admin", { provinceId: "ln" });
  for (const tenantId of ["changchun", "jilin"]) {
    await mint(`${tenantId}/city-admin`, "city-admin", { provinceId: "jl", tenantId });
    await mint(`${tenantId}/city-reporter`, "city-reporter", { provinceId: "jl", tenantId });
  }
  const key = await t.call<{ key: string }>("POST", "/v1/tenants/changchun/api-keys", {
    ...auth("changchun/city-admin"),
    body: { name: "人社信息系统" },
  });
  expect(key.status, key.text).toBe(201);
  apiKey = key.body.key;
}, 180_000);

afterAll(async () => {
  if (process.env.LANG_SWEEP_DUMP)
    writeFileSync(process.env.LANG_SWEEP_DUMP, JSON.stringify(recorded, null, 1));
  await t?.stop();
});

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

const BAD_PATH: Record<string, string> = {
  p: "Bad_Province",
  t: "Not A Tenant",
  y: "19x9",
  period: "2019-13",
  keyId: "nope",
  runId: "!!",
  c: "!!",
  code: "Bad-Code",
};

const BAD_QUERY: Record<string, string> = {
  limit: "abc",
  cursor: "c".repeat(3000),
  period: "2019-13",
  format: "pdf",
  dryRun: "maybe",
  date: "2019-02-30",
};

function jsonSchema(schema: z.ZodMiniType | undefined): Record<string, unknown> | undefined {
  return schema
    ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>)
    : undefined;
}

/** A value of the wrong JSON type for a property of this schema. */
function wrongType(schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.type;
  if (type === "string") return 12345;
  if (type === "number" || type === "integer") return "一百";
  if (type === "boolean") return "yes";
  if (type === "array") return { not: "a list" };
  return "not an object";
}

async function sweepRoute(route: RouteSpec): Promise<void> {
  const credential = allowed(route);
  const path = samplePath(route, TARGET);
  const name = `${route.method} ${route.path}`;
  for (const param of pathParamNames(route.path)) {
    const bad = BAD_PATH[param] ?? "!!";
    const segments = route.path.split("/");
    const actual = path.split("/");
    const at = segments.indexOf(`{${param}}`);
    actual[at] = encodeURIComponent(bad);
    await check({
      label: `${name} bad path ${param}`,
      method: route.method,
      path: actual.join("/"),
      options: credential,
    });
  }
  const queryNames = route.query ? Object.keys((jsonSchema(route.query)?.properties ?? {}) as object) : [];
  await check({
    label: `${name} unknown query`,
    method: route.method,
    path: `${path}?zzz=1`,
    options: credential,
  });
  for (const key of queryNames) {
    const value = BAD_QUERY[key] ?? "!!";
    await check({
      label: `${name} bad query ${key}`,
      method: route.method,
      path: `${path}?${key}=${encodeURIComponent(value)}`,
      options: credential,
    });
  }
  if (!route.body) {
    if (route.method !== "GET")
      await check({
        label: `${name} unexpected body`,
        method: route.method,
        path,
        options: { ...credential, body: { a: 1 } },
      });
    return;
  }
  const schema = jsonSchema(route.body);
  const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const bodies: unknown[] = [
    {},
    { zzUnknown: 1 },
    Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, wrongType(s)])),
    [],
    null,
    "just a string",
  ];
  for (const [i, body] of bodies.entries())
    await check({
      label: `${name} bad body ${i}`,
      method: route.method,
      path,
      options: { ...credential, body },
    });
  await check({
    label: `${name} malformed JSON`,
    method: route.method,
    path,
    options: { ...credential, rawBody: '{"a": ', headers: { "content-type": "application/json" } },
  });
  // fuzzed bodies (mostly valid shapes with broken parts); any that succeed are simply not compared
  for (const [i, body] of fc.sample(fuzzArbitrary(schema), { numRuns: 12, seed: 2019 }).entries())
    await check({
      label: `${name} fuzzed body ${i}`,
      method: route.method,
      path,
      options: { ...credential, body },
    });
}
