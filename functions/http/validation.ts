/**
 * zod issues → field errors with readable paths (`body.indicators[0].weight`). zod/mini ships no
 * message locale (it keeps bundles small), so messages are written here from the issue codes —
 * the English below, the Chinese (naming the field by its Chinese label) in
 * `shared/lib/zod-text.ts`; a check's own message wins when it has one.
 */
import * as z from "zod/mini";
import { type FieldError, formatPath } from "../../shared/lib/errors";
import { fieldLabel } from "../../shared/lib/labels";
import { unknownField, zhIssue, zhProblem } from "../../shared/lib/zod-text";

type Issue = z.core.$ZodIssue;

const DEFAULT_MESSAGE = "Invalid input";

/**
 * `location` is where the issues' paths start (`body`, `query.period` …); `labels` are the route's
 * own Chinese field labels (`ROUTE_LABELS`), `segments` the path above `location` for nested calls.
 */
export function issuesToFieldErrors(
  location: string,
  issues: readonly Issue[],
  labels?: Readonly<Record<string, string>>,
  segments: readonly PropertyKey[] = [],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const at = [...segments, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({
          path: formatPath(location, [...issue.path, key]),
          message: "unknown field",
          zh: unknownField(location, [...at, key], labels),
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      const inner = issue.issues[0];
      errors.push({
        path: formatPath(location, issue.path),
        message: `invalid key: ${inner ? messageOf(inner as Issue) : "not allowed"}`,
        zh: zhKey(location, at, inner as Issue | undefined, labels),
      });
      continue;
    }
    if (issue.code === "invalid_element") {
      errors.push(
        ...issuesToFieldErrors(formatPath(location, issue.path), issue.issues as Issue[], labels, at),
      );
      continue;
    }
    errors.push({
      path: formatPath(location, issue.path),
      message: messageOf(issue),
      zh: zhIssue(issue, location, at, labels),
    });
  }
  return errors;
}

/** 附加条款的键“x”无效：格式不正确 */
function zhKey(
  location: string,
  at: readonly PropertyKey[],
  inner: Issue | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): string {
  const key = at[at.length - 1];
  const parent = at.slice(0, -1);
  const problem = inner ? zhProblem(inner) : "不允许";
  return `${fieldLabel(location, parent, labels)}的键“${String(key ?? "")}”无效：${problem}`;
}

function messageOf(issue: Issue): string {
  if (issue.message && issue.message !== DEFAULT_MESSAGE) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "never" ? "unknown field" : `expected ${issue.expected}`;
    case "too_small":
      return bound(issue.origin, issue.inclusive ? "at least" : "more than", issue.minimum);
    case "too_big":
      return bound(issue.origin, issue.inclusive ? "at most" : "less than", issue.maximum);
    case "invalid_format":
      return issue.format === "regex"
        ? `must match ${issue.pattern ?? "the pattern"}`
        : `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "does not match any allowed form";
    default:
      return "invalid value";
  }
}

function bound(origin: string, relation: string, limit: number | bigint): string {
  const n = String(limit);
  switch (origin) {
    case "string":
      return `must be ${relation} ${n} characters`;
    case "array":
    case "set":
      return `must have ${relation} ${n} items`;
    case "date":
      return `must be ${relation} ${n}`;
    default:
      return `must be ${relation} ${n}`;
  }
}

/**
 * Parse or collect field errors (the caller turns them into a 400). The issues keep their input, so
 * that a missing field can be told from a wrong one (为必填项 rather than 应为文本); no input is
 * ever part of an error.
 */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  location: string,
  labels?: Readonly<Record<string, string>>,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(location, result.error.issues, labels) };
}
