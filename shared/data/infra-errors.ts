/**
 * Storage faults → 503. Throttling, transaction conflicts that outlived the SDK's bounded
 * retries, timeouts and an unreachable endpoint are the service being unavailable, not a bug:
 * they become a 503 with Retry-After, and nothing of the SDK error reaches the client. A
 * transaction conflict is also recognised on its own, for the writers that retry it first.
 */
import { ServiceUnavailableError } from "../lib/errors";

const RETRYABLE_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "LimitExceededException",
  "TransactionConflictException",
  "TransactionInProgressException",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "AbortError",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  CancellationReasons?: Array<{ Code?: string }>;
}

/**
 * A transaction cancelled because another transaction was touching the same items: nothing was
 * written, and trying again (after re-reading) is safe.
 */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (e?.name === "TransactionConflictException") return true;
  return (
    e?.name === "TransactionCanceledException" &&
    Array.isArray(e.CancellationReasons) &&
    e.CancellationReasons.some((r) => r.Code === "TransactionConflict")
  );
}

export function isStorageUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.name === "string" && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (e.name === "TransactionCanceledException" && Array.isArray(e.CancellationReasons)) {
    const codes = e.CancellationReasons.map((r) => r.Code ?? "None");
    if (
      codes.some(
        (c) =>
          c === "TransactionConflict" || c === "ThrottlingError" || c === "ProvisionedThroughputExceeded",
      )
    )
      return !codes.includes("ConditionalCheckFailed");
  }
  if (error instanceof AggregateError)
    return error.errors.some((inner) => isStorageUnavailable(inner, depth + 1));
  return isStorageUnavailable(e.cause, depth + 1);
}

export function storageUnavailable(cause: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    { en: "storage unavailable", zh: "数据存储暂时不可用" },
    { cause, headers: { "retry-after": "1" } },
  );
}
