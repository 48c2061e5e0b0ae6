/**
 * Metrics and traces (Powertools, like the logger). Every request of an area function leaves:
 * - one log line `request` (route, status, latency, and the principal's role, province and tenant
 *   from the logger's request keys; never a token or key), joined to API Gateway's access log by
 *   `requestId`;
 * - route metrics in embedded metric format, namespace `EmploymentApi`, dimensions
 *   `service` × `route` (the operation id): `Requests`, `Latency` (ms), `4xx`, `5xx`;
 * - business metrics, dimension `service` only: `ReportsSubmitted`, `ReportsLate`, `Unlocks`,
 *   `ScoringRuns`, `CircularsPublished`, and `IdentityProviderUnavailable` /
 *   `CredentialStoreUnavailable` when authentication could not be done;
 * - an X-Ray trace (active tracing) with each DynamoDB call as a subsegment.
 * Outside Lambda the tracer is off, and metrics are only flushed to stdout when
 * POWERTOOLS_METRICS_DISABLED is not "true" (the local stack and the tests disable them).
 */
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { logger } from "./logger";
import { type BusinessMetric, METRICS_NAMESPACE, SERVICE_NAME } from "./metric-names";

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME;

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
export const tracer = new Tracer({ serviceName });

/** Count one business event (its own EMF record, without the route dimension). */
export function countBusiness(name: BusinessMetric, value = 1): void {
  const single = metrics.singleMetric();
  single.addMetric(name, MetricUnit.Count, value);
}

const traced = new WeakSet<object>();

/** The table client with its calls traced as subsegments (once per client; a no-op outside Lambda). */
export function traceClient<T extends DynamoDBDocumentClient>(client: T): T {
  if (!tracer.isTracingEnabled() || traced.has(client)) return client;
  traced.add(client);
  return tracer.captureAWSv3Client(client);
}

/** The table client's calls as X-Ray subsegments, before the route's steps (once per client; nothing outside Lambda). */
export function traceTableCalls(
  client: () => DynamoDBDocumentClient,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> {
  return {
    before: () => {
      traceClient(client());
    },
  };
}

type Request = { event: APIGatewayProxyEventV2; response?: APIGatewayProxyStructuredResultV2 | null };

/**
 * Route metrics and the request log line, after the problem mapper has answered (used before it,
 * so that its `onError` has set the response when this one runs).
 */
export function observeRequests(
  routeOf: (event: APIGatewayProxyEventV2) => string,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context> {
  const started = new WeakMap<object, number>();
  const done = (request: Request) => {
    const status = request.response?.statusCode ?? 500;
    const latencyMs = Math.round((performance.now() - (started.get(request) ?? performance.now())) * 10) / 10;
    const route = routeOf(request.event);
    metrics.addDimension("route", route);
    metrics.addMetric("Requests", MetricUnit.Count, 1);
    metrics.addMetric("Latency", MetricUnit.Milliseconds, latencyMs);
    metrics.addMetric("4xx", MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
    metrics.addMetric("5xx", MetricUnit.Count, status >= 500 ? 1 : 0);
    logger.info("request", {
      method: request.event.requestContext?.http?.method,
      status,
      latencyMs,
    });
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
    },
    after: (request) => done(request),
    onError: (request) => done(request),
  };
}
