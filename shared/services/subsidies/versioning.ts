/**
 * What the subsidies use cases share about versions: how one is written (now, by the actor, under
 * conditions), a whole history (404 when empty) and the version of each entity to answer in a list
 * (the latest, or the one in force on a date).
 */
import type { ExtraCondition, VersionWriteInput } from "../../data/versioned";
import { type EffectiveDated, groupBy, pickInForce, type VersionMeta } from "../../domain/subsidies";
import { nowIso } from "../../lib/clock";
import { type Bilingual, NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";

/** A PUT of a version: the path's code, the body as the route parsed it, If-Match, who writes. */
export interface PutVersionInput<C> {
  code: string;
  candidate: C;
  ifMatch: IfMatch | undefined;
  actor: Actor;
}

/** Authenticated reads see the caller's own writes; the public routes read eventually consistently. */
export const CONSISTENT = { consistent: true } as const;

/** The store's write of a version for a PUT: now, by the actor, under these conditions. */
export function versionWrite(
  input: PutVersionInput<unknown>,
  conditions: ExtraCondition[],
): VersionWriteInput {
  return { ifMatch: input.ifMatch, at: nowIso(), by: input.actor.sub, conditions };
}

/** Every version of one entity, oldest first; 404 when it has none. */
export function history<T>(versions: T[], notFound: Bilingual): T[] {
  if (versions.length === 0) throw new NotFoundError(notFound);
  return versions;
}

/** Per key: the version in force on `date`, or (no date) the latest version; ordered by key. */
export function current<T extends EffectiveDated & VersionMeta>(
  versions: readonly T[],
  keyOf: (item: T) => string,
  date: string | undefined,
): T[] {
  const picked: T[] = [];
  for (const group of groupBy(versions, keyOf).values()) {
    const chosen =
      date === undefined ? group.reduce((a, b) => (b.version > a.version ? b : a)) : pickInForce(group, date);
    if (chosen) picked.push(chosen);
  }
  return picked.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
