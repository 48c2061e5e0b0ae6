/**
 * A concrete path for every route of the route table, with the path's tenant and province
 * filled in. A route with a parameter not listed here makes the authorization tests fail, so a
 * new route cannot escape them.
 */
import type { RouteSpec } from "../../functions/http/route";
import { pathParamNames } from "../../functions/http/route";

const SAMPLES: Record<string, string> = {
  y: "2019",
  period: "2019-03",
  keyId: "0123456789abcdef",
  runId: "run0000000001",
  c: "circ000000001",
  code: "startup_subsidy",
};

export function samplePath(route: RouteSpec, scope: { provinceId: string; tenantId: string }): string {
  return route.path.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    if (name === "p") return scope.provinceId;
    if (name === "t") return scope.tenantId;
    const sample = SAMPLES[name];
    if (!sample)
      throw new Error(
        `no sample value for {${name}} in ${route.method} ${route.path}: add one to test/support/route-samples.ts`,
      );
    return sample;
  });
}

export function scopeOf(route: RouteSpec): { province: boolean; tenant: boolean } {
  const names = pathParamNames(route.path);
  return { province: names.includes("p"), tenant: names.includes("t") };
}

/** `it.each` rows of routes, one a route, each named by its method and path ("GET /v1/…"). */
export function routeCases(routes: readonly RouteSpec[]): Array<readonly [string, RouteSpec]> {
  return routes.map((r) => [`${r.method} ${r.path}`, r] as const);
}
