/**
 * Versions and effective dates. Nothing is overwritten: every change to a program or a top-up is
 * stored as a new version `{…, version, writtenAt}`, and the one that applies on a date is chosen
 * here. The rule applies separately to each provincial program (by code), each city's top-up (by
 * program code) and each local program (by code) — group before picking.
 */
import * as z from "zod/mini";
import { instantSchema, isWithinRange } from "./dates";

export interface VersionMeta {
  /** 1, 2, 3… per stored entity, increasing with every write (optimistic locking) */
  version: number;
  /** ISO-8601 instant of the write */
  writtenAt: string;
}

/** The fields a stored version adds, built fresh on each call (inside a schema's lazy builder). */
export function versionMetaShape() {
  return {
    version: z.int().check(z.gte(1, "version must be ≥ 1")),
    writtenAt: instantSchema,
  };
}

export interface EffectiveDated {
  effectiveFrom: string;
  /** empty (absent or null) = open-ended */
  effectiveTo?: string | null | undefined;
}

/** `effectiveFrom ≤ date` and (`effectiveTo` empty or `date ≤ effectiveTo`): both ends inclusive. */
export function isInForce(item: EffectiveDated, date: string): boolean {
  return isWithinRange(date, item.effectiveFrom, item.effectiveTo);
}

/**
 * "Most recently written" order: the higher `version` wins; `writtenAt` only breaks a tie between
 * equal version numbers (which a single entity's history never has). The version counter is
 * preferred to the timestamp because it is immune to clock skew between writers.
 */
function writtenLater(a: VersionMeta, b: VersionMeta): boolean {
  if (a.version !== b.version) return a.version > b.version;
  return a.writtenAt > b.writtenAt;
}

/**
 * The version in force on `date`: among the versions with `effectiveFrom ≤ date` and
 * (`effectiveTo` empty or `date ≤ effectiveTo`), the one with the latest `effectiveFrom`, and of
 * equal ones the most recently written. `undefined` when none is in force.
 */
export function pickInForce<T extends EffectiveDated & VersionMeta>(
  versions: readonly T[],
  date: string,
): T | undefined {
  let best: T | undefined;
  for (const candidate of versions) {
    if (!isInForce(candidate, date)) continue;
    if (
      best === undefined ||
      candidate.effectiveFrom > best.effectiveFrom ||
      (candidate.effectiveFrom === best.effectiveFrom && writtenLater(candidate, best))
    )
      best = candidate;
  }
  return best;
}

/** Items grouped by a key, keys in first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Stamp unversioned items (e.g. the demo data) as stored versions: per key, `version` counts
 * 1, 2, … in the order given, all written at `writtenAt`.
 */
export function stampVersions<T extends object>(
  items: readonly T[],
  keyOf: (item: T) => string,
  writtenAt: string,
): Array<T & VersionMeta> {
  const counters = new Map<string, number>();
  return items.map((item) => {
    const key = keyOf(item);
    const version = (counters.get(key) ?? 0) + 1;
    counters.set(key, version);
    return { ...item, version, writtenAt };
  });
}
