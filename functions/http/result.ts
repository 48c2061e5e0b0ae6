/**
 * What leaves an area function: a handler's result as API Gateway's (JSON with its ETag, raw text
 * or bytes, 204), and a problem. Every answer is `no-store` and `nosniff`.
 */
import * as z from "zod/mini";
import type { Language } from "../../shared/lib/errors";
import { contentLanguage } from "./language";
import type { HttpResult } from "./request-state";
import type { HandlerResult, RouteSpec } from "./route";
import { issuesToFieldErrors } from "./validation";

/**
 * HTML the API serves (a circular's print view) runs no script and loads nothing from elsewhere:
 * inline styles only, no framing by other sites.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export interface ToHttpResultOptions {
  /** check a JSON body against the route's response schema (development and tests) */
  validateResponse: boolean;
}

export function toHttpResult(
  route: RouteSpec,
  result: HandlerResult<RouteSpec>,
  options: ToHttpResultOptions,
): HttpResult {
  const headers: Record<string, string> = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...(result.headers ?? {}),
  };
  if ("raw" in result) {
    const binary = typeof result.raw !== "string";
    return {
      statusCode: result.status ?? route.status ?? 200,
      headers: {
        ...headers,
        ...(/^text\/html\b/i.test(result.contentType) ? { "content-security-policy": HTML_CSP } : {}),
        "content-type": result.contentType,
      },
      body: binary ? Buffer.from(result.raw).toString("base64") : (result.raw as string),
      ...(binary ? { isBase64Encoded: true } : {}),
    };
  }
  if (!("body" in result)) return { statusCode: 204, headers };
  if (route.response && options.validateResponse) {
    const parsed = z.safeParse(route.response, result.body);
    if (!parsed.success) {
      const detail = issuesToFieldErrors("response", parsed.error.issues)
        .map((e) => `${e.path}: ${e.message}`)
        .join("; ");
      throw new Error(`response of ${route.operationId} does not match its schema: ${detail}`);
    }
  }
  if (result.version !== undefined) headers.etag = `"${result.version}"`;
  return {
    statusCode: result.status ?? route.status ?? 200,
    headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(result.body),
  };
}

/** A problem answer in `language` (its body already in that language): `Content-Language`, `Vary: Accept-Language`. */
export function problemResult(
  status: number,
  problem: object,
  headers: Record<string, string> = {},
  language: Language = "en",
): HttpResult {
  return {
    statusCode: status,
    headers: {
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
      "content-type": "application/problem+json",
      "content-language": contentLanguage(language),
      vary: headers.vary ? `${headers.vary}, accept-language` : "accept-language",
    },
    body: JSON.stringify(problem),
  };
}
