/**
 * The route of a request, by API Gateway's `routeKey`: HEAD runs the GET route of the path (API
 * Gateway has a HEAD route for each) and leaves its body out. No route is 404.
 */
import { NotFoundError } from "../../../shared/lib/errors";
import type { BoundRoute, HttpEvent, HttpMiddleware } from "../request-state";
import { type Handlers, type RouteSpec, routeKey } from "../route";

export interface MatchRouteOptions<T extends Record<string, RouteSpec>> {
  routes: T;
  handlers: Handlers<T>;
}

/** The route table of one area, keyed as API Gateway names its routes (`GET /v1/...`). */
export type RouteTable = ReadonlyMap<string, BoundRoute>;

export function routeTableOf<T extends Record<string, RouteSpec>>(options: MatchRouteOptions<T>): RouteTable {
  const table = new Map<string, BoundRoute>();
  for (const [operationId, route] of Object.entries(options.routes)) {
    const handler = options.handlers[operationId as keyof T];
    table.set(routeKey(route), { route, handler: handler as never });
  }
  return table;
}

/** The route an event names (a HEAD request's GET route), and whether it is a HEAD request. */
export function findRoute(table: RouteTable, event: HttpEvent): { bound?: BoundRoute; head: boolean } {
  const head = event.routeKey?.startsWith("HEAD ") ?? false;
  return { bound: table.get(head ? `GET ${event.routeKey.slice(5)}` : event.routeKey), head };
}

export function matchRoute(table: RouteTable): HttpMiddleware {
  return {
    before: (request) => {
      const { event } = request;
      const { bound, head } = findRoute(table, event);
      if (!bound) {
        const sent = `${event.requestContext?.http?.method ?? ""} ${event.rawPath ?? ""}`;
        throw new NotFoundError({ en: `no route ${sent}`, zh: `没有此接口：${sent}` });
      }
      request.context.routeState = {
        ...bound,
        head,
        principal: null,
        params: {},
        sentBody: undefined,
        upload: undefined,
        query: {},
        body: undefined,
        ifMatch: undefined,
      };
    },
    after: (request) => {
      if (request.context.routeState?.head && request.response)
        request.response = { ...request.response, body: "", isBase64Encoded: false };
    },
  };
}
