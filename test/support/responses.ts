/**
 * Response bodies as the route table declares them, so a test names the route it calls instead of
 * re-declaring the body's shape: `ResponseOf<"getRulebook">` or `ResponseOf<"GET /v1/provinces/{p}/years/{y}/rulebook">`.
 *
 * `routeTable` (functions/routes.ts) is typed `RouteSpec[]`, which has lost each route's schemas;
 * the per-area tables built with `defineRoutes` keep them (its `const` type parameter), so the
 * types are read from those, keyed by operation id or by `METHOD path`.
 */
import type * as z from "zod/mini";
import type { assessmentRoutes } from "../../functions/assessment/routes";
import type { circularsRoutes } from "../../functions/circulars/routes";
import type { platformRoutes } from "../../functions/platform/routes";
import type { scoringRoutes } from "../../functions/scoring/routes";
import type { subsidiesRoutes } from "../../functions/subsidies/routes";

type Routes = typeof platformRoutes &
  typeof assessmentRoutes &
  typeof scoringRoutes &
  typeof circularsRoutes &
  typeof subsidiesRoutes;

/** A route's operation id, e.g. `"getRulebook"`. */
export type OperationId = keyof Routes & string;

type RoutesByKey = { [K in OperationId as `${Routes[K]["method"]} ${Routes[K]["path"]}`]: Routes[K] };

/** A route's `METHOD path`, the path in API Gateway syntax, e.g. `"GET /v1/tenants/{t}"`. */
export type RouteKey = keyof RoutesByKey & string;

type RouteOf<K extends OperationId | RouteKey> = K extends OperationId
  ? Routes[K]
  : K extends RouteKey
    ? RoutesByKey[K]
    : never;

/** The JSON body of the route's success response, as a client reads it. */
export type ResponseOf<K extends OperationId | RouteKey> =
  RouteOf<K> extends { response: infer S extends z.ZodMiniType } ? z.output<S> : never;

/** The JSON body the route takes. */
export type RequestOf<K extends OperationId | RouteKey> =
  RouteOf<K> extends { body: infer S extends z.ZodMiniType } ? z.input<S> : never;

/**
 * A problem details body (RFC 9457), as every refusal is answered. The route table declares
 * success responses only; this is the one declaration of the error body for the tests.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string; [extra: string]: unknown }>;
  [extension: string]: unknown;
}
