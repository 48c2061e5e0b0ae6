/**
 * What the pipeline's middlewares learn of a request, in the order they run: the route
 * (`matchRoute`), the caller (`authenticate`), the path parameters (`authorize`), the body as sent
 * (`parseBody`) and the validated query, body and If-Match (`validate`). It is kept on the
 * invocation's context, as middy's own middlewares keep what they fetch (`setToContext`), for the
 * route's handler.
 */
import type { MiddlewareObj, Request } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { Principal } from "../../shared/domain/principal";
import type { HandlerResult, IfMatch, RouteSpec, Upload } from "./route";

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A route with the handler bound to it by operation id. */
export interface BoundRoute {
  route: RouteSpec;
  handler: (input: never) => Promise<HandlerResult<RouteSpec>>;
}

export interface RequestState extends BoundRoute {
  /** a HEAD request, answered by the path's GET route without the body */
  head: boolean;
  principal: Principal | null;
  params: Record<string, unknown>;
  /** the JSON body as sent (undefined when empty), before validation */
  sentBody: unknown;
  upload: Upload | undefined;
  query: unknown;
  body: unknown;
  ifMatch: IfMatch | undefined;
}

export type HttpContext = Context & { routeState?: RequestState };
export type HttpRequest = Request<HttpEvent, HttpResult, Error, HttpContext>;
export type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, HttpContext>;

/** The request's state; `matchRoute` creates it, so every later middleware finds it. */
export function routeState(context: HttpContext): RequestState {
  const state = context.routeState;
  if (!state) throw new Error("the route pipeline's matchRoute middleware has not run");
  return state;
}
