/**
 * The OpenAPI document as served. The deployed function gets it precomputed: the CDK stack
 * builds it from the route table at synth time and ships it as `openapi.json` next to the bundle,
 * and the `__OPENAPI_BUNDLED__` constant makes esbuild drop the fallback below — so that function
 * neither bundles every area's schemas nor builds them on a cold start. The local stack and the
 * tests build it from the same route table on first request.
 */
import { readFileSync } from "node:fs";

declare const __OPENAPI_BUNDLED__: boolean | undefined;

/**
 * Imported by a computed specifier so that esbuild does not bundle it: only the local stack and
 * the tests (which run the TypeScript sources) ever take this path.
 */
const SOURCE_BUILDER = "../http/openapi-document";

let cached: string | undefined;

export async function openApiJson(): Promise<string> {
  if (typeof __OPENAPI_BUNDLED__ !== "undefined") {
    cached ??= readFileSync(new URL("./openapi.json", import.meta.url), "utf8");
    return cached;
  }
  if (cached === undefined) {
    const { buildOpenApiDocument } = (await import(
      SOURCE_BUILDER
    )) as typeof import("../http/openapi-document");
    cached = JSON.stringify(buildOpenApiDocument());
  }
  return cached;
}
