/** The API's OpenAPI document, built from the one route table. */
import { routeTable } from "../routes";
import { buildOpenApi } from "./openapi";

export const OPENAPI_INFO = {
  title: "Employment accountability API (就业创业目标责任制考评)",
  version: "1.0.0",
};

export function buildOpenApiDocument(): ReturnType<typeof buildOpenApi> {
  return buildOpenApi(routeTable, OPENAPI_INFO);
}
