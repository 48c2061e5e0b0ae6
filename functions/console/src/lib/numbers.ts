/**
 * Numbers as bureau staff type or paste them: `1,234`, `１２３４`, `12.5%`, `１２．５％`, ` 3 000 `,
 * `−5`, `1.2E+05` (as Excel shows large numbers). A percentage is read as its number (12.5% →
 * 12.5), since rates are reported on the 0–100 scale. Pure, no DOM.
 */

export type ParsedNumber =
  | { kind: "empty" }
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "invalid"; message: string };

const FULL_WIDTH: Record<string, string> = {
  "．": ".",
  "，": ",",
  "％": "%",
  "－": "-",
  "＋": "+",
  "−": "-",
  "‐": "-",
  "﹣": "-",
  Ｅ: "E",
  ｅ: "e",
};

/** Full-width digits and signs to ASCII; every kind of space removed. */
export function normalizeDigits(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30);
    else if (FULL_WIDTH[ch] !== undefined) out += FULL_WIDTH[ch];
    else if (/\s/u.test(ch) || ch === "\u00a0" || ch === "\u3000" || ch === "\u202f") continue;
    else out += ch;
  }
  return out;
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function parseNumber(text: string): ParsedNumber {
  let s = normalizeDigits(text);
  if (s === "") return { kind: "empty" };
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (s.includes(",")) {
    if (!GROUPED.test(s))
      return { kind: "invalid", message: `“${text.trim()}”不是有效的数字（千位分隔符应每三位一个）` };
    s = s.replaceAll(",", "");
  } else if (!PLAIN.test(s)) {
    return { kind: "invalid", message: `“${text.trim()}”不是有效的数字` };
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return { kind: "invalid", message: `“${text.trim()}”超出可填写的范围` };
  return { kind: "number", value: value === 0 ? 0 : value, percent };
}

const GROUPED_TEXT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20, useGrouping: true });

/** The text a cell shows for a stored value: thousands separators, every decimal (it re-parses exactly). */
export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : GROUPED_TEXT.format(value);
}
