/**
 * The route declaration. Every route is declared once — method, path, access rule, zod schemas
 * for path/query/body/response — in its area's `routes.ts`; its handler is bound by operation id
 * in the area's `handlers.ts`, which the compiler checks against the declaration. From these
 * declarations come the router (local and Lambda), request validation, the OpenAPI document, the
 * CDK routes and the authorization test matrix.
 */
import * as z from "zod/mini";
import type { AccessRule, Principal } from "../../shared/domain/principal";
import type { IfMatch } from "../../shared/lib/if-match";

export type HttpMethod = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

/** One Lambda function per area; the CDK stack and the local server map areas to entry points. */
export const AREAS = ["platform", "assessment", "scoring", "circulars", "subsidies"] as const;
export type Area = (typeof AREAS)[number];

type Schema = z.ZodMiniType;

export interface RouteSpec {
  operationId: string;
  method: HttpMethod;
  /** API Gateway syntax: `/v1/tenants/{t}` */
  path: string;
  area: Area;
  summary: string;
  description?: string;
  tags?: readonly string[];
  access: AccessRule;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** the JSON body of a success response (omit for 204) */
  response?: Schema;
  /** the usual success status (the handler may still answer e.g. 201 vs 200) */
  status?: 200 | 201 | 204;
  /** further success statuses the handler may answer, for the OpenAPI document */
  alsoStatus?: readonly (200 | 201 | 202)[];
  /** non-JSON representations the route can answer with (for `?format=`) */
  produces?: readonly string[];
  /** the resource carries `version` / ETag and takes If-Match */
  versioned?: boolean;
  /** error statuses peculiar to this route, for the OpenAPI document (e.g. 423 for a locked period) */
  alsoErrors?: readonly (409 | 422 | 423)[];
  /** creating a tenant: the path's `{t}` may not exist yet */
  tenantMayBeNew?: boolean;
  /** largest accepted body in bytes (default 256 KiB) */
  maxBodyBytes?: number;
  /**
   * A file upload instead of a JSON body: the accepted media types and the size limit (413 above
   * it); the handler gets the bytes as `upload`. Base64 bodies (as API Gateway sends binary) are decoded.
   */
  upload?: { types: readonly string[]; maxBytes: number };
  /**
   * OpenAPI links from this route's success response to operations its ids feed, e.g.
   * `{ getCircular: { p: "$request.path.p", c: "$response.body#/circularId" } }`
   */
  links?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** An uploaded file: its media type (without parameters) and bytes. */
export interface Upload {
  mediaType: string;
  bytes: Buffer;
}

/**
 * A schema built on first use. Every route schema is declared with it (the domain's schemas use
 * `z.lazy` the same way): esbuild cannot tell that building a schema has no side effects, so a
 * module-level schema would be built on every cold start, whether its route is called or not.
 * A cold start serves one route and builds that route's schemas on its first request. Deployed
 * functions never need response schemas at all (the OpenAPI document is built at synth time and
 * response checks run only in development).
 */
export function lazySchema<T extends z.ZodMiniType>(build: () => T) {
  return z.lazy(build);
}

/** A route as its area declares it: the operation id is its key in the area's table, the area the table's. */
export type RouteDeclaration = Omit<RouteSpec, "operationId" | "area">;

/** An area's routes, each with its operation id (its key) and its area. */
export type AreaRoutes<A extends Area, T extends Record<string, RouteDeclaration>> = {
  [K in keyof T & string]: T[K] & { readonly operationId: K; readonly area: A };
};

/** One resource's routes, for its area's `defineRoutes` (methods and paths stay literal types for the typed client). */
export function declareRoutes<const T extends Record<string, RouteDeclaration>>(routes: T): T {
  return routes;
}

/**
 * An area's route table: each declaration gets its key as `operationId` and the area as `area`,
 * so that neither is written twice. Resource modules declare theirs with `declareRoutes` and the
 * area's `routes/index.ts` joins them here.
 */
export function defineRoutes<A extends Area, const T extends Record<string, RouteDeclaration>>(
  area: A,
  routes: T,
): AreaRoutes<A, T> {
  const table: Record<string, RouteSpec> = {};
  for (const [operationId, route] of Object.entries(routes))
    table[operationId] = { operationId, area, ...route };
  return table as AreaRoutes<A, T>;
}

type Out<S> = S extends Schema ? z.output<S> : Record<string, never>;
type In<S> = S extends Schema ? z.input<S> : never;

export type { IfMatch } from "../../shared/lib/if-match";

export interface HandlerInput<R extends RouteSpec> {
  params: Out<R["params"]>;
  query: Out<R["query"]>;
  body: Out<R["body"]>;
  principal: R["access"] extends "public" ? Principal | null : Principal;
  ifMatch: IfMatch | undefined;
  /** the uploaded file of an `upload` route */
  upload: R["upload"] extends object ? Upload : undefined;
  headers: Readonly<Record<string, string>>;
  requestId: string;
}

export type JsonResult<R extends RouteSpec> = {
  status?: number;
  body: In<R["response"]>;
  /** the resource version, sent as `ETag: "<version>"` */
  version?: number;
  headers?: Record<string, string>;
};

export type RawResult = {
  status?: number;
  /** text, or bytes (sent base64-encoded with `isBase64Encoded`, as API Gateway expects of binary bodies) */
  raw: string | Uint8Array;
  contentType: string;
  headers?: Record<string, string>;
};

export type NoContentResult = { status: 204; headers?: Record<string, string> };

export type HandlerResult<R extends RouteSpec> = JsonResult<R> | RawResult | NoContentResult;

export type RouteHandler<R extends RouteSpec> = (input: HandlerInput<R>) => Promise<HandlerResult<R>>;

export type Handlers<T extends Record<string, RouteSpec>> = { [K in keyof T]: RouteHandler<T[K]> };

export function routeKey(route: Pick<RouteSpec, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] ?? "");
}
