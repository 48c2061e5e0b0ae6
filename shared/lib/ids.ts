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

/** `<time, base36, 9 chars><random>`: lexicographic order is creation order (to the millisecond). */
export function sortableId(randomLength = 8): string {
  return now().getTime().toString(36).padStart(9, "0") + randomId(randomLength);
}
