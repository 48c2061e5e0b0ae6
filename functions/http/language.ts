/**
 * The language of an answer, from the request's `Accept-Language` (RFC 9110 §12.5.4): Chinese when
 * a Chinese range (`zh`, `zh-CN`, `zh-Hans`, `zh-TW` …) has the highest weight among the ranges the
 * service speaks, English otherwise — also when the header is absent, names only other languages,
 * or is malformed. Equal weights go to the range listed first; `*` stands for English, `q=0` for
 * "not this one".
 */
import type { Language } from "../../shared/lib/errors";

const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

export function preferredLanguage(header: string | undefined): Language {
  if (!header) return "en";
  let best: Language = "en";
  let bestQ = 0;
  for (const part of header.split(",")) {
    const [rawRange = "", ...params] = part.split(";");
    const range = rawRange.trim().toLowerCase();
    const language = range === "zh" || range.startsWith("zh-") ? "zh" : isEnglish(range) ? "en" : undefined;
    if (!language) continue;
    let q = 1;
    for (const param of params) {
      const text = param.trim();
      if (!/^q=/i.test(text)) continue;
      const match = QUALITY.exec(text);
      q = match?.[1] ? Number(match[1]) : 0;
    }
    if (q > bestQ) {
      best = language;
      bestQ = q;
    }
  }
  return best;
}

function isEnglish(range: string): boolean {
  return range === "*" || range === "en" || range.startsWith("en-");
}

/** The `Content-Language` of an answer in `language`. */
export function contentLanguage(language: Language): string {
  return language === "zh" ? "zh-CN" : "en";
}
