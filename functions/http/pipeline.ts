/**
 * The HTTP pipeline every area Lambda runs (and the local stack calls): middy with the logger
 * context first and problem+json errors; the route is found by `routeKey`, the caller
 * authenticated from the authorizer's verdict, path → access → query/body validated, then the
 * thin handler runs.
 */
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import * as z from "zod/mini";
import { isStorageUnavailable, storageUnavailable } from "../../shared/data/infra-errors";
import { checkAccess, type Principal } from "../../shared/domain/principal";
import {
  AppError,
  type Bilingual,
  type FieldError,
  ForbiddenError,
  formatPath,
  IdentityProviderUnavailableError,
  internalProblem,
  type Language,
  NotFoundError,
  PayloadTooLargeError,
  summarizeErrors,
  TooManyRequestsError,
  toProblem,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../../shared/lib/errors";
import { fieldLabel, ROUTE_LABELS } from "../../shared/lib/labels";
import { checkJsonText } from "../../shared/lib/safe-text";
import type { Authenticate } from "./auth-context";
import { contentLanguage, preferredLanguage } from "./language";
import { logger } from "./logger";
import { countBusiness, metrics, observeRequests, tracer } from "./observability";
import type { HandlerResult, Handlers, IfMatch, RouteSpec, Upload } from "./route";
import { routeKey } from "./route";
import { issuesToFieldErrors, parseWith } from "./validation";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface PipelineDeps {
  /** The province a tenant belongs to, or null when there is no such tenant. */
  tenantProvince(tenantId: string): Promise<string | null>;
  /** The verdict on a request's credentials (functions/authorizer/authenticate.ts). */
  authenticate: Authenticate;
}

export function createHttpHandler<T extends Record<string, RouteSpec>>(
  routes: T,
  handlers: Handlers<T>,
  deps: () => PipelineDeps,
) {
  const table = new Map<
    string,
    { route: RouteSpec; handler: (input: never) => Promise<HandlerResult<RouteSpec>> }
  >();
  for (const [operationId, route] of Object.entries(routes)) {
    const handler = handlers[operationId as keyof T];
    table.set(routeKey(route), { route, handler: handler as never });
  }

  const core = async (event: HttpEvent): Promise<HttpResult> => {
    // HEAD runs the GET route of the path (API Gateway has a HEAD route for each) without the body
    const head = event.routeKey?.startsWith("HEAD ") ?? false;
    const entry = table.get(head ? `GET ${event.routeKey.slice(5)}` : event.routeKey);
    if (!entry) {
      const request = `${event.requestContext?.http?.method ?? ""} ${event.rawPath ?? ""}`;
      throw new NotFoundError({ en: `no route ${request}`, zh: `没有此接口：${request}` });
    }
    const { route, handler } = entry;
    const dependencies = deps();
    let principal: Principal | null = null;
    try {
      principal = await authenticate(route, event, dependencies);
    } finally {
      // one call: the route is logged even when authentication refuses the request
      logger.appendKeys({
        route: route.operationId,
        requestId: event.requestContext?.requestId,
        ...(principal
          ? {
              principal: principal.kind === "api-key" ? `key:${principal.keyId ?? ""}` : principal.sub,
              role: principal.role,
              provinceId: principal.provinceId,
              tenantId: principal.tenantId,
            }
          : {}),
      });
    }

    const labels = ROUTE_LABELS[route.operationId];
    const params = parseOrThrow(route.params, event.pathParameters ?? {}, "path", labels);
    await authorize(route, principal, params, dependencies);
    const errors: FieldError[] = [];
    const query = parsePart(
      route.query,
      normalizeQuery(event.queryStringParameters),
      "query",
      errors,
      labels,
    );
    const upload = route.upload ? readUpload(route.upload, event) : undefined;
    const rawBody = route.upload ? undefined : readBody(route, event);
    // characters no field may hold are refused (and every string NFC-normalised) before the schema
    const unsafe: FieldError[] = [];
    const safeBody = checkJsonText(rawBody, [], (path, problem) =>
      unsafe.push({
        path: formatPath("body", path),
        message: problem.en,
        zh: `${fieldLabel("body", path, labels)}${problem.zh}`,
      }),
    );
    errors.push(...unsafe);
    const body = unsafe.length > 0 ? undefined : parsePart(route.body, safeBody, "body", errors, labels);
    const ifMatch = parseIfMatch(event.headers?.["if-match"], errors);
    if (errors.length > 0) throw new ValidationError(summarize(errors), { errors });

    const result = await handler({
      params,
      query,
      body,
      principal,
      ifMatch,
      upload,
      headers: (event.headers ?? {}) as Record<string, string>,
      requestId: event.requestContext?.requestId ?? "",
    } as never);
    const response = toHttpResult(route, result);
    return head ? { ...response, body: "", isBase64Encoded: false } : response;
  };

  const routeOf = (event: HttpEvent) => {
    const head = event.routeKey?.startsWith("HEAD ") ?? false;
    const entry = table.get(head ? `GET ${event.routeKey.slice(5)}` : event.routeKey);
    return entry ? `${head ? "HEAD " : ""}${entry.route.operationId}` : "unmatched";
  };

  // after/onError run in reverse: problem+json first, then the request's metrics and log line,
  // then the metrics flush, the trace and the logger's context reset
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(observeRequests(routeOf))
    .use(problemResponses())
    .handler(core);
}

/** The caller of a protected route, from its credentials; public routes read none. */
async function authenticate(
  route: RouteSpec,
  event: HttpEvent,
  deps: PipelineDeps,
): Promise<Principal | null> {
  if (route.access === "public") return null;
  const auth = await deps.authenticate(event.headers ?? {});
  if (auth.kind === "unavailable") {
    countBusiness(auth.what === "storage" ? "CredentialStoreUnavailable" : "IdentityProviderUnavailable");
    if (auth.what === "storage")
      throw storageUnavailable(new Error("the API key store could not be reached"));
    throw new IdentityProviderUnavailableError(
      { en: "identity provider unavailable", zh: "身份认证服务不可用" },
      {
        headers: { "retry-after": "5" },
      },
    );
  }
  if (auth.kind === "rate-limited") {
    throw new TooManyRequestsError(
      {
        en: "this API key has made too many requests; retry later",
        zh: `该 API 密钥请求过于频繁，请${auth.retryAfterSeconds}秒后重试。`,
      },
      { headers: { "retry-after": String(auth.retryAfterSeconds) } },
    );
  }
  if (auth.kind === "principal") return auth.principal;
  throw new UnauthorizedError(
    auth.kind === "refused"
      ? {
          en: `credentials refused: ${auth.reason.en}`,
          zh: `身份凭据未通过验证：${auth.reason.zh}。`,
        }
      : { en: "this route needs a bearer token or an API key", zh: "此接口须携带 Bearer 令牌或 API 密钥。" },
    { headers: { "www-authenticate": 'Bearer realm="employment-api"' } },
  );
}

async function authorize(
  route: RouteSpec,
  principal: Principal | null,
  params: Record<string, unknown>,
  deps: PipelineDeps,
): Promise<void> {
  if (route.access === "public") return;
  // A city token must name a tenant of its own province (an API key's tenant and province come
  // from the key itself). Claims that disagree are refused on every route.
  if (
    principal &&
    (principal.role === "city-admin" || principal.role === "city-reporter") &&
    principal.tenantId !== undefined
  ) {
    const home = await deps.tenantProvince(principal.tenantId);
    if (home !== principal.provinceId) {
      throw new ForbiddenError({
        en: `the credential's tenant ${principal.tenantId} is not a tenant of its province ${principal.provinceId ?? ""}`,
        zh: `身份凭据中的单位“${principal.tenantId}”不属于其所在省份“${principal.provinceId ?? ""}”。`,
      });
    }
  }
  const provinceId = typeof params.p === "string" ? params.p : undefined;
  const tenantId = typeof params.t === "string" ? params.t : undefined;
  const needsLookup =
    tenantId !== undefined &&
    principal !== null &&
    (principal.role === "province-admin" || principal.role === "province-reviewer") &&
    !route.tenantMayBeNew &&
    route.access.roles.includes(principal.role) &&
    (provinceId === undefined || provinceId === principal.provinceId);
  const tenantProvinceId = needsLookup && tenantId ? await deps.tenantProvince(tenantId) : undefined;
  const decision = checkAccess({
    rule: route.access,
    principal,
    provinceId,
    tenantId,
    tenantProvinceId,
    tenantMayBeNew: route.tenantMayBeNew ?? false,
  });
  if (decision.allowed) return;
  if (decision.status === 404)
    throw new NotFoundError({
      en: `no tenant ${tenantId ?? ""} in your province`,
      zh: `本省没有单位“${tenantId ?? ""}”。`,
    });
  throw new ForbiddenError(decision.reason);
}

function parseOrThrow(
  schema: z.ZodMiniType | undefined,
  value: unknown,
  location: string,
  labels: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
  if (!schema) return {};
  const parsed = parseWith(schema, value, location, labels);
  if (!parsed.ok) throw new ValidationError(summarize(parsed.errors), { errors: parsed.errors });
  return parsed.value as Record<string, unknown>;
}

function parsePart(
  schema: z.ZodMiniType | undefined,
  value: unknown,
  location: string,
  errors: FieldError[],
  labels: Readonly<Record<string, string>> | undefined,
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

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function readBody(route: RouteSpec, event: HttpEvent): unknown {
  const raw = event.body;
  const text =
    raw === undefined || raw === null
      ? ""
      : event.isBase64Encoded
        ? Buffer.from(raw, "base64").toString("utf8")
        : raw;
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(text, "utf8") > limit) {
    throw new PayloadTooLargeError({
      en: `the body is larger than ${limit} bytes`,
      zh: `请求体超过${limit}字节（${Math.round(limit / 1024)} KB）的上限。`,
    });
  }
  if (!route.body) {
    if (text.trim() === "" || text.trim() === "{}") return undefined;
    throw new ValidationError(
      { en: "this route takes no request body", zh: "此接口不接受请求体。" },
      { errors: [{ path: "body", message: "no body expected", zh: "不应有请求体" }] },
    );
  }
  if (text.trim() === "") return undefined;
  const contentType = event.headers?.["content-type"] ?? "";
  if (!JSON_TYPE.test(contentType)) {
    throw new UnsupportedMediaTypeError(
      { en: "send the body as application/json", zh: "请求体须以 application/json 格式发送。" },
      {
        errors: [
          {
            path: "headers.content-type",
            message: "must be application/json",
            zh: "Content-Type 须为 application/json",
          },
        ],
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError(
      { en: "the body is not valid JSON", zh: "请求体不是有效的 JSON。" },
      { errors: [{ path: "body", message: "malformed JSON", zh: "JSON 格式有误" }] },
    );
  }
}

/** The file of an upload route: one of its media types, within its size limit, not empty. */
function readUpload(spec: NonNullable<RouteSpec["upload"]>, event: HttpEvent): Upload {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > spec.maxBytes) {
    throw new PayloadTooLargeError(
      {
        en: `the file is larger than ${spec.maxBytes} bytes (${bytes.length})`,
        zh: `文件大小为 ${bytes.length} 字节，超过了 ${spec.maxBytes} 字节的上限。`,
      },
      {
        errors: [
          { path: "body", message: `at most ${spec.maxBytes} bytes`, zh: `不能超过 ${spec.maxBytes} 字节` },
        ],
      },
    );
  }
  const mediaType = (event.headers?.["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!spec.types.includes(mediaType)) {
    throw new UnsupportedMediaTypeError(
      {
        en: `send the file as one of: ${spec.types.join(", ")}`,
        zh: `请以下列类型之一上传文件：${spec.types.join("、")}。`,
      },
      {
        errors: [
          {
            path: "headers.content-type",
            message: `must be one of ${spec.types.join(", ")}`,
            zh: `应为 ${spec.types.join("、")} 之一`,
          },
        ],
      },
    );
  }
  if (bytes.length === 0) {
    throw new ValidationError(
      { en: "the file is empty", zh: "上传的文件是空的。" },
      { errors: [{ path: "body", message: "empty file", zh: "文件为空" }] },
    );
  }
  return { mediaType, bytes };
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

function summarize(errors: FieldError[]): Bilingual {
  return summarizeErrors(errors, { en: "the request is not valid", zh: "请求无效。" });
}

/**
 * HTML the API serves (a circular's print view) runs no script and loads nothing from elsewhere:
 * inline styles only, no framing by other sites.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function toHttpResult(route: RouteSpec, result: HandlerResult<RouteSpec>): HttpResult {
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
  if (route.response && process.env.VALIDATE_RESPONSES === "true") {
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

/** Every error leaves as application/problem+json; 5xx bodies say nothing internal. */
function problemResponses(): MiddlewareObj<HttpEvent, HttpResult, Error, Context> {
  return {
    onError: async (request) => {
      const error = request.error;
      const known: AppError | undefined =
        error instanceof AppError
          ? error
          : isStorageUnavailable(error)
            ? storageUnavailable(error)
            : undefined;
      const requestId = request.event?.requestContext?.requestId;
      const language = preferredLanguage(request.event?.headers?.["accept-language"]);
      if (known) {
        if (known.status >= 500) logger.error(known.message, { error: error as Error });
        else logger.info("request refused", { status: known.status, detail: known.message });
        const problem = toProblem(known, language);
        if (known.status >= 500 && requestId) problem.requestId = requestId;
        request.response = problemResult(known.status, problem, known.headers, language);
        return;
      }
      logger.error("unhandled error", { error: error as Error });
      const problem = internalProblem(language);
      if (requestId) problem.requestId = requestId;
      request.response = problemResult(500, problem, {}, language);
    },
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
