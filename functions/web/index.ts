/**
 * The web function behind the HTTP API's `$default` route: whatever no route of the route table
 * matches. A GET or HEAD of a non-API path is the browser console (`../console/web.ts`: the built
 * console shipped next to this bundle in `console/`, and `/console-config.json` from this
 * function's environment — OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES, OIDC_SIGN_OUT_URL,
 * PUBLIC_PROVINCES); anything else is a problem+json 404, or 405 with `Allow` for a known path
 * with another method (`unknown-route.ts`). It touches no storage.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { bundledConsoleDir, consoleResponse } from "../console/web";
import { logger } from "../http/logger";
import { routePatterns } from "./routes";
import { createRouteMatcher, type RoutePattern, unknownRouteResponse } from "./unknown-route";

let matcher: ReturnType<typeof createRouteMatcher<RoutePattern>> | undefined;

/** The console's directory: `CONSOLE_DIR` (tests, a local run), else `console/` next to the bundle. */
const consoleDir = process.env.CONSOLE_DIR ?? bundledConsoleDir(import.meta.url);

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const method = event.requestContext?.http?.method ?? "GET";
  const path = event.rawPath ?? "/";
  const page = consoleResponse(event, process.env, consoleDir);
  if (page) {
    logger.debug("console", { requestId: event.requestContext?.requestId, path: path.slice(0, 200) });
    return page;
  }
  matcher ??= createRouteMatcher(await routePatterns());
  const response = unknownRouteResponse(method, path, matcher(method, path));
  logger.info("no route", {
    requestId: event.requestContext?.requestId,
    method,
    path: path.slice(0, 200),
    status: response.statusCode,
  });
  return response;
};
