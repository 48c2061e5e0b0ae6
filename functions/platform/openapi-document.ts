import { buildOpenApi } from "../http/openapi";
import { routeTable } from "../routes";

let cached: ReturnType<typeof buildOpenApi> | undefined;

/** Built on first request and kept for the life of the function instance. */
export function openApiDocument(): ReturnType<typeof buildOpenApi> {
  cached ??= buildOpenApi(routeTable, {
    title: "Employment accountability API (就业创业目标责任制考评)",
    version: "1.0.0",
  });
  return cached;
}
