/**
 * The HTTP pipeline every area Lambda runs (and the local stack calls): middy with Powertools'
 * logger context, trace and metrics first, then the request's metrics and log line, problem+json
 * for every error, and the route's own steps, each a middleware of its own module
 * (`functions/http/middleware/`): match the route, authenticate the caller, authorize (path
 * parameters, then the access rule), parse the body, validate query, body and If-Match. The
 * route's thin handler runs last, on what they found.
 */
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import middy from "@middy/core";
import type { Authenticate } from "./auth-context";
import { httpConfig } from "./config";
import { logger } from "./logger";
import { answerProblems } from "./middleware/answer-problems";
import { authenticate } from "./middleware/authenticate";
import { authorize } from "./middleware/authorize";
import { findRoute, matchRoute, type RouteTable, routeTableOf } from "./middleware/match-route";
import { parseBody } from "./middleware/parse-body";
import { validate } from "./middleware/validate";
import { metrics, observeRequests, tracer, traceTableCalls } from "./observability";
import { type HttpContext, type HttpEvent, type HttpResult, routeState } from "./request-state";
import { toHttpResult } from "./result";
import type { Handlers, RouteSpec } from "./route";

export interface PipelineDeps {
  /** The province a tenant belongs to, or null when there is no such tenant. */
  tenantProvince(tenantId: string): Promise<string | null>;
  /** The verdict on a request's credentials (functions/authorizer/authenticate.ts). */
  authenticate: Authenticate;
  /** The process-wide table client, whose calls are traced. */
  tableClient(): DynamoDBDocumentClient;
}

export function createHttpHandler<T extends Record<string, RouteSpec>>(
  routes: T,
  handlers: Handlers<T>,
  deps: PipelineDeps,
) {
  const table = routeTableOf({ routes, handlers });
  // after/onError run in reverse: problem+json first, then the request's metrics and log line,
  // then the metrics flush, the trace and the logger's context reset
  return middy<HttpEvent, HttpResult, Error, HttpContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(observeRequests((event) => routeName(table, event)))
    .use(answerProblems())
    .use(matchRoute(table))
    .use(traceTableCalls(deps.tableClient))
    .use(authenticate({ authenticate: deps.authenticate }))
    .use(authorize({ tenantProvince: deps.tenantProvince }))
    .use(parseBody())
    .use(validate())
    .handler(runRoute);
}

/** The route's handler on what the middlewares found, its result as API Gateway's. */
async function runRoute(event: HttpEvent, context: HttpContext): Promise<HttpResult> {
  const state = routeState(context);
  const result = await state.handler({
    params: state.params,
    query: state.query,
    body: state.body,
    principal: state.principal,
    ifMatch: state.ifMatch,
    upload: state.upload,
    headers: (event.headers ?? {}) as Record<string, string>,
    requestId: event.requestContext?.requestId ?? "",
  } as never);
  return toHttpResult(state.route, result, { validateResponse: httpConfig().validateResponses });
}

/** The route dimension of the request's metrics: its operation id (`HEAD …` for HEAD), or `unmatched`. */
function routeName(table: RouteTable, event: HttpEvent): string {
  const { bound, head } = findRoute(table, event);
  return bound ? `${head ? "HEAD " : ""}${bound.route.operationId}` : "unmatched";
}
