/**
 * The city's top-up form (补贴提标): what is typed (kept as a draft), and the refusals a 422 names
 * for each parameter — the message, the provincial value and the limit — read from its errors. Pure.
 */

import { parseNumber } from "./numbers";

export interface TopUpDraft {
  effectiveFrom: string;
  effectiveTo: string;
  document: string;
  clause: string;
  values: Record<string, string>;
}

/** A refused parameter as the 422 names it: the message, the provincial value and the limit. */
export interface Refusal {
  message: string;
  baseline: number | null;
  limit: number | null;
}

const OVERRIDES = "body.overrides.";

/** The refusals in a problem's `errors`, by parameter path (the part after `body.overrides.`). */
export function refusalsOf(errors: unknown): Record<string, Refusal> {
  const raw = Array.isArray(errors) ? (errors as Array<Record<string, unknown>>) : [];
  const out: Record<string, Refusal> = {};
  for (const item of raw) {
    const path = typeof item.path === "string" ? item.path : "";
    if (!path.startsWith(OVERRIDES)) continue;
    out[path.slice(OVERRIDES.length)] = {
      message: String(item.message ?? ""),
      baseline: typeof item.baseline === "number" ? item.baseline : null,
      limit: typeof item.limit === "number" ? item.limit : null,
    };
  }
  return out;
}

/** The form as a new version starts: from today, the latest version's basis and values (none: empty). */
export function draftFromTopUp(
  latest:
    | { basis: { document: string; clause?: string | undefined }; overrides: Record<string, number> }
    | undefined,
  today: string,
): TopUpDraft {
  const values: Record<string, string> = {};
  for (const [path, v] of Object.entries(latest?.overrides ?? {})) values[path] = String(v);
  return {
    effectiveFrom: today,
    effectiveTo: "",
    document: latest?.basis.document ?? "",
    clause: latest?.basis.clause ?? "",
    values,
  };
}

/** The body a top-up is saved with, or the refusals of what was typed that is not a number. */
export function topUpBody(d: TopUpDraft): {
  body: {
    overrides: Record<string, number>;
    basis: { document: string; clause?: string };
    effectiveFrom: string;
    effectiveTo: string | null;
  };
  refused: Record<string, Refusal>;
} {
  const overrides: Record<string, number> = {};
  const refused: Record<string, Refusal> = {};
  for (const [path, text] of Object.entries(d.values)) {
    const parsed = parseNumber(text ?? "");
    if (parsed.kind === "invalid") refused[path] = { message: parsed.message, baseline: null, limit: null };
    else if (parsed.kind === "number") overrides[path] = parsed.value;
  }
  const clause = d.clause.trim();
  const body = {
    overrides,
    basis: { document: d.document.trim(), ...(clause ? { clause } : {}) },
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo || null,
  };
  return { body, refused };
}

/** The problem paths the form shows beside its inputs: the refusals of the parameters it lists, and each field with an error. */
export function shownPaths(
  refused: Record<string, Refusal>,
  listed: ReadonlyArray<{ path: string }>,
  fieldErrors: Record<string, string | undefined>,
): string[] {
  const at: Record<string, string[]> = {
    effectiveFrom: ["body.effectiveFrom"],
    effectiveTo: ["body.effectiveTo"],
    document: ["body.basis.document", "body.basis"],
    clause: ["body.basis.clause"],
    overrides: ["body.overrides"],
  };
  return [
    ...Object.keys(refused)
      .filter((path) => listed.some((x) => x.path === path))
      .map((path) => `body.overrides.${path}`),
    ...Object.entries(at).flatMap(([field, paths]) => (fieldErrors[field] ? paths : [])),
  ];
}
