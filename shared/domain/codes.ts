/** The codes of indicators, review items and subsidy programs: snake_case from a letter, at most 64 characters. */
import * as z from "zod/mini";
import type { Bilingual } from "../lib/errors";
import { zodMessage } from "../lib/zod-text";

export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A code string whose failure says `message` (it builds the schema: call it inside `z.lazy`). */
export function codeString(message: Bilingual) {
  return z.string().check(z.regex(CODE_PATTERN, zodMessage(message.en, message.zh)));
}
