/**
 * English and Chinese problem details: every problem type has a Chinese title, every schema
 * message its Chinese, field errors name fields by their Chinese labels, and the boundary resolves
 * one language without changing anything else.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { parseWith } from "../../../../functions/http/validation";
import { routeTable } from "../../../../functions/routes";
import { circularDocumentSchema } from "../../../../shared/domain/circular";
import { principalSchema } from "../../../../shared/domain/principal";
import { rulebookSchema } from "../../../../shared/domain/rulebook";
import { programSchema } from "../../../../shared/domain/subsidies/program";
import * as errors from "../../../../shared/lib/errors";
import {
  fieldLabel,
  ROUTE_LABELS,
  withUnit,
  zhDate,
  zhInstant,
  zhPeriod,
} from "../../../../shared/lib/labels";
import { hasChineseFor } from "../../../../shared/lib/zod-text";

const CJK = /[\u4e00-\u9fff]/;
/** two English words in a row: an untranslated phrase (codes, paths and numbers are single tokens) */
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

type ErrorClass = new (detail: errors.Bilingual) => errors.AppError;

const errorClasses = Object.entries(errors as Record<string, unknown>).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === "function" && entry[1].prototype instanceof errors.AppError,
);

const ROOT = join(import.meta.dirname, "../../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const SOURCES = ["shared", "functions", "infra"].flatMap((dir) => sourceFiles(join(ROOT, dir)));

describe("problem types", () => {
  it("enumerates every error class of shared/lib/errors.ts", () => {
    expect(errorClasses.length).toBeGreaterThanOrEqual(14);
  });

  it("declares every subclass of AppError in shared/lib/errors.ts, where the enumeration finds it", () => {
    const elsewhere = SOURCES.filter((file) => !file.endsWith(join("shared", "lib", "errors.ts"))).filter(
      (file) => /class \w+ extends AppError\b/.test(readFileSync(file, "utf8")),
    );
    expect(elsewhere).toEqual([]);
  });

  it.each(errorClasses)("%s has a Chinese title, distinct from every other", (_name, ErrorClass) => {
    const error = new ErrorClass({ en: "x", zh: "某" });
    expect(error.zhTitle).toMatch(CJK);
    expect(error.zhTitle).not.toMatch(ENGLISH_PHRASE);
    const others = errorClasses.filter(([, c]) => c !== ErrorClass).map(([, c]) => new c({ en: "", zh: "" }));
    expect(others.map((o) => o.zhTitle)).not.toContain(error.zhTitle);
    expect(others.map((o) => o.slug)).not.toContain(error.slug);
  });

  it("answers every problem type in Chinese, the 5xx ones with a generic Chinese detail", () => {
    for (const [, ErrorClass] of errorClasses) {
      const error = new ErrorClass({ en: "english detail", zh: "中文说明" });
      const zh = errors.toProblem(error, "zh");
      expect(zh.title).toBe(error.zhTitle);
      expect(zh.detail).toMatch(CJK);
      if (error.status >= 500) expect(zh.detail).not.toContain("中文说明");
      else expect(zh.detail).toBe("中文说明");
      expect(errors.toProblem(error)).toMatchObject({ title: error.title });
    }
    const internal = errors.internalProblem("zh");
    expect(internal.title).toMatch(CJK);
    expect(internal.detail).toMatch(CJK);
    expect(errors.internalProblem()).toMatchObject({ title: "Internal error", type: internal.type });
  });
});

describe("toProblem in one language", () => {
  const error = new errors.BusinessRuleError(
    { en: "the top-up is refused", zh: "提标方案未通过。" },
    {
      errors: [
        errors.fieldError(
          "body.overrides.amount",
          { en: "must be ≥ 5000", zh: "补贴金额不得低于5000元" },
          { baseline: 5000, limit: null },
        ),
      ],
      extensions: { period: "2019-06" },
    },
  );

  it("changes title, detail and messages only; paths, extras and extensions stay", () => {
    const en = errors.toProblem(error, "en");
    const zh = errors.toProblem(error, "zh");
    expect(en).toEqual({
      type: `${errors.PROBLEM_TYPE_BASE}business-rule`,
      title: "The request breaks a business rule",
      status: 422,
      detail: "the top-up is refused",
      errors: [{ path: "body.overrides.amount", message: "must be ≥ 5000", baseline: 5000, limit: null }],
      period: "2019-06",
    });
    expect(zh).toEqual({
      ...en,
      title: "请求不符合业务规则",
      detail: "提标方案未通过。",
      errors: [
        { path: "body.overrides.amount", message: "补贴金额不得低于5000元", baseline: 5000, limit: null },
      ],
    });
    // the field order of an error stays as it was (path, message, extras), in both languages
    expect(Object.keys(en.errors?.[0] ?? {})).toEqual(["path", "message", "baseline", "limit"]);
    expect(Object.keys(zh.errors?.[0] ?? {})).toEqual(["path", "message", "baseline", "limit"]);
  });

  it("keeps the English the default", () => {
    expect(JSON.stringify(errors.toProblem(error))).toBe(JSON.stringify(errors.toProblem(error, "en")));
  });

  it("keeps the English message as the Error's message (logs stay English)", () => {
    expect(error.message).toBe("the top-up is refused");
    expect(error.detail.zh).toBe("提标方案未通过。");
  });
});

describe("Chinese field labels", () => {
  it("names a field by its label, with the parts above it where they say which one", () => {
    expect(fieldLabel("body", ["source"])).toBe("来源");
    expect(fieldLabel("body", ["reason"])).toBe("修改原因");
    expect(fieldLabel("body", ["indicators", 0, "weight"])).toBe("第1项指标的权重");
    expect(fieldLabel("body", ["values", "urban_new_jobs"])).toBe("指标值“urban_new_jobs”");
    expect(fieldLabel("body", ["gradeQuotas", "优秀"])).toBe("等次比例“优秀”");
    expect(fieldLabel("body", ["bonuses", 1, "reason"])).toBe("第2项加分的加分理由");
    expect(fieldLabel("body", ["problems", 2])).toBe("第3条问题");
    expect(fieldLabel("body", ["params", "tiers", 0, "amount"])).toBe("第1档的补贴金额");
    expect(fieldLabel("body", ["profile", "category"])).toBe("人员类别");
    expect(fieldLabel("body", ["overrides", "weights", "jobs"])).toBe("权重“jobs”");
    expect(fieldLabel("path", ["y"])).toBe("年度");
    expect(fieldLabel("query", ["period"])).toBe("统计期");
    expect(fieldLabel("body", [])).toBe("请求体");
    expect(fieldLabel("body", ["colour"])).toBe("“colour”");
  });

  it("takes a route's own labels where a field means something else there", () => {
    expect(fieldLabel("body", ["reason"], ROUTE_LABELS.createUnlock)).toBe("解锁原因");
    expect(fieldLabel("body", ["bonuses", 0, "reason"], ROUTE_LABELS.createUnlock)).toBe(
      "第1项加分的加分理由",
    );
  });

  it("has a label for every body, query and path field of every route", () => {
    const unlabelled = new Set<string>();
    const visit = (
      schema: z.ZodMiniType | undefined,
      location: string,
      at: PropertyKey[],
      seen: Set<unknown>,
    ) => {
      if (!schema || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
      switch (def.type) {
        case "object":
          for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodMiniType>)) {
            const label = fieldLabel(location, [...at, key]);
            if (label.includes(`“${key}”`)) unlabelled.add(`${location}.${[...at, key].join(".")}`);
            visit(value, location, [...at, key], seen);
          }
          return;
        case "array":
          return visit(def.element, location, [...at, 0], seen);
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "readonly":
          return visit(def.innerType, location, at, seen);
        case "pipe":
          return visit(def.in, location, at, seen);
        case "union":
          for (const option of def.options) visit(option, location, at, new Set(seen));
          return;
        case "lazy":
          return visit(def.getter(), location, at, seen);
        default:
          return;
      }
    };
    for (const route of routeTable) {
      visit(route.params, "path", [], new Set());
      visit(route.query, "query", [], new Set());
      visit(route.body, "body", [], new Set());
    }
    expect([...unlabelled].sort()).toEqual([]);
  });
});

describe("Chinese dates, periods and values", () => {
  it("writes them as documents do, in Asia/Shanghai", () => {
    expect(zhDate("2019-07-05")).toBe("2019年7月5日");
    expect(zhPeriod("2019-06")).toBe("2019年6月");
    expect(zhInstant("2019-07-05T01:30:00Z")).toBe("2019年7月5日9时30分");
    expect(zhInstant(new Date("2019-07-05T16:00:00Z"))).toBe("2019年7月6日0时");
    expect(withUnit(1200, "人")).toBe("1200人");
    expect(withUnit(3.5, "％")).toBe("3.5%");
    expect(withUnit(12, undefined)).toBe("12");
  });
});

describe("Chinese validation messages (400)", () => {
  const putReport = routeTable.find((r) => r.operationId === "putReport");
  const createUnlock = routeTable.find((r) => r.operationId === "createUnlock");

  it("names 来源 and 修改原因 in a report's 400s, and each unknown field", () => {
    const body = putReport?.body;
    if (!body) throw new Error("putReport has a body");
    const result = parseWith(body, { values: { urban_new_jobs: "12" }, reason: "", colour: 1 }, "body");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.zh])).toEqual(
      expect.arrayContaining([
        ["body.source", "来源为必填项"],
        ["body.values.urban_new_jobs", "指标值“urban_new_jobs”应为数字"],
        ["body.reason", "修改原因不能为空"],
        ["body.colour", "未知字段“colour”"],
      ]),
    );
    const long = parseWith(body, { values: {}, source: "长".repeat(501) }, "body");
    expect(long.ok ? [] : long.errors.map((e) => e.zh)).toEqual(["来源不能超过500个字符"]);
  });

  it("tells a missing field from one of the wrong type", () => {
    const schema = z.strictObject({ n: z.number() });
    const missing = parseWith(schema, {}, "body");
    const wrong = parseWith(schema, { n: "1" }, "body");
    expect(missing.ok ? "" : missing.errors[0]?.zh).toBe("“n”为必填项");
    expect(wrong.ok ? "" : wrong.errors[0]?.zh).toBe("“n”应为数字");
    // the English is what it always was
    expect(missing.ok ? "" : missing.errors[0]?.message).toBe("expected number");
  });

  it("uses a route's own labels (解锁原因) and the schema's own Chinese (the until format)", () => {
    const body = createUnlock?.body;
    if (!body) throw new Error("createUnlock has a body");
    const result = parseWith(
      body,
      { tenantId: "Changchun", period: "2019-13", reason: "", until: "tomorrow" },
      "body",
      ROUTE_LABELS.createUnlock,
    );
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.zh])).toEqual([
      ["body.tenantId", "单位须为小写字母开头的标识（仅含 a-z、0-9 和 -）"],
      ["body.period", "统计期须为YYYY-MM格式（月份为01至12）"],
      ["body.reason", "解锁原因不能为空"],
      ["body.until", "解锁截止时间须为带时区的 ISO-8601 时间，如2020-01-20T23:59:59+08:00"],
    ]);
  });

  it("names the indicator and the rulebook rule in a rulebook's 400s", () => {
    const result = parseWith(
      rulebookSchema,
      {
        documentNo: "吉就组办〔2020〕1号",
        title: "细则",
        indicators: [
          { code: "jobs", name: "城镇新增就业人数", weight: 0, method: "ratio" },
          { code: "rate", name: "城镇登记失业率", unit: "%", weight: 5, method: "ceiling" },
        ],
        grades: [
          { name: "优秀", minScore: 90 },
          { name: "合格", minScore: 95 },
        ],
        gradeQuotas: { 特优: 0.5 },
        reportingDeadlineDay: 10,
      },
      "body",
    );
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.zh])).toEqual(
      expect.arrayContaining([
        ["body.indicators[0].weight", "第1项指标的权重须大于0"],
        ["body.indicators[1].tolerance", "第2项指标的容差为必填项：控制类（ceiling）指标须设置大于0的容差"],
        ["body.grades[1].minScore", "第2个等次的最低分须低于上一等次“优秀”的最低分90"],
        ["body.grades[1].minScore", "第2个等次的最低分须为0（最后一个等次的最低分为0）"],
        ['body.gradeQuotas["特优"]', "等次比例“特优”无效：没有名为“特优”的等次"],
      ]),
    );
  });
});

type Def = Record<string, any>;
/** zod's wrappers: each holds one schema, its innerType */
const WRAPPERS = ["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"];
/** The schemas directly inside a zod schema, by the type of its def. */
const SCHEMAS_INSIDE: Record<string, (def: Def) => unknown[]> = {
  object: (d) => [...Object.values(d.shape), d.catchall],
  array: (d) => [d.element],
  record: (d) => [d.keyType, d.valueType],
  ...Object.fromEntries(WRAPPERS.map((type) => [type, (d: Def) => [d.innerType]])),
  pipe: (d) => [d.in, d.out],
  union: (d) => d.options,
  intersection: (d) => [d.left, d.right],
  lazy: (d) => [d.getter()],
  tuple: (d) => [...d.items, d.rest],
};

/** Every message a schema gives itself (check and refinement messages), by walking the schema. */
function schemaMessages(root: z.ZodMiniType): Set<string> {
  const messages = new Set<string>();
  const seen = new Set<unknown>();
  const collect = (error: unknown) => {
    if (typeof error !== "function") return;
    const message = (error as (issue: unknown) => unknown)({});
    if (typeof message === "string") messages.add(message);
  };
  const visit = (schema: unknown) => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    const def = (schema as { _zod: { def: Def } })._zod.def;
    collect(def.error);
    for (const check of def.checks ?? []) collect(check._zod.def.error);
    for (const child of SCHEMAS_INSIDE[def.type]?.(def) ?? []) visit(child);
  };
  visit(root);
  return messages;
}

describe("schema messages", () => {
  type Load = () => Promise<unknown>;
  const routes = () => import("../../../../functions/routes").then((m) => m.routeTable);
  /** each schema, loaded afresh: its Chinese must come from building it alone, as in a cold start */
  const schemas: Array<[string, Load]> = [
    ...routeTable.flatMap((r) =>
      (["params", "query", "body"] as const)
        .filter((part) => r[part] !== undefined)
        .map((part): [string, Load] => [
          `${r.operationId} ${part}`,
          async () => (await routes()).find((x) => x.operationId === r.operationId)?.[part],
        ]),
    ),
    ["rulebook", async () => (await import("../../../../shared/domain/rulebook")).rulebookSchema],
    ["overrides", async () => (await import("../../../../shared/domain/scoring")).overridesSchema],
    ["program", async () => (await import("../../../../shared/domain/subsidies/program")).programSchema],
    ["top-up", async () => (await import("../../../../shared/domain/subsidies/top-up")).topUpSchema],
    ["profile", async () => (await import("../../../../shared/domain/subsidies")).profileSchema],
    [
      "subsidy data set",
      async () => (await import("../../../../shared/domain/subsidies/data-set")).subsidyDataSetSchema,
    ],
    ["circular prose", async () => (await import("../../../../shared/domain/circular")).circularProseSchema],
    [
      "circular document",
      async () => (await import("../../../../shared/domain/circular")).circularDocumentSchema,
    ],
    ["principal", async () => (await import("../../../../shared/domain/principal")).principalSchema],
  ];

  it("finds the messages it looks for, and tells a message without Chinese", () => {
    const all = new Set(
      [rulebookSchema, circularDocumentSchema, programSchema, principalSchema].flatMap((s) => [
        ...schemaMessages(s),
      ]),
    );
    expect(all).toContain("weight must be > 0");
    expect(all).toContain("must be a single line");
    expect(all.size).toBeGreaterThan(15);
    const plain = z.strictObject({ a: z.string().check(z.regex(/^a$/, "plain English only")) });
    expect([...schemaMessages(plain)]).toEqual(["plain English only"]);
    expect(hasChineseFor("plain English only")).toBe(false);
  });

  it.each(schemas)(
    "every message of %s has its Chinese, from building that schema alone",
    async (_name, load) => {
      vi.resetModules();
      const schema = await load();
      const fresh = await import("../../../../shared/lib/zod-text");
      expect(fresh.hasChineseFor).not.toBe(hasChineseFor);
      const missing = [...schemaMessages(schema as z.ZodMiniType)].filter((m) => !fresh.hasChineseFor(m));
      expect(missing).toEqual([]);
    },
  );

  it("raises every refinement issue with customIssue (its Chinese in the issue's params)", () => {
    const plain = SOURCES.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\.addIssue\((?!\s*customIssue\()/g)].map(
        (m) => `${file.slice(ROOT.length + 1)} at ${m.index}`,
      ),
    );
    expect(plain).toEqual([]);
  });
});
