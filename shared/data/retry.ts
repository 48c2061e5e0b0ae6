/**
 * The one retry policy. An optimistic read-check-write that lost a race — a `StaleError` (what it
 * checked against changed before it landed) or DynamoDB cancelling its transaction for a
 * concurrent one — is re-run whole (re-read, re-checked) a bounded number of times with jittered
 * backoff. Services wrap their use cases in it once; stores never retry, so retries never nest.
 * If-Match failures are never retried: a re-run re-reads and answers 412 itself. When the race
 * keeps being lost, the last error goes out: a `StaleError` is its 409, a transaction conflict a
 * 503 with Retry-After (`infra-errors.ts`). The SDK's own retries (throttling, network) are
 * configured in `client.ts` and are below this: they retry one request, not a use case.
 */
import { ConflictError } from "../lib/errors";
import { isTransactionConflict } from "./infra-errors";

/** A write checked against data that changed before it landed: the use case is re-run. 409 if it escapes. */
export class StaleError extends ConflictError {}

/** Attempts in all, the first included. */
export const RETRY_ATTEMPTS = 8;

/** 10 ms × attempt, plus up to as much again at random (jitter spreads the racing writers apart). */
function backoffMs(attempt: number): number {
  return 10 * attempt + Math.floor(Math.random() * 10 * attempt);
}

export function isRetryable(error: unknown): boolean {
  return error instanceof StaleError || isTransactionConflict(error);
}

export async function withRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt >= RETRY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}
