/**
 * The query, the body and If-Match against the route's schemas, every fault in one 400: unknown
 * query parameters, characters no field may hold (every string NFC-normalised before the
 * schema), the body's shape, an If-Match that is not a version ETag. Paths are rooted at
 * `query.`, `body.` or `headers.`; the Chinese texts name each field by its route's label.
 */
import type * as z from "zod/mini";
import {
  type Bilingual,
  type FieldError,
  formatPath,
  summarizeErrors,
  ValidationError,
} from "../../../shared/lib/errors";
import { fieldLabel, ROUTE_LABELS } from "../../../shared/lib/labels";
import { checkJsonText } from "../../../shared/lib/safe-text";
import { type HttpMiddleware, routeState } from "../request-state";
import type { IfMatch } from "../route";
import { parseWith } from "../validation";

type Labels = Readonly<Record<string, string>> | undefined;

export function validate(): HttpMiddleware {
  return {
    before: (request) => {
      const state = routeState(request.context);
      const { route } = state;
      const labels = ROUTE_LABELS[route.operationId];
      const errors: FieldError[] = [];
      state.query = parsePart(
        route.query,
        normalizeQuery(request.event.queryStringParameters),
        "query",
        errors,
        labels,
      );
      const unsafe: FieldError[] = [];
      const safeBody = checkJsonText(state.sentBody, [], (path, problem) =>
        unsafe.push({
          path: formatPath("body", path),
          message: problem.en,
          zh: `${fieldLabel("body", path, labels)}${problem.zh}`,
        }),
      );
      errors.push(...unsafe);
      state.body = unsafe.length > 0 ? undefined : parsePart(route.body, safeBody, "body", errors, labels);
      state.ifMatch = parseIfMatch(request.event.headers?.["if-match"], errors);
      if (errors.length > 0) throw invalidRequest(errors);
    },
  };
}

/** A part that must be valid before anything else is looked at (the path): 400 at once. */
export function parseOrThrow(
  schema: z.ZodMiniType | undefined,
  value: unknown,
  location: string,
  labels: Labels,
): Record<string, unknown> {
  if (!schema) return {};
  const parsed = parseWith(schema, value, location, labels);
  if (!parsed.ok) throw invalidRequest(parsed.errors);
  return parsed.value as Record<string, unknown>;
}

function invalidRequest(errors: FieldError[]): ValidationError {
  const summary: Bilingual = summarizeErrors(errors, { en: "the request is not valid", zh: "请求无效。" });
  return new ValidationError(summary, { errors });
}

function parsePart(
  schema: z.ZodMiniType | undefined,
  value: unknown,
  location: string,
  errors: FieldError[],
  labels: Labels,
): unknown {
  if (!schema) {
    if (location === "query" && value && Object.keys(value).length > 0) {
      for (const key of Object.keys(value))
        errors.push({ path: `query.${key}`, message: "unknown parameter", zh: `未知的查询参数“${key}”` });
    }
    return {};
  }
  const parsed = parseWith(schema, value, location, labels);
  if (parsed.ok) return parsed.value;
  errors.push(...parsed.errors);
  return undefined;
}

/** API Gateway joins repeated query parameters with commas; absent means `{}`. */
function normalizeQuery(query: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

function parseIfMatch(header: string | undefined, errors: FieldError[]): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === "*") return { kind: "any" };
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!match?.[1]) {
    errors.push({
      path: "headers.if-match",
      message: 'must be a version ETag such as "3"',
      zh: 'If-Match 须为版本号 ETag，如 "3"',
    });
    return undefined;
  }
  return { kind: "version", version: Number(match[1]) };
}
