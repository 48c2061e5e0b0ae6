/** The year's rulebook: every change a new version; frozen (409) once a circular of the year is published. */
import type { Db } from "../../data/client";
import { withRetry } from "../../data/retry";
import { publishedCircularOfYear } from "../../data/stores/circulars";
import {
  findRulebook,
  listRulebookVersions,
  putRulebook,
  type RulebookKey,
  rulebooksOfProvince,
  type StoredRulebook,
  yearNotFrozen,
} from "../../data/stores/rulebooks";
import { findProvince } from "../../data/stores/tenancy";
import type { Rulebook } from "../../domain/rulebook";
import { nowIso } from "../../lib/clock";
import { NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";

export async function publishRulebook(
  db: Db,
  input: RulebookKey & { rulebook: Rulebook; ifMatch: IfMatch | undefined; actor: Actor },
): Promise<StoredRulebook & { created: boolean }> {
  // A frozen year is 409 whatever If-Match says (no point asking for one first); the write's own
  // condition on the year state still closes the race with a publish.
  if ((await publishedCircularOfYear(db, input.provinceId, input.year)) !== undefined)
    throw yearNotFrozen(db, input.provinceId, input.year).onFail();
  return withRetry(() =>
    putRulebook(db, {
      provinceId: input.provinceId,
      year: input.year,
      rulebook: input.rulebook,
      ifMatch: input.ifMatch,
      at: nowIso(),
      by: input.actor.sub,
    }),
  );
}

/** 404: the province has no rulebook of the year. */
export function noRulebook(provinceId: string, year: number): NotFoundError {
  return new NotFoundError({
    en: `no ${year} rulebook for province ${provinceId}`,
    zh: `省份“${provinceId}”尚无${year}年度考评细则。`,
  });
}

export async function getRulebook(db: Db, { provinceId, year }: RulebookKey): Promise<StoredRulebook> {
  const rulebook = await findRulebook(db, provinceId, year);
  if (!rulebook) throw noRulebook(provinceId, year);
  return rulebook;
}

export async function getRulebookVersions(
  db: Db,
  { provinceId, year }: RulebookKey,
): Promise<StoredRulebook[]> {
  const versions = await listRulebookVersions(db, provinceId, year);
  if (versions.length === 0) throw noRulebook(provinceId, year);
  return versions;
}

/** The years of a province that have a rulebook, newest first (what the console offers to open). */
export async function getRulebookYears(db: Db, provinceId: string) {
  const [province, rulebooks] = await Promise.all([
    findProvince(db, provinceId),
    rulebooksOfProvince(db, provinceId),
  ]);
  if (!province)
    throw new NotFoundError({ en: `no province ${provinceId}`, zh: `省份“${provinceId}”不存在。` });
  return {
    province,
    years: rulebooks
      .map((r) => ({
        year: r.year,
        title: r.rulebook.title,
        documentNo: r.rulebook.documentNo,
        version: r.version,
      }))
      .sort((a, b) => b.year - a.year),
  };
}
