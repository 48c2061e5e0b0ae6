/** What the assessment services share: the year's rulebook as a precondition, tenant lookups, retries. */
import type { Db } from "../../data/client";
import { isTransactionConflict } from "../../data/infra-errors";
import { getRulebook, rulebookUnchanged, type StoredRulebook } from "../../data/stores/rulebooks";
import { getTenant, type Tenant } from "../../data/stores/tenancy";
import type { ExtraCondition, VersionWriteInput } from "../../data/versioned";
import { nowIso } from "../../lib/clock";
import { type Bilingual, BusinessRuleError, ConflictError, NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";

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
  what: Bilingual,
): Promise<StoredRulebook> {
  const rulebook = await getRulebook(db, provinceId, year, true);
  if (!rulebook) {
    throw new BusinessRuleError(
      {
        en: `there is no ${year} rulebook yet: publish it before ${what.en}`,
        zh: `${year}年度考评细则尚未发布，请先发布考评细则，再${what.zh}。`,
      },
      {
        errors: [{ path: "path.y", message: `no rulebook for ${year}`, zh: `${year}年度尚无考评细则` }],
      },
    );
  }
  return rulebook;
}

/**
 * "The rulebook is still the version this write was checked against": otherwise the write fails
 * with `StaleReadError`, and `withRetry` re-runs the whole operation against the new rulebook.
 */
export function rulebookStillCurrent(db: Db, rulebook: StoredRulebook): ExtraCondition {
  return rulebookUnchanged(
    db,
    rulebook,
    () =>
      new StaleReadError({
        en: `the ${rulebook.year} rulebook changed meanwhile; retry`,
        zh: `${rulebook.year}年度考评细则刚刚被修改，请重试。`,
      }),
  );
}

/** A write of a tenant's year that is checked against the year's rulebook (targets, a review). */
export interface RulebookCheckedInput {
  provinceId: string;
  tenantId: string;
  year: number;
  ifMatch: IfMatch | undefined;
  actor: Actor;
}

/** What the store's write of such a tenant-year takes besides the resource itself. */
export type TenantYearWrite = Pick<RulebookCheckedInput, "provinceId" | "tenantId" | "year"> &
  VersionWriteInput;

/**
 * Check a write against the year's rulebook (422 without one, `what` says what needs it) and
 * make it: `write` refuses what the rulebook does not allow, and writes with the tenant-year
 * write it is given — now, by the actor, conditional on the rulebook being unchanged. A rulebook
 * changed meanwhile re-runs the whole operation.
 */
export function withCurrentRulebook<T>(
  db: Db,
  input: RulebookCheckedInput,
  what: Bilingual,
  write: (rulebook: StoredRulebook, tenantYear: TenantYearWrite) => Promise<T>,
): Promise<T> {
  return withRetry(async () => {
    const rulebook = await requireRulebook(db, input.provinceId, input.year, what);
    return write(rulebook, {
      provinceId: input.provinceId,
      tenantId: input.tenantId,
      year: input.year,
      ifMatch: input.ifMatch,
      at: nowIso(),
      by: input.actor.sub,
      conditions: [rulebookStillCurrent(db, rulebook)],
    });
  });
}

/** The tenant of the path, from storage (its province is never taken from the caller's claims). */
export async function requireTenant(db: Db, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new NotFoundError({ en: `no tenant ${tenantId}`, zh: `单位“${tenantId}”不存在。` });
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
        throw new ConflictError(
          {
            en: "the resource is being changed by another request right now; retry",
            zh: "该数据正被其他请求修改，请稍后重试。",
          },
          { cause: error },
        );
      }
      await pause(10 * attempt + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
