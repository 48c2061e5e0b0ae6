/** What the assessment services share: the year's rulebook as a precondition, tenant lookups, retries. */
import type { Db } from "../../data/client";
import { getRulebook, type StoredRulebook } from "../../data/stores/rulebooks";
import { getTenant, type Tenant } from "../../data/stores/tenancy";
import { BusinessRuleError, ConflictError, NotFoundError } from "../../lib/errors";
import { isTransactionConflict } from "./helpers";

/** Who acts: the principal's `sub` (`apikey:<keyId>` for an integration key). */
export interface Actor {
  sub: string;
}

/**
 * A write was checked against data that changed before it landed (another period of the year,
 * the rulebook): the whole operation is re-run — re-read, re-checked — and only if that keeps
 * happening does the caller get this 409.
 */
export class StaleReadError extends ConflictError {}

/** The year's rulebook, which targets, reports and reviews are checked against (422 without one). */
export async function requireRulebook(
  db: Db,
  provinceId: string,
  year: number,
  what: string,
): Promise<StoredRulebook> {
  const rulebook = await getRulebook(db, provinceId, year, true);
  if (!rulebook) {
    throw new BusinessRuleError(`there is no ${year} rulebook yet: publish it before ${what}`, {
      errors: [{ path: "year", message: `no rulebook for ${year}` }],
    });
  }
  return rulebook;
}

/** The tenant of the path, from storage (its province is never taken from the caller's claims). */
export async function requireTenant(db: Db, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new NotFoundError(`no tenant ${tenantId}`);
  return tenant;
}

const MAX_ATTEMPTS = 8;

/**
 * Run an optimistic read-check-write; re-run it when it lost a race that a fresh read resolves
 * (`StaleReadError`, or DynamoDB cancelling the transaction for a concurrent one). If-Match
 * failures are never retried: a re-run re-reads and answers 412 itself.
 */
export async function withRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const retryable = error instanceof StaleReadError || isTransactionConflict(error);
      if (!retryable) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        if (error instanceof StaleReadError) throw error;
        throw new ConflictError("the resource is being changed by another request right now; retry", {
          cause: error,
        });
      }
      await pause(10 * attempt + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
