/**
 * Text that people type, as the service keeps it: NFC-normalised (so 한/한, é/é and CJK
 * compatibility forms compare and hash alike), Windows line ends as `\n`, and never a character
 * that hides or reorders what a reader sees — an unpaired surrogate (not text at all), NUL and the
 * other control characters (a line feed and a tab are allowed in multi-line fields only), or a
 * bidirectional embedding/override/isolate (U+202A–U+202E, U+2066–U+2069, the "Trojan Source"
 * characters). Such text is refused with a 400 naming the field, before it can be frozen into a
 * published, hashed circular.
 */
import * as z from "zod/mini";
import type { Bilingual } from "./errors";
import { customIssue } from "./zod-text";

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/gu;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** What is wrong with `text` (the Chinese without the field's name), or undefined when it may be stored. */
export function unsafeCharacter(text: string, options: { multiline: boolean }): Bilingual | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate)
    return {
      en: `contains an unpaired surrogate (${codePoint(surrogate[0])}); send valid UTF-16 text`,
      zh: `含有不成对的代理字符（${codePoint(surrogate[0])}），请提交有效的文本`,
    };
  for (const match of text.matchAll(CONTROL)) {
    const c = match[0];
    if (options.multiline && (c === "\n" || c === "\t")) continue;
    return options.multiline
      ? {
          en: `contains a control character (${codePoint(c)}); only line feeds and tabs are allowed`,
          zh: `含有控制字符（${codePoint(c)}），只允许换行符和制表符`,
        }
      : {
          en: `contains a control character (${codePoint(c)}); this field is a single line`,
          zh: `含有控制字符（${codePoint(c)}），此项只能填写一行`,
        };
  }
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi)
    return {
      en: `contains a bidirectional control character (${codePoint(bidi[0])})`,
      zh: `含有双向文字控制字符（${codePoint(bidi[0])}）`,
    };
  return undefined;
}

/** NFC, and CR LF (or a lone CR) as LF. */
export function normalizeText(text: string): string {
  const nfc = text.normalize("NFC");
  return nfc.includes("\r") ? nfc.replace(/\r\n?/g, "\n") : nfc;
}

export interface TextOptions {
  /** fewest characters (default 1) */
  min?: number;
  /** trim surrounding whitespace first (default true) */
  trim?: boolean;
}

function textSchema(max: number, multiline: boolean, options: TextOptions) {
  const safe = z.superRefine((value: string, ctx) => {
    const problem = unsafeCharacter(value, { multiline });
    if (problem) ctx.addIssue(customIssue([], problem, { input: value, abort: true }));
  });
  const length = [z.minLength(options.min ?? 1), z.maxLength(max)] as const;
  return options.trim === false
    ? z.string().check(z.overwrite(normalizeText), safe, ...length)
    : z.string().check(z.overwrite(normalizeText), safe, z.trim(), ...length);
}

/** A one-line text field (names, titles, document numbers): 1..max characters after trimming. */
export const singleLineText = (max: number, options: TextOptions = {}) => textSchema(max, false, options);

/** A multi-line text field (prose, highlights, reasons): line feeds and tabs allowed. */
export const multiLineText = (max: number, options: TextOptions = {}) => textSchema(max, true, options);

/**
 * Every string and key of a parsed JSON body checked for characters no field may hold, and every
 * string value normalised (`normalizeText`) in place. Field errors are reported with their path;
 * line feeds and tabs pass here and are left to each field's own schema. Iterative, so a body
 * nested thousands of levels deep cannot exhaust the stack.
 */
export function checkJsonText(
  value: unknown,
  path: PropertyKey[],
  report: (path: PropertyKey[], problem: Bilingual) => void,
): unknown {
  // a node's path is kept as a link to its parent, and spelled out only when something is reported
  type At = { parent: At | undefined; key: PropertyKey } | undefined;
  const spell = (at: At, last?: PropertyKey): PropertyKey[] => {
    const keys: PropertyKey[] = last === undefined ? [] : [last];
    for (let link = at; link; link = link.parent) keys.push(link.key);
    return [...path, ...keys.reverse()];
  };
  const checkString = (text: string, at: At, key?: PropertyKey) => {
    const normalized = normalizeText(text);
    const problem = unsafeCharacter(normalized, { multiline: true });
    if (problem) report(spell(at, key), problem);
    return normalized;
  };
  if (typeof value === "string") return checkString(value, undefined);
  const pending: Array<{ node: object; at: At }> = [];
  if (value !== null && typeof value === "object") pending.push({ node: value, at: undefined });
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node, at } = item;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const element: unknown = node[i];
        if (typeof element === "string") node[i] = checkString(element, at, i);
        else if (element !== null && typeof element === "object")
          pending.push({ node: element, at: { parent: at, key: i } });
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const problem = unsafeCharacter(key, { multiline: false });
      if (problem) report(spell(at, key), { en: `the field name ${problem.en}`, zh: `字段名${problem.zh}` });
      const child = record[key];
      if (typeof child === "string") {
        const normalized = checkString(child, at, key);
        // defineProperty, not assignment: an own "__proto__" key from JSON.parse must stay a plain field
        if (normalized !== child)
          Object.defineProperty(record, key, {
            value: normalized,
            writable: true,
            enumerable: true,
            configurable: true,
          });
      } else if (child !== null && typeof child === "object")
        pending.push({ node: child, at: { parent: at, key } });
    }
  }
  return value;
}
