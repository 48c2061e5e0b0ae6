/**
 * The language probes of test/api/languages.test.ts: the local stack with the demo, tokens of every
 * role and an integration key; `check` sends a probe without Accept-Language, in English and in
 * Chinese and records what differs in `failures`; `sweepRoute` sends a route bad paths, queries
 * and bodies. A test file calls `useLanguageStack()` once; `t`, `apiKey` and `compared` are live
 * bindings.
 */
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, expect } from "vitest";
import * as z from "zod/mini";
import type { RouteSpec } from "../../functions/http/route";
import { pathParamNames } from "../../functions/http/route";
import type { Role } from "../../shared/domain/principal";
import { setNow } from "../../shared/lib/clock";
import type { CallOptions } from "./http";
import { fuzzArbitrary } from "./json-schema-arbitrary";
import type { Problem } from "./responses";
import { samplePath } from "./route-samples";
import { startTestStack, type TestStack } from "./stack";

const CJK = /[\u4e00-\u9fff]/;
/** two English words in a row, once quoted values are taken out: an untranslated phrase */
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}[\s,;]+[A-Za-z]{2,}\b/;
const ZH = "zh-CN,zh;q=0.9,en;q=0.5";
const EN = "en-US,en;q=0.9";
/** the demo's reporting season: May is open (until 10 June), April closed, July not yet open */
const NOW = "2019-06-05T09:00:00+08:00";
const TARGET = { provinceId: "jl", tenantId: "changchun" };

/** A request to send in every language; its label names it in `failures`. */
export interface Probe {
  label: string;
  method: string;
  path: string;
  options?: CallOptions;
}

/** A probe and the status it must be answered with. */
export type ExpectedProbe = Probe & { status: number };

export let t: TestStack;
export const tokens = new Map<string, string>();
export let apiKey = "";
export const failures: string[] = [];
export const statuses = new Map<number, number>();
const recorded: Array<{
  label: string;
  method: string;
  path: string;
  status: number;
  text: string;
  zh?: string;
}> = [];
export let compared = 0;

export function auth(label: string): CallOptions {
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
export async function check(probe: Probe, expected?: number): Promise<number> {
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

/** `check` each probe, in order, against the status it names. */
export async function checkEach(probes: readonly ExpectedProbe[]): Promise<void> {
  for (const { status, ...probe } of probes) await check(probe, status);
}

async function mint(label: string, role: Role, scope: { provinceId?: string; tenantId?: string } = {}) {
  tokens.set(label, await t.token(role, { ...scope, sub: `${label}@test` }));
}

export function useLanguageStack(): void {
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
}

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

export async function sweepRoute(route: RouteSpec): Promise<void> {
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
