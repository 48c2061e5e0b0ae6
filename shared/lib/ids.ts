/** Identifiers: random, URL-safe, and (for runs and circulars) sortable by creation time. */
import { randomBytes } from "node:crypto";
import { now } from "./clock";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function randomId(length = 12): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return out;
}

/** The time part of the last id this process made (see `sortableId`). */
let lastMillis = 0;

/**
 * `<time, base36, 9 chars><random>`: lexicographic order is creation order. Within one process the
 * time part strictly increases — a second id in the same millisecond, or under a clock that is
 * fixed or set back (`LOCAL_NOW`, `PUT /local/clock`), takes the next millisecond — so "the
 * latest run" is always the one made last.
 */
export function sortableId(randomLength = 8): string {
  lastMillis = Math.max(now().getTime(), lastMillis + 1);
  return lastMillis.toString(36).padStart(9, "0") + randomId(randomLength);
}
