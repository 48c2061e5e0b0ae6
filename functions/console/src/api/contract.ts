/**
 * The API contract as the console sees it: types only, taken from the route table itself, so a
 * changed path, body or response breaks the console's build instead of a user's page.
 */
import type * as z from "zod/mini";
import type { assessmentRoutes } from "../../../assessment/routes";
import type { circularsRoutes } from "../../../circulars/routes";
import type { platformRoutes } from "../../../platform/routes";
import type { scoringRoutes } from "../../../scoring/routes";
import type { subsidiesRoutes } from "../../../subsidies/routes";

type Table = typeof platformRoutes &
  typeof assessmentRoutes &
  typeof scoringRoutes &
  typeof circularsRoutes &
  typeof subsidiesRoutes;

export type OperationId = keyof Table;
export type Method = Table[OperationId]["method"];

/** Every path served for a method, e.g. `PathOf<"GET">` includes `/v1/tenants/{t}/years/{y}/targets`. */
export type PathOf<M extends Method> = {
  [K in OperationId]: Table[K]["method"] extends M ? Table[K]["path"] : never;
}[OperationId];

/** The operation of a method and path. */
export type OperationOf<M extends Method, P extends string> = {
  [K in OperationId]: Table[K] extends { method: M; path: P } ? K : never;
}[OperationId];

type Output<S> = S extends z.ZodMiniType ? z.output<S> : never;
type Input<S> = S extends z.ZodMiniType ? z.input<S> : never;

export type ResponseOf<M extends Method, P extends string> = Table[OperationOf<M, P>] extends {
  response: infer S;
}
  ? Output<S>
  : undefined;
export type BodyOf<M extends Method, P extends string> = Table[OperationOf<M, P>] extends { body: infer S }
  ? Input<S>
  : undefined;
export type QueryOf<M extends Method, P extends string> = Table[OperationOf<M, P>] extends { query: infer S }
  ? Input<S>
  : undefined;

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;
export type ParamsOf<P extends string> = { [K in ParamNames<P>]: string | number };

/** Response bodies by operation id, for components that take them as props. */
export type Response<K extends OperationId> = Table[K] extends { response: infer S } ? Output<S> : undefined;
export type Body<K extends OperationId> = Table[K] extends { body: infer S } ? Input<S> : undefined;
