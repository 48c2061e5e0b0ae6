/**
 * The year's rulebook as the precondition of a tenant's writes (targets, reports, reviews, imports):
 * 422 without one, and a write conditional on it being unchanged (re-run whole when it changed).
 */
import type { Db } from "../../data/client";
import { StaleError, withRetry } from "../../data/retry";
import { findRulebook, rulebookUnchanged, type StoredRulebook } from "../../data/stores/rulebooks";
import type { ExtraCondition } from "../../data/transactions";
import type { VersionWriteInput } from "../../data/versioned";
import { nowIso } from "../../lib/clock";
import { type Bilingual, BusinessRuleError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";

/** The year's rulebook, which targets, reports and reviews are checked against (422 without one). */
export async function requireRulebook(
  db: Db,
  provinceId: string,
  year: number,
  what: Bilingual,
): Promise<StoredRulebook> {
  const rulebook = await findRulebook(db, provinceId, year, { consistent: true });
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
 * with `StaleError`, and `withRetry` re-runs the whole operation against the new rulebook.
 */
export function rulebookStillCurrent(db: Db, rulebook: StoredRulebook): ExtraCondition {
  return rulebookUnchanged(
    db,
    rulebook,
    () =>
      new StaleError({
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
