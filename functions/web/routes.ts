/**
 * The route patterns the web function answers 404/405 against. The deployed function gets them
 * precomputed: the CDK stack writes `routes.json` (method and path of every route) next to the
 * bundle and the `__ROUTES_BUNDLED__` constant makes esbuild drop the fallback, so this function
 * bundles no route declarations or schemas. The local stack and the tests read the route table.
 */
import { readFileSync } from "node:fs";
import type { RoutePattern } from "./unknown-route";

declare const __ROUTES_BUNDLED__: boolean | undefined;

/** Imported by a computed specifier so that esbuild does not bundle it (see platform/openapi-document.ts). */
const SOURCE_TABLE = "../routes";

let cached: readonly RoutePattern[] | undefined;

export async function routePatterns(): Promise<readonly RoutePattern[]> {
  if (cached) return cached;
  if (typeof __ROUTES_BUNDLED__ !== "undefined") {
    cached = JSON.parse(readFileSync(new URL("./routes.json", import.meta.url), "utf8")) as RoutePattern[];
    return cached;
  }
  const { routeTable } = (await import(SOURCE_TABLE)) as typeof import("../routes");
  cached = routeTable.map(({ method, path }) => ({ method, path }));
  return cached;
}
