/**
 * What the subsidies use cases share about versions: how one is written (now, by the actor, under
 * conditions), a whole history (404 when empty) and the version of each entity to answer in a list
 * (the latest, or the one in force on a date).
 */
import type { Db, ReadOptions } from "../../data/client";
import type { ExtraCondition } from "../../data/transactions";
import type { VersionWriteInput } from "../../data/versioned";
import { type EffectiveDated, groupBy, pickInForce, type VersionMeta } from "../../domain/subsidies";
import { nowIso } from "../../lib/clock";
import type { Bilingual } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";
import { history } from "../found";

/** A PUT of a version: the path's code, the body as the route parsed it, If-Match, who writes. */
export interface PutVersionInput<C> {
  code: string;
  candidate: C;
  ifMatch: IfMatch | undefined;
  actor: Actor;
}

/** What a PUT of a version answers: the stored version, and whether it is the entity's first. */
export interface Appended<T> {
  stored: T;
  created: boolean;
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

/** Per key: the version in force on `date`, or (no date) the latest version; ordered by key. */
function current<T extends EffectiveDated & VersionMeta>(
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

/** The reads of one kind of versioned entity of an owner (a province or a tenant), as its store lists them. */
interface VersionSource<T> {
  versions: (db: Db, owner: string, options?: ReadOptions) => Promise<T[]>;
  versionsOf: (db: Db, owner: string, code: string, options?: ReadOptions) => Promise<T[]>;
  keyOf: (item: T) => string;
  /** the 404 of an entity with no version */
  notFound: (owner: string, code: string) => Bilingual;
}

/**
 * An owner's list of one kind of versioned entity (the latest version of each, or those in force on
 * `date`) and one entity's whole history (404 when it has none), both read consistently.
 */
export function versionReads<T extends EffectiveDated & VersionMeta>(source: VersionSource<T>) {
  return {
    list: async (db: Db, owner: string, date?: string): Promise<T[]> =>
      current(await source.versions(db, owner, CONSISTENT), source.keyOf, date),
    history: async (db: Db, owner: string, code: string): Promise<T[]> =>
      history(await source.versionsOf(db, owner, code, CONSISTENT), source.notFound(owner, code)),
  };
}
