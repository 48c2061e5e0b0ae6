/**
 * The route's access rule (`shared/domain/principal.ts`) for the caller, on the path's province
 * and tenant: its path parameters are validated first (400 `path.…`), since the rule reads them.
 * A city credential must name a tenant of its own province, on every route.
 */
import { checkAccess, type Principal } from "../../../shared/domain/principal";
import { ForbiddenError, NotFoundError } from "../../../shared/lib/errors";
import { ROUTE_LABELS } from "../../../shared/lib/labels";
import { type HttpMiddleware, routeState } from "../request-state";
import type { RouteSpec } from "../route";
import { parseOrThrow } from "./validate";

export interface AuthorizeOptions {
  /** The province a tenant belongs to, or null when there is no such tenant. */
  tenantProvince(tenantId: string): Promise<string | null>;
}

export function authorize(options: AuthorizeOptions): HttpMiddleware {
  return {
    before: async (request) => {
      const state = routeState(request.context);
      const labels = ROUTE_LABELS[state.route.operationId];
      state.params = parseOrThrow(state.route.params, request.event.pathParameters ?? {}, "path", labels);
      await checkRoute(state.route, state.principal, state.params, options);
    },
  };
}

async function checkRoute(
  route: RouteSpec,
  principal: Principal | null,
  params: Record<string, unknown>,
  options: AuthorizeOptions,
): Promise<void> {
  if (route.access === "public") return;
  // A city token must name a tenant of its own province (an API key's tenant and province come
  // from the key itself). Claims that disagree are refused on every route.
  if (
    principal &&
    (principal.role === "city-admin" || principal.role === "city-reporter") &&
    principal.tenantId !== undefined
  ) {
    const home = await options.tenantProvince(principal.tenantId);
    if (home !== principal.provinceId) {
      throw new ForbiddenError({
        en: `the credential's tenant ${principal.tenantId} is not a tenant of its province ${principal.provinceId ?? ""}`,
        zh: `身份凭据中的单位“${principal.tenantId}”不属于其所在省份“${principal.provinceId ?? ""}”。`,
      });
    }
  }
  const provinceId = typeof params.p === "string" ? params.p : undefined;
  const tenantId = typeof params.t === "string" ? params.t : undefined;
  const needsLookup =
    tenantId !== undefined &&
    principal !== null &&
    (principal.role === "province-admin" || principal.role === "province-reviewer") &&
    !route.tenantMayBeNew &&
    route.access.roles.includes(principal.role) &&
    (provinceId === undefined || provinceId === principal.provinceId);
  const tenantProvinceId = needsLookup && tenantId ? await options.tenantProvince(tenantId) : undefined;
  const decision = checkAccess({
    rule: route.access,
    principal,
    provinceId,
    tenantId,
    tenantProvinceId,
    tenantMayBeNew: route.tenantMayBeNew ?? false,
  });
  if (decision.allowed) return;
  if (decision.status === 404)
    throw new NotFoundError({
      en: `no tenant ${tenantId ?? ""} in your province`,
      zh: `本省没有单位“${tenantId ?? ""}”。`,
    });
  throw new ForbiddenError(decision.reason);
}
