/**
 * THE route table: every route of the API, from each area's declarations. The CDK stack, the
 * local router, the OpenAPI document and the authorization test matrix all read this list.
 * (It holds declarations and schemas only; handlers are bound per area, so each Lambda bundles
 * only its own area's code.)
 */
import { assessmentRoutes } from "./assessment/routes";
import { circularsRoutes } from "./circulars/routes";
import type { RouteSpec } from "./http/route";
import { platformRoutes } from "./platform/routes";
import { scoringRoutes } from "./scoring/routes";
import { subsidiesRoutes } from "./subsidies/routes";

const areaTables: ReadonlyArray<Record<string, RouteSpec>> = [
  platformRoutes,
  assessmentRoutes,
  scoringRoutes,
  circularsRoutes,
  subsidiesRoutes,
];

export const routeTable: readonly RouteSpec[] = areaTables.flatMap((routes) => Object.values(routes));
