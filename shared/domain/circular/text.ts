/**
 * Small text rules shared by the builder and the renderers. Every field of a circular is one
 * paragraph (or one line): line breaks typed into prose are joined, so the plain-text form keeps
 * the structure of `shared/domain/circular/circular.md` line by line.
 */

/** Characters that break a line (LF, CR, VT, FF, NEL, LS, PS). */
export const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LINE_BREAK_RUN = /\s*[\n\r\v\f\u0085\u2028\u2029]+\s*/g;

/**
 * One paragraph of prose: line breaks and the whitespace around them are removed (Chinese text
 * needs no space where a line was wrapped), then leading/trailing whitespace — including
 * full-width indentation 　　 typed by the author — is trimmed.
 */
export function toParagraph(text: string): string {
  return text.replace(LINE_BREAK_RUN, "").trim();
}

const FULL_STOP = /[。！？!?…]$/;
const WEAK_END = /[；;，,、：:\s]+$/u;

/**
 * A paragraph ending in a full stop: kept as written when it already ends in 。！？ (or …);
 * a trailing ；，、： is replaced by 。; otherwise 。 is appended. A closing quote or bracket is
 * not a full stop: `…工程”` becomes `…工程”。`. Empty text stays empty.
 */
export function endSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || FULL_STOP.test(trimmed)) return trimmed;
  const stripped = trimmed.replace(WEAK_END, "");
  return stripped === "" ? "" : `${stripped}。`;
}

/** The addressees line always ends with one full-width colon. */
export function addresseesLine(text: string): string {
  const body = toParagraph(text).replace(/[\s:：，,、；;]+$/u, "");
  return body === "" ? "" : `${body}：`;
}

/** A unit's short form: its authorityName without a trailing 人民政府 / 政府 / 管理委员会 / 管委会. */
export function shortUnitName(authorityName: string): string {
  return authorityName.trim().replace(/(人民政府|政府|管理委员会|管委会)$/, "");
}

/**
 * A city's highlight as it appears in the circular: used as written when it already starts with
 * the city's name, its authorityName or its short form (延边州… for 延边州政府, 长白山… for
 * 长白山管委会); otherwise the city's `name` is put in front.
 */
export function withCityPrefix(unit: { name: string; authorityName: string }, text: string): string {
  const prefixes = [unit.name.trim(), unit.authorityName.trim(), shortUnitName(unit.authorityName)].filter(
    (p) => p !== "",
  );
  return prefixes.some((p) => text.startsWith(p)) ? text : `${unit.name.trim()}${text}`;
}

/** Strips book-title marks an author may have typed around a title: 《…》 → … */
export function stripBookTitleMarks(title: string): string {
  const t = title.trim();
  return t.startsWith("《") && t.endsWith("》") ? t.slice(1, -1).trim() : t;
}

const LEADING_ENUMERATION =
  /^\s*(?:[（(]\s*(?:[一二三四五六七八九十百零]+|\d{1,3})\s*[）)]|\d{1,3}(?:[、．]|\.(?!\d))|[一二三四五六七八九十]+、)\s*/;

/**
 * A numbered item without the number its author typed in front of it — （一） (1) 1. 1、 一、 —
 * because the renderer numbers the items itself.
 */
export function stripLeadingEnumeration(text: string): string {
  return text.replace(LEADING_ENUMERATION, "");
}
