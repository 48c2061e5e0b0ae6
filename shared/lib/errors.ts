/**
 * Named errors, each mapped to one HTTP status in one place (`statusOf`). Domain and data code
 * throws these; the HTTP layer turns them into `application/problem+json`.
 *
 * Every text a caller can see exists in English and Chinese, and the compiler insists on both: an
 * error's detail is a `Bilingual` (`new NotFoundError({ en: "no tenant x", zh: "单位“x”不存在" })`),
 * a field error carries `message` (English) and `zh`, and each problem type has `title` and
 * `zhTitle`. The language is chosen once, at the HTTP boundary (`toProblem(error, language)`, from
 * `Accept-Language`); `path` and every other field never change with it.
 */

/** A text in the two languages the service answers in: English (the default) and Chinese. */
/** A problem's extra members, as they are or built in the answer's language. */
export type Extensions = Record<string, unknown> | ((language: Language) => Record<string, unknown>);

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** The language of an answer: `zh` for `Accept-Language: zh…`, else `en`. */
export type Language = "en" | "zh";

/** A failing field as the domain reports it: where, what is wrong in English, and the same in Chinese. */
export interface FieldIssue {
  path: string;
  message: string;
  zh: string;
}

export interface FieldError extends FieldIssue {
  /** where the problem is, e.g. `body.indicators[0].weight`, `query.period`, `path.y` — always rooted at the part of
   * the request it came from (business-rule errors of the domain are rebased onto `body.`) */
  path: string;
  /** what is wrong, in English */
  message: string;
  /** the same in Chinese, naming the field by its Chinese label (an indicator's name, 来源, 修改原因 …);
   * sent as `message` to a caller that prefers Chinese, never sent as a field of its own */
  zh: string;
  /** any extra facts a client can act on (e.g. the baseline and limit of a refused top-up) */
  [detail: string]: unknown;
}

/** A field error from a path, its text in both languages and any extra facts (kept after `message`). */
export function fieldError(path: string, text: Bilingual, extras: Record<string, unknown> = {}): FieldError {
  return { path, message: text.en, zh: text.zh, ...extras };
}

/** A field error as a problem body carries it: `message` in the answer's language. */
export interface ProblemFieldError {
  path: string;
  message: string;
  [detail: string]: unknown;
}

/** The field errors as one language sees them: `message` in that language, no `zh` field. */
export function localizeErrors(errors: readonly FieldError[], language: Language): ProblemFieldError[] {
  return errors.map(({ zh, ...rest }) => (language === "zh" ? { ...rest, message: zh } : rest));
}

/** "`first` (and N more)" over field errors, in both languages, from each error's own text. */
export function summarizeErrors(
  errors: ReadonlyArray<FieldIssue>,
  fallback: Bilingual,
  { withPath = true }: { withPath?: boolean } = {},
): Bilingual {
  const first = errors[0];
  if (!first) return fallback;
  const more = errors.length - 1;
  return {
    en: `${withPath ? `${first.path}: ` : ""}${first.message}${more > 0 ? ` (and ${more} more)` : ""}`,
    zh: `${first.zh}${more > 0 ? `（另有${more}处错误）` : ""}`,
  };
}

/**
 * A readable field path: `formatPath("body", ["indicators", 0, "weight"])` is
 * `body.indicators[0].weight`; a key that is not an identifier is quoted (`body.gradeQuotas["优秀"]`).
 */
export function formatPath(location: string, path: readonly PropertyKey[]): string {
  let out = location;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** The domain's field errors (paths relative to the request body) rooted at `body.`, as a 400's are. */
export function inBody(errors: ReadonlyArray<FieldIssue>): FieldError[] {
  return errors.map((e): FieldError => ({ ...e, path: `body.${e.path}` }));
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** the title in Chinese */
  abstract readonly zhTitle: string;
  /** problem type slug; the full type URI is built from it */
  abstract readonly slug: string;
  /** the problem's `detail` in both languages (`message` is its English) */
  readonly detail: Bilingual;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** extra members of the problem; a function when they hold texts in the answer's language */
  readonly extensions: Extensions | undefined;
  /** what a 5xx says instead of the generic text (never anything internal) */
  readonly publicDetail: Bilingual | undefined = undefined;

  /** The error about one field: the problem's `detail` and that field's own text (the detail's by default). */
  static about<E extends AppError>(
    this: new (
      detail: Bilingual,
      options?: { errors?: FieldError[] },
    ) => E,
    path: string,
    detail: Bilingual,
    field: Bilingual = detail,
  ): E {
    return new this(detail, { errors: [fieldError(path, field)] });
  }

  constructor(
    detail: Bilingual,
    options: {
      errors?: FieldError[];
      cause?: unknown;
      headers?: Record<string, string>;
      extensions?: Extensions;
    } = {},
  ) {
    super(detail.en, { cause: options.cause });
    this.name = new.target.name;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = "Request validation failed";
  readonly zhTitle = "请求校验未通过";
  readonly slug = "validation";
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = "Authentication required";
  readonly zhTitle = "需要身份认证";
  readonly slug = "unauthorized";
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = "Forbidden";
  readonly zhTitle = "无权访问";
  readonly slug = "forbidden";
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = "Not found";
  readonly zhTitle = "未找到";
  readonly slug = "not-found";
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly title = "Method not allowed";
  readonly zhTitle = "不支持该请求方法";
  readonly slug = "method-not-allowed";
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = "Conflict with the resource's state";
  readonly zhTitle = "与资源当前状态冲突";
  readonly slug = "conflict";
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly title = "If-Match does not match the current version";
  readonly zhTitle = "If-Match 与当前版本不一致";
  readonly slug = "precondition-failed";
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = "Request body too large";
  readonly zhTitle = "请求体过大";
  readonly slug = "payload-too-large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = "Unsupported media type";
  readonly zhTitle = "不支持的媒体类型";
  readonly slug = "unsupported-media-type";
}

export class BusinessRuleError extends AppError {
  readonly status = 422;
  readonly title = "The request breaks a business rule";
  readonly zhTitle = "请求不符合业务规则";
  readonly slug = "business-rule";
}

export class LockedError extends AppError {
  readonly status = 423;
  readonly title = "The reporting period is locked";
  readonly zhTitle = "该统计期已锁定";
  readonly slug = "locked";
}

export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly title = "If-Match is required to update a versioned resource";
  readonly zhTitle = "更新有版本的资源须携带 If-Match";
  readonly slug = "precondition-required";
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly title = "Too many requests";
  readonly zhTitle = "请求过于频繁";
  readonly slug = "rate-limited";
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly title = "Service temporarily unavailable";
  readonly zhTitle: string = "服务暂时不可用";
  readonly slug: string = "unavailable";
}

/** The identity provider's signing keys cannot be fetched: no token can be checked right now. */
export class IdentityProviderUnavailableError extends ServiceUnavailableError {
  override readonly zhTitle = "身份认证服务暂时不可用";
  override readonly slug = "identity-provider-unavailable";
  override readonly publicDetail = {
    en: "The service cannot reach its identity provider to check your token right now. Try again shortly.",
    zh: "暂时无法连接身份认证服务来验证您的令牌，请稍后重试。",
  };
}

export const PROBLEM_TYPE_BASE = "https://problems.employment-accountability.dev/";

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/**
 * The problem body of a known error in `language` (title, detail and every `errors[].message`;
 * nothing else changes). 5xx details are generic: nothing internal is ever shown.
 */
export function toProblem(error: AppError, language: Language = "en", instance?: string): ProblemDetails {
  const zh = language === "zh";
  const problem: ProblemDetails = {
    type: `${PROBLEM_TYPE_BASE}${error.slug}`,
    title: zh ? error.zhTitle : error.title,
    status: error.status,
    detail:
      error.status >= 500
        ? (error.publicDetail ?? genericDetail(error.status))[language]
        : zh
          ? error.detail.zh
          : error.message,
  };
  if (error.errors && error.errors.length > 0 && error.status < 500)
    problem.errors = localizeErrors(error.errors, language);
  if (error.extensions && error.status < 500)
    Object.assign(
      problem,
      typeof error.extensions === "function" ? error.extensions(language) : error.extensions,
    );
  if (instance) problem.instance = instance;
  return problem;
}

/** The title of the 500 problem, which no `AppError` stands for. */
export const INTERNAL_TITLE: Bilingual = { en: "Internal error", zh: "服务内部错误" };

export function internalProblem(language: Language = "en", instance?: string): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}internal`,
    title: INTERNAL_TITLE[language],
    status: 500,
    detail: genericDetail(500)[language],
    ...(instance ? { instance } : {}),
  };
}

function genericDetail(status: number): Bilingual {
  return status === 503
    ? {
        en: "The service cannot reach its storage right now. Try again shortly.",
        zh: "服务暂时无法访问数据存储，请稍后重试。",
      }
    : {
        en: "Something went wrong on our side. The error has been logged.",
        zh: "服务内部出现错误，已记录在案，请稍后重试。",
      };
}
