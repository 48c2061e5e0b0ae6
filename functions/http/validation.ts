/**
 * zod issues → field errors with readable paths (`body.indicators[0].weight`). zod/mini ships no
 * message locale (it keeps bundles small), so messages are written here from the issue codes;
 * a check's own message wins when it has one.
 */
import * as z from "zod/mini";
import { type FieldError, formatPath } from "../../shared/lib/errors";

type Issue = z.core.$ZodIssue;

const DEFAULT_MESSAGE = "Invalid input";

export function issuesToFieldErrors(location: string, issues: readonly Issue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ path: formatPath(location, [...issue.path, key]), message: "unknown field" });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      const inner = issue.issues[0];
      errors.push({
        path: formatPath(location, issue.path),
        message: `invalid key: ${inner ? messageOf(inner as Issue) : "not allowed"}`,
      });
      continue;
    }
    if (issue.code === "invalid_element") {
      errors.push(...issuesToFieldErrors(formatPath(location, issue.path), issue.issues as Issue[]));
      continue;
    }
    errors.push({ path: formatPath(location, issue.path), message: messageOf(issue) });
  }
  return errors;
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

/** Parse or collect field errors (the caller turns them into a 400). */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  location: string,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const result = z.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(location, result.error.issues) };
}
