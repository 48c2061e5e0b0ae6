/**
 * The web function behind the HTTP API's `$default` route: whatever no route of the route table
 * matches. Today that is a problem+json 404, or 405 with `Allow` for a known path with another
 * method (`unknown-route.ts`); it touches no storage. Its environment tells a browser console how
 * to sign in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES, API_ORIGIN).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { logger } from "../http/logger";
import { routePatterns } from "./routes";
import { createRouteMatcher, type RoutePattern, unknownRouteResponse } from "./unknown-route";

let matcher: ReturnType<typeof createRouteMatcher<RoutePattern>> | undefined;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  matcher ??= createRouteMatcher(await routePatterns());
  const method = event.requestContext?.http?.method ?? "GET";
  const path = event.rawPath ?? "/";
  const response = unknownRouteResponse(method, path, matcher(method, path));
  logger.info("no route", {
    requestId: event.requestContext?.requestId,
    method,
    path: path.slice(0, 200),
    status: response.statusCode,
  });
  return response;
};
