/**
 * The Chinese of zod's validation failures. zod/mini ships no messages (it keeps bundles small), so
 * the English is written from the issue codes in `functions/http/validation.ts` and the Chinese
 * here, each as the field's Chinese label (`labels.ts`) followed by what is wrong with it:
 * 来源为必填项, 第1项指标的权重须大于0, 来源不能超过500个字符, 未知字段“colour”.
 *
 * A schema's own message has its Chinese beside it:
 * - a check's message: `z.gt(0, zodMessage("weight must be > 0", "须大于0"))` — the English is the
 *   message zod reports, the Chinese (what is wrong, without the field's name) is looked up by it;
 * - a refinement's issue: `ctx.addIssue(customIssue(path, { en: "…", zh: "…" }))` — the Chinese
 *   travels in the issue's `params`.
 * A message without Chinese falls back to the Chinese of its issue code, and the unit test
 * `every schema message has its Chinese` fails.
 */
import type * as z from "zod/mini";
import type { Bilingual } from "./errors";
import { fieldLabel } from "./labels";

type Issue = z.core.$ZodIssue;

/** Chinese of each check message, keyed by its English; filled as schemas are built (static texts only). */
const CHECK_MESSAGES = new Map<string, string>();

/** A check's message in both languages: returns the English for zod, remembers the Chinese for it. */
export function zodMessage(en: string, zh: string): string {
  CHECK_MESSAGES.set(en, zh);
  return en;
}

/** Whether a check message has its Chinese (for the test that walks every schema). */
export function hasChineseFor(en: string): boolean {
  return CHECK_MESSAGES.has(en);
}

/** A refinement's issue with its text in both languages (`ctx.addIssue(customIssue(…))`). */
export function customIssue(
  path: PropertyKey[],
  text: Bilingual,
  extra: { input?: unknown; abort?: boolean } = {},
): {
  code: "custom";
  path: PropertyKey[];
  message: string;
  params: { zh: string };
  input?: unknown;
  abort?: boolean;
} {
  return { code: "custom", path, message: text.en, params: { zh: text.zh }, ...extra };
}

/**
 * For a refinement: a check that reports every key already seen (`duplicate code 'x'`, “x”与前面的指标重复),
 * `what` naming the key in English and saying in Chinese what it repeats (`{ en: "code", zh: "与前面的指标" }`).
 */
export function repeatCheck(
  ctx: { addIssue(issue: ReturnType<typeof customIssue>): void },
  what: Bilingual,
): (key: string, path: PropertyKey[]) => void {
  const seen = new Set<string>();
  return (key, path) => {
    if (seen.has(key))
      ctx.addIssue(customIssue(path, { en: `duplicate ${what.en} '${key}'`, zh: `“${key}”${what.zh}重复` }));
    seen.add(key);
  };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "文本",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "布尔值（true 或 false）",
  object: "对象",
  record: "对象",
  array: "数组",
  date: "日期",
  null: "null",
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  datetime: "带时区的 ISO-8601 时间，如2020-01-20T23:59:59+08:00",
  date: "YYYY-MM-DD格式的日期",
  time: "hh:mm:ss格式的时间",
  email: "有效的电子邮箱地址",
  url: "有效的网址",
  uuid: "UUID",
};

/** The schema's own Chinese for an issue, when it has one (a registered check message, a custom issue's params). */
function ownChinese(issue: Issue): string | undefined {
  const params = (issue as { params?: { zh?: unknown } }).params;
  if (typeof params?.zh === "string") return params.zh;
  return issue.message ? CHECK_MESSAGES.get(issue.message) : undefined;
}

/** What is wrong, in Chinese, without the field's name: 为必填项, 须大于0, 不能超过500个字符. */
export function zhProblem(issue: Issue): string {
  const own = ownChinese(issue);
  if (own !== undefined) return own;
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "never") return "不是允许的字段";
      // parsed with `reportInput`, a missing field is an `input` of undefined (JSON has no undefined)
      if ("input" in issue && issue.input === undefined) return "为必填项";
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      return bound(issue.origin, "min", issue.inclusive ?? true, issue.minimum);
    case "too_big":
      return bound(issue.origin, "max", issue.inclusive ?? true, issue.maximum);
    case "invalid_format":
      return issue.format === "regex" ? "格式不正确" : `应为${FORMAT_NAMES[issue.format] ?? issue.format}`;
    case "not_multiple_of":
      return `须为${String(issue.divisor)}的整数倍`;
    case "invalid_value":
      return issue.values.length === 1
        ? `须为${JSON.stringify(issue.values[0])}`
        : `须为以下取值之一：${issue.values.map((v) => JSON.stringify(v)).join("、")}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      return Array.isArray(options) && options.length > 0
        ? `须为以下取值之一：${options.map((v) => JSON.stringify(v)).join("、")}`
        : "不符合任何允许的格式";
    }
    case "invalid_key":
      return `含有无效的键：${issue.issues[0] ? zhProblem(issue.issues[0] as Issue) : "不允许"}`;
    case "unrecognized_keys":
      return `含有未知字段：${issue.keys.map((k) => `“${k}”`).join("、")}`;
    default:
      return "不符合要求";
  }
}

function bound(origin: string, side: "min" | "max", inclusive: boolean, limit: number | bigint): string {
  const n = String(limit);
  switch (origin) {
    case "string":
      if (side === "min") return n === "1" && inclusive ? "不能为空" : `至少${n}个字符`;
      return inclusive ? `不能超过${n}个字符` : `须少于${n}个字符`;
    case "array":
    case "set":
      if (side === "min") return n === "1" && inclusive ? "不能为空" : `至少须有${n}项`;
      return inclusive ? `最多${n}项` : `须少于${n}项`;
    default:
      if (side === "min") return inclusive ? `不能小于${n}` : `须大于${n}`;
      return inclusive ? `不能大于${n}` : `须小于${n}`;
  }
}

/**
 * The whole Chinese message of an issue at `segments` under `location`: the field's label and what
 * is wrong (来源为必填项), or 未知字段“x” for a field the schema does not know.
 */
export function zhIssue(
  issue: Issue,
  location: string,
  segments: readonly PropertyKey[] = issue.path,
  routeLabels?: Readonly<Record<string, string>>,
): string {
  if (issue.code === "invalid_type" && issue.expected === "never" && ownChinese(issue) === undefined) {
    return unknownField(location, segments, routeLabels);
  }
  return `${fieldLabel(location, segments, routeLabels)}${zhProblem(issue)}`;
}

/** 未知字段“colour” (under a named parent: 第1项指标中有未知字段“colour”). */
export function unknownField(
  location: string,
  segments: readonly PropertyKey[],
  routeLabels?: Readonly<Record<string, string>>,
): string {
  const key = segments[segments.length - 1];
  const parentSegments = segments.slice(0, -1);
  const name = `${location.startsWith("query") ? "未知的查询参数" : "未知字段"}“${String(key ?? "")}”`;
  return parentSegments.length > 0 ? `${fieldLabel(location, parentSegments, routeLabels)}中有${name}` : name;
}
