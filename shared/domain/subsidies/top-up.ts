/**
 * City top-ups (地方提标): a city raises parameters of a provincial program — never lowers them —
 * citing its own document, with its own effective dates.
 *
 * Paths: `amount` (fixed), `rate` and `cap` (per_unit; `cap` only when the province set one),
 * `tiers.<key>` (that tier's amount), `terms.<name>` (a term the province defined). Money paths
 * take yuan with at most 2 decimals; terms any number ≥ the baseline.
 *
 * Which provincial version a top-up is checked against (when written): the version in force on
 * the top-up's `effectiveFrom` (`checkTopUp`). A top-up that starts before the program is in
 * force is refused. Later provincial versions may raise the baseline or change the limits, so at
 * calculation time every override is re-applied against the version then in force
 * (`applyTopUp`): the effective value is `max(baseline, min(override, limit))` — a city's value is
 * never below the provincial baseline in force and never above the province's current limit — and
 * an override whose path no longer exists in that version is not applied (and is reported).
 */
import * as z from "zod/mini";
import { zhDate } from "../../lib/labels";
import { zodMessage } from "../../lib/zod-text";
import { dateSchema } from "./dates";
import type { KindParams, Program, ProgramVersion } from "./program";
import { basisSchema, codeSchema, EFFECTIVE_DATES, isMoney, parameterLabel, resolvePath } from "./program";
import type { VersionMeta } from "./versions";
import { pickInForce, versionMetaShape } from "./versions";

const MAX_OVERRIDES = 50;

/**
 * The fields of a top-up, built fresh on each call: `topUpSchema` checks them (the schemas are
 * built on first use, so importing this module builds nothing) and the API's bodies pick from them.
 */
export function topUpShape() {
  return {
    programCode: codeSchema,
    /**
     * Any path string is accepted here so that an unknown or misfitting path reaches
     * `validateTopUp` and is refused as a business rule (422) naming the path, the baseline and
     * the limit, not as a malformed request.
     */
    overrides: z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.number()).check(
      z.refine(
        (o) => Object.keys(o).length >= 1,
        zodMessage("a top-up overrides at least one path", "至少须提高一项参数"),
      ),
      z.refine(
        (o) => Object.keys(o).length <= MAX_OVERRIDES,
        zodMessage(`at most ${MAX_OVERRIDES} overrides`, `最多${MAX_OVERRIDES}项`),
      ),
    ),
    basis: basisSchema,
    effectiveFrom: dateSchema,
    effectiveTo: z.optional(z.nullable(dateSchema)),
  };
}

function datesInOrder(t: { effectiveFrom: string; effectiveTo?: string | null | undefined }): boolean {
  return t.effectiveTo === undefined || t.effectiveTo === null || t.effectiveTo >= t.effectiveFrom;
}
const DATES_MESSAGE = { message: zodMessage(EFFECTIVE_DATES.en, EFFECTIVE_DATES.zh), path: ["effectiveTo"] };

export const topUpSchema = z.lazy(() =>
  z.strictObject(topUpShape()).check(z.refine(datesInOrder, DATES_MESSAGE)),
);
/** A stored version of a top-up: the top-up plus `version` and `writtenAt`. */
export const topUpVersionSchema = z.lazy(() =>
  z.strictObject({ ...topUpShape(), ...versionMetaShape() }).check(z.refine(datesInOrder, DATES_MESSAGE)),
);

export type TopUp = z.infer<typeof topUpSchema>;
export type TopUpVersion = TopUp & VersionMeta;

/** One refused override (a 422 error item): the path, why, the provincial value and the limit. */
export interface TopUpError {
  path: string;
  message: string;
  /** the message in Chinese, naming the program and the parameter (创业担保贷款的“graduate”档的金额 …) */
  zh: string;
  /** the provincial value at the path; `null` when the path does not exist in the program */
  baseline: number | null;
  /** `topUpLimits[path].max`; `null` when the province set no limit (or the path does not exist) */
  limit: number | null;
}

function limitAt(program: Pick<Program, "topUpLimits">, path: string): number | null {
  const limits = program.topUpLimits ?? {};
  return Object.hasOwn(limits, path) ? (limits[path]?.max ?? null) : null;
}

/**
 * Check a city's overrides against one provincial program version. Returns every refused path
 * (empty = accepted): an unknown path (including one that does not fit the program's kind, an
 * unknown tier key or term, or `cap` where the province has none), a value below the provincial
 * value at that path, a value above `topUpLimits[path].max`, or a malformed money value.
 */
export function validateTopUp(program: Program, overrides: Readonly<Record<string, number>>): TopUpError[] {
  const errors: TopUpError[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    const resolved = resolvePath(program, path);
    if (!resolved.ok) {
      errors.push({
        path,
        message: resolved.message,
        zh: `${program.name}不能按“${path}”提标：${resolved.zh}`,
        baseline: null,
        limit: null,
      });
      continue;
    }
    const baseline = resolved.value;
    const limit = limitAt(program, path);
    const facts = { path, baseline, limit };
    const what = `${program.name}的${parameterLabel(path)}`;
    const yuan = resolved.money ? "元" : "";
    if (!Number.isFinite(value))
      errors.push({ ...facts, message: "must be a finite number", zh: `${what}须为有效数值` });
    else if (resolved.money && !isMoney(value))
      errors.push({
        ...facts,
        message: "must be yuan ≥ 0 with at most 2 decimals",
        zh: `${what}须为不小于0的金额（元），最多保留两位小数`,
      });
    else if (value < baseline)
      errors.push({
        ...facts,
        message: `must be ≥ the provincial baseline ${baseline} (a city may only raise)`,
        zh: `${what}不得低于省级标准${baseline}${yuan}（市级只能提高标准）`,
      });
    else if (limit !== null && value > limit)
      errors.push({
        ...facts,
        message: `must be ≤ the province's top-up limit ${limit}`,
        zh: `${what}不得高于省级规定的提标上限${limit}${yuan}`,
      });
  }
  return errors;
}

/**
 * Check a top-up as written: against the provincial version (of `topUp.programCode`) in force on
 * the top-up's `effectiveFrom`. No version in force then → one error on `effectiveFrom`.
 */
export function checkTopUp(provinceVersions: readonly ProgramVersion[], topUp: TopUp): TopUpError[] {
  const versions = provinceVersions.filter((v) => v.code === topUp.programCode);
  const program = pickInForce(versions, topUp.effectiveFrom);
  if (!program) {
    const name = versions[0]?.name ?? topUp.programCode;
    const text =
      versions.length === 0
        ? {
            message: `no provincial program '${topUp.programCode}'`,
            zh: `没有省级补贴项目“${topUp.programCode}”`,
          }
        : {
            message: `no version of '${topUp.programCode}' is in force on ${topUp.effectiveFrom}`,
            zh: `${name}在${zhDate(topUp.effectiveFrom)}没有有效的省级版本`,
          };
    return [
      { path: versions.length === 0 ? "programCode" : "effectiveFrom", ...text, baseline: null, limit: null },
    ];
  }
  return validateTopUp(program, topUp.overrides);
}

/** An override that did not take effect as written on the calculation date, and why. */
export interface OverrideNote {
  path: string;
  /** the value the city wrote */
  value: number;
  /** the value in effect instead (`null` when the path does not exist in the baseline in force) */
  effective: number | null;
  reason: string;
}

/** A program's kind and params with a city's overrides applied, its terms, and what was not applied as written. */
export type AppliedTopUp = KindParams & {
  terms: Record<string, number>;
  /** overrides not applied as written: unknown path in this baseline, below the baseline, over the limit */
  notes: OverrideNote[];
  /** paths whose effective value is above the provincial value (the city's document grants the difference) */
  raised: string[];
};

function effectiveValue(
  program: Program,
  path: string,
  value: number,
  notes: OverrideNote[],
): { baseline: number; effective: number } | undefined {
  const resolved = resolvePath(program, path);
  if (!resolved.ok || !Number.isFinite(value) || (resolved.money && !isMoney(value))) {
    notes.push({
      path,
      value,
      effective: null,
      reason: resolved.ok ? "not a valid value" : resolved.message,
    });
    return undefined;
  }
  const baseline = resolved.value;
  const limit = limitAt(program, path);
  let effective = value;
  if (limit !== null && effective > limit) {
    effective = limit;
    notes.push({
      path,
      value,
      effective,
      reason: `above the province's top-up limit ${limit}; the limit applies`,
    });
  }
  if (effective < baseline) {
    notes.push({
      path,
      value,
      effective: baseline,
      reason: `below the provincial baseline ${baseline}; the baseline applies`,
    });
    effective = baseline;
  }
  return { baseline, effective };
}

/**
 * The program's params and terms with a city's overrides applied (each clamped to
 * `[baseline, limit]` of this provincial version; see the module comment). The result has the
 * program's kind; nothing else of the program changes.
 */
export function applyTopUp(program: Program, overrides: Readonly<Record<string, number>>): AppliedTopUp {
  const notes: OverrideNote[] = [];
  const raised: string[] = [];
  const terms: Record<string, number> = { ...(program.terms ?? {}) };
  const tierAmounts = new Map<string, number>();
  let amount: number | undefined;
  let rate: number | undefined;
  let cap: number | undefined;
  for (const [path, value] of Object.entries(overrides)) {
    const applied = effectiveValue(program, path, value, notes);
    if (!applied) continue;
    if (applied.effective > applied.baseline) raised.push(path);
    if (path === "amount") amount = applied.effective;
    else if (path === "rate") rate = applied.effective;
    else if (path === "cap") cap = applied.effective;
    else if (path.startsWith("tiers.")) tierAmounts.set(path.slice("tiers.".length), applied.effective);
    else if (path.startsWith("terms.")) terms[path.slice("terms.".length)] = applied.effective;
  }
  switch (program.kind) {
    case "fixed":
      return { kind: "fixed", params: { amount: amount ?? program.params.amount }, terms, notes, raised };
    case "tiered":
      return {
        kind: "tiered",
        params: {
          tiers: program.params.tiers.map((t) => ({ ...t, amount: tierAmounts.get(t.key) ?? t.amount })),
        },
        terms,
        notes,
        raised,
      };
    case "per_unit": {
      const params = { ...program.params, rate: rate ?? program.params.rate };
      if (program.params.cap !== undefined) params.cap = cap ?? program.params.cap;
      return { kind: "per_unit", params, terms, notes, raised };
    }
  }
}
