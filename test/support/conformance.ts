/**
 * Every response the API tests receive, checked against the OpenAPI document the server serves
 * (built from the same route table): the status must be documented for the operation, the media
 * type too, a JSON body must validate against its schema (Ajv, JSON Schema 2020-12, with formats),
 * a 405 must say `Allow`, a HEAD response has no body. Unknown paths answer the Problem schema.
 * A response that disagrees throws in the test's HTTP client, so drift fails CI.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApiDocument } from "../../functions/http/openapi-document";

type Json = Record<string, any>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

interface Operation {
  pattern: RegExp;
  method: string;
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Json }>;
}

let state:
  | { operations: Operation[]; problem: Json; ajv: Ajv2020; compiled: Map<string, ValidateFunction> }
  | undefined;

function load() {
  if (state) return state;
  const document = buildOpenApiDocument() as Json;
  const problem = document.components.schemas.Problem as Json;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`);
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({
        pattern,
        method: method.toUpperCase(),
        operationId: operation.operationId,
        responses: operation.responses,
      });
    }
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  state = { operations, problem, ajv, compiled: new Map() };
  return state;
}

/** The schema with `#/components/schemas/Problem` inlined (the only component it can refer to). */
function inline(schema: Json, problem: Json): Json {
  return JSON.parse(
    JSON.stringify(schema).replace(/\{"\$ref":"#\/components\/schemas\/Problem"\}/g, JSON.stringify(problem)),
  ) as Json;
}

function validator(key: string, schema: Json): ValidateFunction {
  const s = load();
  let compiled = s.compiled.get(key);
  if (!compiled) {
    compiled = s.ajv.compile(inline(schema, s.problem));
    s.compiled.set(key, compiled);
  }
  return compiled;
}

export class ConformanceError extends Error {
  override name = "ConformanceError";
}

/** Throws when the response is not what the served OpenAPI document says. */
export function checkConformance(response: {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
}): void {
  // the path as the client sent it: fetch resolves dot segments (`/v1/..` is `/`) before sending
  const path = new URL(response.path.split("?")[0] ?? "/", "http://api.invalid").pathname;
  if (path.startsWith("/local/")) return;
  // everything outside /v1 is the console's (the single-page app), not the API's
  if (!(path === "/v1" || path.startsWith("/v1/"))) return;
  const method = response.method.toUpperCase();
  const where = `${method} ${path} → ${response.status}`;
  const fail = (why: string): never => {
    throw new ConformanceError(
      `${where} disagrees with the OpenAPI document: ${why}\n${response.text.slice(0, 500)}`,
    );
  };
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (response.status === 405 && !response.headers.get("allow")) fail("a 405 without an Allow header");
  if (method === "HEAD" && response.text !== "") fail("a HEAD response with a body");
  const s = load();
  const candidates = s.operations.filter((o) => o.pattern.test(path));
  const operation = candidates.find((o) => o.method === method);
  // no such operation: the $default answer, problem+json 404/405 (or a parser-level 4xx)
  if (!operation) {
    if (response.status < 400) fail("no documented operation answers it");
    if (method === "HEAD") return;
    if (contentType !== "application/problem+json") fail(`content-type ${contentType}, not problem+json`);
    const validate = validator("Problem", s.problem);
    if (!validate(JSON.parse(response.text))) fail(s.ajv.errorsText(validate.errors));
    return;
  }
  const documented = operation.responses[String(response.status)];
  if (!documented) fail(`status ${response.status} is not documented for ${operation.operationId}`);
  if (method === "HEAD" || response.status === 204) return;
  const media = Object.entries(documented?.content ?? {}).find(
    ([type]) => type.split(";")[0]?.trim() === contentType,
  )?.[1];
  if (!media) fail(`content-type ${contentType || "(none)"} is not documented for ${response.status}`);
  if (!/json$/.test(contentType) || !media?.schema) return;
  const validate = validator(`${operation.operationId} ${response.status} ${contentType}`, media.schema);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    fail("the body is not JSON");
  }
  if (!validate(body)) fail(s.ajv.errorsText(validate.errors, { separator: "; " }));
}
