/** A tiny HTTP client for API tests against the local stack. */
import { Agent, request } from "node:http";
import { checkConformance } from "./conformance";

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string | undefined;
  apiKey?: string | undefined;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  ifMatch?: string | number;
}

/** The request's headers and body from the call's options (credentials, If-Match, JSON or raw body). */
function prepareRequest(options: CallOptions): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return { headers, body };
}

/** A response body: parsed when it is JSON, else the text. */
function parseBody(contentType: string, text: string): unknown {
  return contentType.includes("json") && text ? JSON.parse(text) : text;
}

export function client(baseUrl: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const { headers, body } = prepareRequest(options);
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    // every response the API suites receive must be what the served OpenAPI document says
    checkConformance({ method, path, status: res.status, headers: res.headers, text });
    return {
      status: res.status,
      headers: res.headers,
      body: parseBody(res.headers.get("content-type") ?? "", text) as T,
      text,
    };
  };
}

export type Call = ReturnType<typeof client>;

/**
 * The same client over `node:http` with a keep-alive agent — what the AWS SDK itself uses — for
 * latency measurements, where fetch's own overhead would blur the comparison.
 */
export function keepAliveClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return function call<T = any>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const { headers, body } = prepareRequest(options);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request(`${baseUrl}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") responseHeaders.set(name, value);
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: responseHeaders,
            body: parseBody(String(res.headers["content-type"] ?? ""), text) as T,
            text,
          });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  };
}
