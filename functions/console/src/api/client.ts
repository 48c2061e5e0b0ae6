/**
 * The console's one way to call the API: typed by the route table (`contract.ts`), the ID token
 * as bearer, `Accept-Language: zh-CN` so every problem comes back in Chinese, and every error as
 * an `ApiProblem` whose `errors[].path` (in dot form, `dotPath`) the page shows beside the
 * field. A 401 means the session has expired: the user signs in again and comes back to the same
 * page (drafts are kept).
 */
import { expireSession, session } from "../auth/session";
import { dotPath } from "../lib/paths";
import type { BodyOf, Method, ParamsOf, PathOf, QueryOf, ResponseOf } from "./contract";

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[],
    /** the whole problem body (extensions such as `closedAt`, `baseline`) */
    readonly body: Record<string, unknown>,
  ) {
    super(detail || title);
  }

  /** the message for one field path (`body.values.urban_new_jobs`), if the problem names it */
  at(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }

  /** the messages of every path under a prefix, by the rest of the path */
  under(prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) if (e.path.startsWith(prefix)) out[e.path.slice(prefix.length)] = e.message;
    return out;
  }
}

export interface ApiResult<T> {
  status: number;
  data: T;
  /** the resource version from `ETag: "<n>"` */
  version: number | undefined;
  headers: Headers;
}

interface CallOptions<M extends Method, P extends string> {
  params?: ParamsOf<P>;
  query?: QueryOf<M, P> | Record<string, string | number | boolean | undefined>;
  body?: BodyOf<M, P>;
  ifMatch?: number | undefined;
  /** send no credentials even when signed in (public pages) */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** the browser cache mode (e.g. `no-cache` to revalidate a publicly cached answer) */
  cache?: RequestCache;
}

/** Where the user is, for coming back after signing in again. */
let currentLocation: () => string = () => window.location.pathname + window.location.search;
export function trackLocation(read: () => string): void {
  currentLocation = read;
}

export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

export function apiUrl(path: string, params?: Record<string, string | number>, query?: object): string {
  const url = fillPath(path, params);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

async function problemOf(res: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).flatMap((e) =>
        e && typeof e === "object" && typeof (e as FieldProblem).path === "string"
          ? [{ path: dotPath((e as FieldProblem).path), message: String((e as FieldProblem).message ?? "") }]
          : [],
      )
    : [];
  return new ApiProblem(
    res.status,
    typeof body.title === "string" ? body.title : `请求失败（${res.status}）`,
    typeof body.detail === "string" ? body.detail : "",
    errors,
    body,
  );
}

/**
 * Every request of the console: Chinese problems, the bearer unless anonymous, a network failure or
 * an expired session (401: sign in again, back to this page) as an `ApiProblem`, any other error
 * status as the API's own problem.
 */
async function send(
  url: string,
  init: Omit<RequestInit, "headers"> & { headers: Record<string, string> },
  anonymous: boolean,
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers, "accept-language": "zh-CN" };
  const signedIn = Boolean(session.token) && !anonymous;
  if (signedIn) headers.authorization = `Bearer ${session.token}`;
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiProblem(
      0,
      "网络连接失败",
      "无法连接服务器，请检查网络后重试；未保存的内容已保存在本机。",
      [],
      {},
    );
  }
  if (res.status === 401 && signedIn) {
    void expireSession(currentLocation());
    throw new ApiProblem(
      401,
      "登录已过期",
      "登录已过期，正在转到登录页面；未保存的内容已保存在本机。",
      [],
      {},
    );
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

export async function api<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  options: CallOptions<M, P> = {},
): Promise<ApiResult<ResponseOf<M, P>>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await send(
    apiUrl(path, options.params as Record<string, string | number>, options.query ?? {}),
    {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.cache ? { cache: options.cache } : {}),
    },
    options.anonymous ?? false,
  );
  const etag = res.headers.get("etag");
  const version = etag ? Number(/"?(\d+)"?/.exec(etag)?.[1]) : undefined;
  const data = (res.status === 204 ? undefined : await res.json()) as ResponseOf<M, P>;
  return {
    status: res.status,
    data,
    version: Number.isFinite(version) ? version : undefined,
    headers: res.headers,
  };
}

/** A download link's URL with the bearer cannot be a plain link: fetch it and save the blob. */
export async function download(url: string, filename: string, anonymous = false): Promise<void> {
  const res = await send(url, { headers: {} }, anonymous);
  const disposition = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : filename;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The import routes (a filled template in, what would change out). */
export type ImportPath =
  | "/v1/provinces/{p}/years/{y}/targets/import"
  | "/v1/tenants/{t}/years/{y}/reports/{period}/import";
export type ImportResult = ResponseOf<"POST", "/v1/provinces/{p}/years/{y}/targets/import">;

const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The media type the API expects for a spreadsheet file, from its name (undefined: not one it takes). */
export function spreadsheetType(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return XLSX_MEDIA_TYPE;
  if (lower.endsWith(".csv")) return "text/csv";
  return undefined;
}

/** Send a filled template to an import route: `dryRun` shows what would change and writes nothing. */
export async function importSpreadsheet(
  path: ImportPath,
  options: {
    params: Record<string, string | number>;
    file: File;
    dryRun: boolean;
    ifMatch?: number | undefined;
  },
): Promise<ImportResult> {
  const type = spreadsheetType(options.file.name);
  if (!type) {
    throw new ApiProblem(0, "文件类型不支持", "请选择从本页下载的模板填好后的 .xlsx 或 .csv 文件。", [], {});
  }
  const headers: Record<string, string> = { accept: "application/json", "content-type": type };
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  const res = await send(
    apiUrl(path, options.params, { dryRun: String(options.dryRun) }),
    { method: "POST", headers, body: options.file },
    false,
  );
  return (await res.json()) as ImportResult;
}
