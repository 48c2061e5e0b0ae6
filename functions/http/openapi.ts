/** The OpenAPI 3.1 document, generated from the route table (JSON Schema 2020-12 from the zod schemas). */
import * as z from "zod/mini";
import type { RouteSpec } from "./route";
import { pathParamNames } from "./route";
import { problemSchema } from "./schemas";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodMiniType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function propertiesOf(
  schema: z.ZodMiniType | undefined,
): { name: string; schema: JsonSchema; required: boolean }[] {
  if (!schema) return [];
  const json = schemaOf(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, schema: s, required: required.has(name) }));
}

/** What the server accepts as If-Match (functions/http/middleware/validate.ts `parseIfMatch`). */
export const IF_MATCH_PATTERN = '^\\s*(\\*|(W/)?"?[0-9]{1,9}"?)\\s*$';
/** What it sends as ETag: a version `"3"`, or a published circular's SHA-256 `"<hex>"`. */
const ETAG_PATTERN = '^"([0-9]{1,9}|[0-9a-f]{64})"$';

const problemRef = { $ref: "#/components/schemas/Problem" };
const problemContent = { "application/problem+json": { schema: problemRef } };

const STATUS_TEXT: Record<number, string> = {
  400: "The request is not valid (each field path is listed in `errors`)",
  401: "No or bad credentials",
  403: "The role or tenant does not allow it",
  404: "No such resource",
  409: "The resource's state forbids it",
  412: "If-Match does not match the current version",
  413: "The body is too large",
  415: "The body is not JSON",
  422: "The request breaks a business rule",
  423: "The reporting period is locked",
  428: "If-Match is required",
  429: "Rate limit",
  503: "Storage unavailable",
};

function errorStatuses(route: RouteSpec): number[] {
  const statuses = new Set<number>([400, 503]);
  const add = (...codes: number[]) => {
    for (const code of codes) statuses.add(code);
  };
  if (route.access !== "public") add(401, 403, 429);
  if (route.params) add(404);
  if (route.body || route.upload) add(413, 415, 422);
  if (route.versioned) add(409, 412, 428);
  add(...(route.alsoErrors ?? []));
  return [...statuses].sort((a, b) => a - b);
}

export function buildOpenApi(
  routes: readonly RouteSpec[],
  info: { title: string; version: string },
): JsonSchema & { openapi: string } {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const pathParams = new Set(pathParamNames(route.path));
    const parameters = [
      ...propertiesOf(route.params)
        .filter((p) => pathParams.has(p.name))
        .map((p) => ({ name: p.name, in: "path", required: true, schema: p.schema })),
      ...propertiesOf(route.query).map((p) => ({
        name: p.name,
        in: "query",
        required: p.required,
        schema: p.schema,
      })),
      ...(route.versioned && route.method !== "GET"
        ? [
            {
              name: "If-Match",
              in: "header",
              required: false,
              description:
                'The version being replaced as its ETag, e.g. "3" (required to replace an existing version); * for any',
              schema: { type: "string", pattern: IF_MATCH_PATTERN },
            },
          ]
        : []),
    ];
    const success = route.status ?? 200;
    const responses: Record<string, unknown> = {};
    const links = route.links
      ? {
          links: Object.fromEntries(
            Object.entries(route.links).map(([operationId, parameters]) => [
              operationId,
              { operationId, parameters },
            ]),
          ),
        }
      : {};
    for (const status of [success, ...(route.alsoStatus ?? [])]) {
      responses[String(status)] =
        status === 204
          ? { description: "No content" }
          : {
              description: "Success",
              ...(route.versioned
                ? { headers: { ETag: { schema: { type: "string", pattern: ETAG_PATTERN } } } }
                : {}),
              ...links,
              content: {
                ...(route.response
                  ? { "application/json": { schema: schemaOf(route.response, "output") } }
                  : {}),
                ...Object.fromEntries(
                  (route.produces ?? []).map((type) => [type, { schema: { type: "string" } }]),
                ),
              },
            };
    }
    for (const status of errorStatuses(route)) {
      responses[String(status)] = { description: STATUS_TEXT[status] ?? "Error", content: problemContent };
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags ?? [route.area],
      ...(parameters.length ? { parameters } : {}),
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: `The file, at most ${route.upload.maxBytes} bytes`,
              content: Object.fromEntries(
                route.upload.types.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
              ),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(route.body, "input") } },
            },
          }
        : {}),
      responses,
      security: route.access === "public" ? [] : [{ bearerAuth: [] }, { apiKey: [] }],
      ...(route.access === "public" ? {} : { "x-roles": route.access.roles }),
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
    if (route.method === "GET") {
      // HEAD answers as GET does, without a body
      const headResponses = Object.fromEntries(
        Object.entries(responses).map(([status, response]) => {
          const { content: _content, links: _links, ...rest } = response as Record<string, unknown>;
          return [status, rest];
        }),
      );
      (paths[route.path] as Record<string, unknown>).head = {
        ...operation,
        operationId: `${route.operationId}Head`,
        summary: `${route.summary} (headers only)`,
        responses: headResponses,
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      license: {
        name: "Proprietary: for the employment bureaus' own use",
        identifier: "LicenseRef-Proprietary",
      },
      description:
        "Employment-target accountability for provincial and city employment bureaus: rulebooks, targets, monthly reports, scoring, circulars and subsidies. Errors are application/problem+json.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    // the same origin the document is served from (the API's endpoint or custom domain, or the local stack)
    servers: [{ url: "/", description: "this deployment" }],
    paths,
    components: {
      schemas: { Problem: schemaOf(problemSchema, "output") },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
    },
  };
}
