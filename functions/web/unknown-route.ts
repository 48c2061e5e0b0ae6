/**
 * Requests that no route of the route table matches: 404 for an unknown path, 405 with `Allow`
 * for a known path and a method it does not have (HEAD is allowed wherever GET is). The same
 * answer in AWS (the HTTP API's `$default` route → the web function) and in the local gateway.
 * It needs only each route's method and path, never a schema, and no storage.
 */
import { type Language, MethodNotAllowedError, NotFoundError, toProblem } from "../../shared/lib/errors";

export interface RoutePattern {
  method: string;
  /** API Gateway syntax: `/v1/tenants/{t}` */
  path: string;
}

export type RouteMatch<R extends RoutePattern> =
  | { kind: "route"; route: R; pathParameters: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

interface Compiled<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

function compile<R extends RoutePattern>(route: R): Compiled<R> {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const param = /^\{([a-zA-Z]+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The order API Gateway lists methods in an `Allow` header does not matter; this one is stable. */
const METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Match a method and path against the routes; HEAD matches the path's GET route. */
export function createRouteMatcher<R extends RoutePattern>(routes: readonly R[]) {
  const compiled = routes.map(compile);
  return function match(method: string, path: string): RouteMatch<R> {
    const upper = method.toUpperCase();
    const wanted = upper === "HEAD" ? "GET" : upper;
    const candidates = compiled.filter((c) => c.pattern.test(path));
    if (candidates.length === 0) return { kind: "not-found" };
    const hit = candidates.find((c) => c.route.method === wanted);
    if (!hit) {
      const allow = new Set(candidates.map((c) => c.route.method));
      if (allow.has("GET")) allow.add("HEAD");
      return {
        kind: "method-not-allowed",
        allow: [...allow].sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b)),
      };
    }
    const values = hit.pattern.exec(path)?.slice(1) ?? [];
    const pathParameters: Record<string, string> = {};
    hit.names.forEach((name, i) => {
      pathParameters[name] = safeDecode(values[i] ?? "");
    });
    return { kind: "route", route: hit.route, pathParameters };
  };
}

/** The error for a request no route matches (a 404, or a 405 carrying its `Allow` header). */
export function unknownRouteError(
  method: string,
  path: string,
  match: RouteMatch<RoutePattern>,
): NotFoundError | MethodNotAllowedError {
  if (match.kind === "method-not-allowed") {
    return new MethodNotAllowedError(
      {
        en: `${method} is not allowed on ${path}; use ${match.allow.join(", ")}`,
        zh: `${path} 不支持 ${method} 请求，可用的请求方法：${match.allow.join("、")}。`,
      },
      { headers: { allow: match.allow.join(", ") } },
    );
  }
  return new NotFoundError({ en: `no route ${method} ${path}`, zh: `没有此接口：${method} ${path}` });
}

/** A 404/405 as API Gateway would send it: problem+json (no body for HEAD). */
export function unknownRouteResponse(
  method: string,
  path: string,
  match: RouteMatch<RoutePattern>,
  language: Language = "en",
): { statusCode: number; headers: Record<string, string>; body: string } {
  const error = unknownRouteError(method, path, match);
  return {
    statusCode: error.status,
    headers: {
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...(error.headers ?? {}),
      "content-type": "application/problem+json",
      "content-language": language === "zh" ? "zh-CN" : "en",
      vary: "accept-language",
    },
    body: method.toUpperCase() === "HEAD" ? "" : JSON.stringify(toProblem(error, language)),
  };
}
