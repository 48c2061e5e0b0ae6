/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0): matches the request against the
 * route table, builds the same v2 event and calls the same middy handler in-process (which
 * authenticates the request itself, as in Lambda). Local-only routes (`/local/...`) live here and nowhere
 * in the route table, so they can never be deployed.
 */
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "aws-lambda";
import * as z from "zod/mini";
import { CONSOLE_CONFIG_PATH, type ConsoleConfig } from "../../functions/console/config";
import { type ConsoleSite, consolePolicy, isApiPath, serveConsole } from "../../functions/console/serve";
import { preferredLanguage } from "../../functions/http/language";
import { malformedJsonError } from "../../functions/http/middleware/parse-body";
import type { HttpEvent, HttpResult } from "../../functions/http/request-state";
import { problemResult } from "../../functions/http/result";
import type { RouteSpec } from "../../functions/http/route";
import { routeKey } from "../../functions/http/route";
import { issuesToFieldErrors } from "../../functions/http/validation";
import { createRouteMatcher, unknownRouteResponse } from "../../functions/web/unknown-route";
import { missingScopeText, principalSchema, ROLES } from "../../shared/domain/principal";
import { now, nowIso, setNow } from "../../shared/lib/clock";
import {
  type AppError,
  internalProblem,
  type Language,
  NotFoundError,
  PayloadTooLargeError,
  PROBLEM_TYPE_BASE,
  summarizeErrors,
  toProblem,
  ValidationError,
} from "../../shared/lib/errors";
import type { AreaHandler } from "./areas";
import type { DevIssuer } from "./dev-issuer";
import type { DevOidcProvider } from "./dev-oidc";

/** API Gateway's own payload ceiling for Lambda integrations is 6 MB; the route pipeline applies its own smaller limit. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

export interface GatewayOptions {
  routes: readonly RouteSpec[];
  handlers: Partial<Record<string, AreaHandler>>;
  issuer: DevIssuer;
  /** print one line per request */
  accessLog?: (line: string) => void;
  corsOrigins?: readonly string[];
  /** the development issuer's OpenID Connect endpoints (`/local/oidc/…`) */
  oidc?: DevOidcProvider;
  /** the built console, served on every non-API GET/HEAD path, and its sign-in settings */
  console?: {
    site(): ConsoleSite | undefined;
    config(origin: string): Promise<ConsoleConfig>;
  };
}

const tokenRequest = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  role: z.enum(ROLES),
  provinceId: z.optional(z.string()),
  tenantId: z.optional(z.string()),
  expiresInSeconds: z.optional(z.int().check(z.gte(60), z.lte(7 * 24 * 3600))),
});

const clockRequest = z.strictObject({ now: z.nullable(z.iso.datetime({ offset: true })) });

export function createGateway(options: GatewayOptions) {
  const match = createRouteMatcher(options.routes);

  async function dispatch(req: IncomingMessage, rawBody: Buffer): Promise<HttpResult> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    if (options.oidc && path.startsWith("/local/oidc/")) {
      const form = /x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "")
        ? new URLSearchParams(rawBody.toString("utf8"))
        : new URLSearchParams();
      const answer = await options.oidc.handle(method, path, url.searchParams, form, origin);
      if (answer) return answer;
    }
    if (path.startsWith("/local/")) return localRoute(method, path, rawBody);
    // the path as sent, before dot segments are resolved: `/v1/..` is an API path (404), not the console
    const sentPath = (req.url ?? "/").split("?")[0] ?? "/";
    if (
      options.console &&
      !isApiPath(path) &&
      !isApiPath(sentPath) &&
      (method === "GET" || method === "HEAD")
    ) {
      if (path === CONSOLE_CONFIG_PATH) return json(200, await options.console.config(origin));
      const site = options.console.site();
      if (!site) {
        return problemResult(503, {
          type: "about:blank",
          title: "控制台尚未构建",
          status: 503,
          detail:
            "The console has not been built: run `npm start` (it builds the console) or `npx tsx functions/console/build.ts`.",
        });
      }
      return serveConsole(site, {
        method,
        path,
        acceptEncoding: req.headers["accept-encoding"],
        pageHeaders: { "content-security-policy": consolePolicy([]) },
      });
    }

    const matched = match(method, path);
    // the same 404 / 405-with-Allow as the deployed `$default` route (functions/web)
    if (matched.kind !== "route") return unknownRouteResponse(method, path, matched, languageOf(req));
    const { route, pathParameters } = matched;
    // HEAD runs the path's GET route; the pipeline leaves the body out
    const key = method === "HEAD" ? `HEAD ${route.path}` : routeKey(route);

    const headers = flattenHeaders(req);
    const contentType = headers["content-type"] ?? "";
    // as API Gateway does: text-like bodies as text, anything else (an XLSX upload) base64-encoded —
    // and text that is not UTF-8 (a CSV saved as GB18030) base64 too, so that no byte is lost
    const textual =
      rawBody.length === 0 ||
      (/^\s*(text\/|application\/([\w.+-]+\+)?(json|xml)\b|application\/x-www-form-urlencoded)/i.test(
        contentType,
      ) &&
        isUtf8(rawBody));
    const queryStringParameters = queryParams(url.searchParams);
    const requestId = randomUUID();
    const at = now();
    const event: HttpEvent = {
      version: "2.0",
      routeKey: key,
      rawPath: path,
      rawQueryString: url.search.replace(/^\?/, ""),
      headers,
      ...(queryStringParameters ? { queryStringParameters } : {}),
      ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
      ...(rawBody.length > 0
        ? { body: textual ? rawBody.toString("utf8") : rawBody.toString("base64"), isBase64Encoded: !textual }
        : { isBase64Encoded: false }),
      requestContext: {
        accountId: "000000000000",
        apiId: "local",
        domainName: headers.host ?? "localhost",
        domainPrefix: "local",
        http: {
          method,
          path,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
          userAgent: headers["user-agent"] ?? "",
        },
        requestId,
        routeKey: key,
        stage: "$default",
        time: at.toUTCString(),
        timeEpoch: at.getTime(),
      } as HttpEvent["requestContext"],
    };
    const handler = options.handlers[route.area];
    if (!handler)
      throw new NotFoundError({
        en: `the ${route.area} area is not available`,
        zh: `${route.area} 功能区暂不可用。`,
      });
    return handler(event, lambdaContext(route.area, requestId));
  }

  async function localRoute(method: string, path: string, rawBody: Buffer): Promise<HttpResult> {
    if (path === "/local/token" && method === "POST") {
      const body = parseJson(tokenRequest, rawBody);
      const { expiresInSeconds, ...claims } = body;
      const principal = principalSchema.safeParse({ ...claims, kind: "user" });
      if (!principal.success) {
        const errors = issuesToFieldErrors("body", principal.error.issues);
        throw new ValidationError({ en: "invalid claims", zh: "声明无效。" }, { errors });
      }
      const missing = missingScopeText(principal.data);
      if (missing) throw ValidationError.about("body", missing);
      if (body.role === "integration") {
        throw ValidationError.about(
          "body.role",
          { en: "integration principals use API keys", zh: "integration 角色须使用 API 密钥。" },
          { en: "use an API key for the integration role", zh: "integration 角色请使用 API 密钥" },
        );
      }
      const minted = await options.issuer.mint(claims, expiresInSeconds);
      return json(200, minted);
    }
    if (path === "/local/jwks.json" && method === "GET") return json(200, options.issuer.jwks);
    if (path === "/local/clock" && method === "GET") return json(200, { now: nowIso() });
    if (path === "/local/clock" && method === "PUT") {
      const body = parseJson(clockRequest, rawBody);
      setNow(body.now);
      return json(200, { now: nowIso() });
    }
    throw new NotFoundError({
      en: `no local route ${method} ${path}`,
      zh: `没有此本地接口：${method} ${path}`,
    });
  }

  return async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let result: HttpResult;
    try {
      const origin = req.headers.origin;
      if (req.method === "OPTIONS" && origin) {
        result = { statusCode: 204, headers: corsHeaders(options.corsOrigins, origin, { preflight: true }) };
      } else {
        const body = await readBody(req);
        result = await dispatch(req, body);
        if (origin) result.headers = withCors(result.headers ?? {}, options.corsOrigins, origin);
      }
    } catch (error) {
      const header = req.headers["accept-language"];
      result = errorResult(error, preferredLanguage(Array.isArray(header) ? header.join(",") : header));
    }
    const status = result.statusCode ?? 200;
    const payload = result.body ?? "";
    const body = result.isBase64Encoded ? Buffer.from(payload, "base64") : Buffer.from(payload, "utf8");
    res.writeHead(status, {
      ...Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      // as API Gateway answers: a Content-Length, not chunked encoding
      ...(status === 204 || status === 304 || req.method === "HEAD"
        ? {}
        : { "content-length": String(body.length) }),
    });
    res.end(body.length > 0 ? body : undefined);
    options.accessLog?.(`${req.method} ${req.url} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  };
}

const STATUS_LINE: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
  501: "Not Implemented",
};

/**
 * What the HTTP server itself answers to a request its parser refused (Node's `clientError`): the
 * same problem+json as every other error, instead of Node's empty 400. A request line or headers
 * over 16 KB (a long URL included) is 431, an unknown method token 501.
 */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  const [status, detail] =
    code === "HPE_HEADER_OVERFLOW"
      ? [431, "the request line and headers are larger than 16 KB"]
      : code === "HPE_INVALID_METHOD"
        ? [501, "the request method is not one this server knows"]
        : code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "the request was not received in time"]
          : [400, "the request is not valid HTTP"];
  const title = STATUS_LINE[status] ?? "Bad Request";
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${status === 400 ? "bad-request" : title.toLowerCase().replace(/ /g, "-")}`,
    title,
    status,
    detail,
  });
  return [
    `HTTP/1.1 ${status} ${title}`,
    "content-type: application/problem+json",
    "cache-control: no-store",
    "x-content-type-options: nosniff",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body,
  ].join("\r\n");
}

function errorResult(error: unknown, language: Language): HttpResult {
  const known = error as AppError;
  if (known && typeof known.status === "number" && typeof known.slug === "string") {
    return problemResult(known.status, toProblem(known, language), known.headers, language);
  }
  console.error("local gateway error", error);
  return problemResult(500, internalProblem(language), {}, language);
}

function json(status: number, body: unknown): HttpResult {
  return {
    statusCode: status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}

function parseJson<S extends z.ZodMiniType>(schema: S, raw: Buffer): z.output<S> {
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
  } catch {
    throw malformedJsonError();
  }
  const parsed = z.safeParse(schema, value, { reportInput: true });
  if (!parsed.success) {
    const errors = issuesToFieldErrors("body", parsed.error.issues);
    const first = errors.slice(0, 1);
    throw new ValidationError(summarizeErrors(first, { en: "invalid body", zh: "请求体无效。" }), { errors });
  }
  return parsed.data;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () =>
      tooLarge
        ? reject(
            new PayloadTooLargeError({ en: "the request is larger than 6 MB", zh: "请求超过6 MB的上限。" }),
          )
        : resolve(Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}

/** Lower-case names; repeated headers joined with commas, as API Gateway does. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}

function queryParams(params: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const [key, value] of params) {
    out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
    any = true;
  }
  return any ? out : undefined;
}

/** The answer's headers with the CORS headers for `origin` (`Vary` values merged, not replaced). */
function withCors(
  headers: NonNullable<HttpResult["headers"]>,
  allowed: readonly string[] | undefined,
  origin: string,
): NonNullable<HttpResult["headers"]> {
  const cors = corsHeaders(allowed, origin, { preflight: false });
  const vary = [headers.vary, cors.vary].filter((v) => v !== undefined && v !== "").join(", ");
  return { ...headers, ...cors, ...(vary ? { vary } : {}) };
}

/** The language the caller prefers (`Accept-Language`). */
function languageOf(req: IncomingMessage): Language {
  const header = req.headers["accept-language"];
  return preferredLanguage(Array.isArray(header) ? header.join(",") : header);
}

function corsHeaders(
  allowed: readonly string[] | undefined,
  origin: string,
  answer: { preflight: boolean },
): Record<string, string> {
  if (!allowed || !(allowed.includes("*") || allowed.includes(origin))) return {};
  return {
    "access-control-allow-origin": allowed.includes("*") ? "*" : origin,
    "access-control-expose-headers": "etag,location,retry-after,content-disposition",
    ...(answer.preflight
      ? {
          "access-control-allow-methods": "GET,PUT,POST,PATCH,DELETE,OPTIONS",
          "access-control-allow-headers": "authorization,content-type,if-match,x-api-key",
          "access-control-max-age": "600",
        }
      : {}),
    vary: "origin",
  };
}

let invocation = 0;

function lambdaContext(area: string, requestId: string): Context {
  const deadline = performance.now() + 29_000;
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${area}`,
    functionVersion: "$LATEST",
    invokedFunctionArn: `local:${area}`,
    memoryLimitInMB: "512",
    awsRequestId: requestId || `local-${invocation}`,
    logGroupName: `/local/${area}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline - performance.now())),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
