/**
 * Named errors, each mapped to one HTTP status in one place (`statusOf`). Domain and data code
 * throws these; the HTTP layer turns them into `application/problem+json`.
 */

export interface FieldError {
  /** where the problem is, e.g. `body.indicators[0].weight`, `query.period`, `path.y` — always rooted at the part of
   * the request it came from (business-rule errors of the domain are rebased onto `body.`) */
  path: string;
  message: string;
  /** any extra facts a client can act on (e.g. the baseline and limit of a refused top-up) */
  [detail: string]: unknown;
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
export function inBody(errors: ReadonlyArray<{ path: string; message: string }>): FieldError[] {
  return errors.map((e): FieldError => ({ ...e, path: `body.${e.path}` }));
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** problem type slug; the full type URI is built from it */
  abstract readonly slug: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  /** what a 5xx says instead of the generic text (never anything internal) */
  readonly publicDetail: string | undefined = undefined;

  constructor(
    detail: string,
    options: {
      errors?: FieldError[];
      cause?: unknown;
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = "Request validation failed";
  readonly slug = "validation";
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = "Authentication required";
  readonly slug = "unauthorized";
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = "Forbidden";
  readonly slug = "forbidden";
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = "Not found";
  readonly slug = "not-found";
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly title = "Method not allowed";
  readonly slug = "method-not-allowed";
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = "Conflict with the resource's state";
  readonly slug = "conflict";
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly title = "If-Match does not match the current version";
  readonly slug = "precondition-failed";
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = "Request body too large";
  readonly slug = "payload-too-large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = "Unsupported media type";
  readonly slug = "unsupported-media-type";
}

export class BusinessRuleError extends AppError {
  readonly status = 422;
  readonly title = "The request breaks a business rule";
  readonly slug = "business-rule";
}

export class LockedError extends AppError {
  readonly status = 423;
  readonly title = "The reporting period is locked";
  readonly slug = "locked";
}

export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly title = "If-Match is required to update a versioned resource";
  readonly slug = "precondition-required";
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly title = "Too many requests";
  readonly slug = "rate-limited";
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly title = "Service temporarily unavailable";
  readonly slug: string = "unavailable";
}

/** The identity provider's signing keys cannot be fetched: no token can be checked right now. */
export class IdentityProviderUnavailableError extends ServiceUnavailableError {
  override readonly slug = "identity-provider-unavailable";
  override readonly publicDetail =
    "The service cannot reach its identity provider to check your token right now. Try again shortly.";
}

export const PROBLEM_TYPE_BASE = "https://problems.employment-accountability.dev/";

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The problem body of a known error. 5xx details are generic: nothing internal is ever shown. */
export function toProblem(error: AppError, instance?: string): ProblemDetails {
  const problem: ProblemDetails = {
    type: `${PROBLEM_TYPE_BASE}${error.slug}`,
    title: error.title,
    status: error.status,
    detail: error.status >= 500 ? (error.publicDetail ?? genericDetail(error.status)) : error.message,
  };
  if (error.errors && error.errors.length > 0 && error.status < 500) problem.errors = error.errors;
  if (error.extensions && error.status < 500) Object.assign(problem, error.extensions);
  if (instance) problem.instance = instance;
  return problem;
}

export function internalProblem(instance?: string): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}internal`,
    title: "Internal error",
    status: 500,
    detail: genericDetail(500),
    ...(instance ? { instance } : {}),
  };
}

function genericDetail(status: number): string {
  return status === 503
    ? "The service cannot reach its storage right now. Try again shortly."
    : "Something went wrong on our side. The error has been logged.";
}
