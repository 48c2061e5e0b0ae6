/**
 * The year's rulebook (考评细则) of a province: a current item plus one immutable item per
 * version. A rulebook is frozen once a circular of its year is published — the write carries a
 * `ConditionCheck` on the year-state item, so the freeze cannot be raced.
 */
import type { Rulebook } from "../../domain/rulebook";
import { ConflictError } from "../../lib/errors";
import type { Db, ReadOptions } from "../client";
import { parseRulebook, type StoredRulebook } from "../entities/rulebook";
import { findItem } from "../items";
import { keys } from "../keys";
import { queryPrefix } from "../queries";
import type { ExtraCondition } from "../transactions";
import {
  listVersions,
  putVersion,
  type VersionWriteInput,
  versionCheck,
  versionedTarget,
} from "../versioned";

export type { StoredRulebook };

/** Which rulebook: a province's of one year. */
export interface RulebookKey {
  provinceId: string;
  year: number;
}

/** The current rulebook of a province-year. */
export const findRulebook = (db: Db, provinceId: string, year: number, options: ReadOptions = {}) =>
  findItem(db, keys.rulebook(provinceId, year), parseRulebook, options);

export interface PutRulebookInput extends Omit<VersionWriteInput, "conditions">, RulebookKey {
  rulebook: Rulebook;
}

/** A new version of the year's rulebook: 428/412 on a missing/stale If-Match, 409 once the year is frozen. */
export function putRulebook(db: Db, input: PutRulebookInput): Promise<StoredRulebook & { created: boolean }> {
  const { provinceId, year } = input;
  return putVersion(
    db,
    versionedTarget("rulebook", keys.rulebook(provinceId, year), parseRulebook),
    { provinceId, year, rulebook: input.rulebook },
    { ...input, conditions: [yearNotFrozen(db, provinceId, year)] },
  );
}

/** Every version of the year's rulebook, oldest first. */
export function listRulebookVersions(db: Db, provinceId: string, year: number) {
  return listVersions(db, keys.rulebook(provinceId, year), parseRulebook);
}

/** The current rulebook of every year of a province, oldest year first. */
export async function rulebooksOfProvince(db: Db, provinceId: string): Promise<StoredRulebook[]> {
  const items = await queryPrefix(db, keys.province(provinceId).pk, keys.rulebookPrefix());
  return items.map(parseRulebook);
}

/** "No circular of this year is published" (the circular feature sets `publishedCircularId`). */
export function yearNotFrozen(db: Db, provinceId: string, year: number): ExtraCondition {
  return {
    item: {
      ConditionCheck: {
        TableName: db.table,
        Key: keys.yearState(provinceId, year),
        ConditionExpression: "attribute_not_exists(publishedCircularId)",
      },
    },
    onFail: () =>
      new ConflictError({
        en: `a circular of ${year} is published: the ${year} rulebook is frozen and cannot change`,
        zh: `${year}年度考评通报已印发，该年度考评细则已冻结，不能再修改。`,
      }),
  };
}

/**
 * "The rulebook is still at the version this write was validated against": a write that checked
 * its values against one rulebook version cannot land after the rulebook changed.
 */
export function rulebookUnchanged(
  db: Db,
  rulebook: Pick<StoredRulebook, "provinceId" | "year" | "version">,
  onFail: ExtraCondition["onFail"],
): ExtraCondition {
  return {
    item: versionCheck(db, keys.rulebook(rulebook.provinceId, rulebook.year), rulebook.version),
    onFail,
  };
}
