/**
 * A city's subsidy catalogue on a date: every provincial program in force, merged with the city's
 * top-up in force (effective params and terms, the provincial values alongside, both documents),
 * plus the city's local programs in force.
 *
 * - Versions are chosen with `pickInForce`, separately per provincial program code, per top-up
 *   program code and per local program code.
 * - A top-up is applied against the provincial version in force on the same date, each value
 *   clamped to `[baseline, limit]` (see `top-up.ts`); overrides that do not apply are listed in
 *   `topUp.notes`. A top-up for a program not in force that day has no effect.
 * - The city's basis is cited only when its top-up raises at least one value.
 * - Order: provincial programs by code, then local programs by code. A local program may share a
 *   code with a provincial one; entries are identified by `(source, code)`.
 */

import type { Condition } from "./conditions";
import { isDate } from "./dates";
import type { CatalogueParameter } from "./explain";
import { conditionText, describeParameters } from "./explain";
import type { Basis, Benefit, KindParams, ProgramVersion } from "./program";
import { kindParamsOf } from "./program";
import type { OverrideNote, TopUpVersion } from "./top-up";
import { applyTopUp } from "./top-up";
import { groupBy, pickInForce } from "./versions";

export type ProgramSource = "province" | "local";
export type BasisLevel = "province" | "city";

/** One document that grants (part of) a benefit. */
export interface BasisRef {
  level: BasisLevel;
  document: string;
  clause: string | null;
}

export interface CatalogueTopUp {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: BasisRef;
  /** the overrides as the city wrote them */
  overrides: Record<string, number>;
  /** overrides that did not apply as written on this date (unknown path, clamped to baseline or limit) */
  notes: OverrideNote[];
  /** paths whose effective value is above the provincial value */
  raised: string[];
}

/** The provincial program's own values (for provincial entries). */
export type CatalogueBaseline = KindParams & { terms: Record<string, number> };

export type CatalogueEntry = KindParams & {
  code: string;
  name: string;
  source: ProgramSource;
  benefit: Benefit;
  /** effective terms (city overrides applied) */
  terms: Record<string, number>;
  eligibility: Condition[];
  /** the program version's dates and number */
  effectiveFrom: string;
  effectiveTo: string | null;
  version: number;
  basis: BasisRef[];
  /** provincial values; `null` for local programs */
  baseline: CatalogueBaseline | null;
  /** the city's top-up in force, if any (provincial entries only) */
  topUp: CatalogueTopUp | null;
  /** each eligibility condition in Chinese, in the same order as `eligibility` */
  eligibilityText: string[];
  /** every parameter a city may top up: the provincial value, the value in force here, the limit, in Chinese */
  parameters: CatalogueParameter[];
};

export interface Catalogue {
  date: string;
  programs: CatalogueEntry[];
}

export interface CatalogueInput {
  /** every stored version of every provincial program (any order) */
  provincePrograms: readonly ProgramVersion[];
  /** every stored version of this city's top-ups (any order) */
  topUps: readonly TopUpVersion[];
  /** every stored version of this city's local programs (any order) */
  localPrograms: readonly ProgramVersion[];
  /** `YYYY-MM-DD`, Asia/Shanghai */
  date: string;
}

export function basisRef(level: BasisLevel, basis: Basis): BasisRef {
  return { level, document: basis.document, clause: basis.clause ?? null };
}

function inForceByCode(versions: readonly ProgramVersion[], date: string): ProgramVersion[] {
  const picked: ProgramVersion[] = [];
  for (const group of groupBy(versions, (v) => v.code).values()) {
    const inForce = pickInForce(group, date);
    if (inForce) picked.push(inForce);
  }
  return picked.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function provincialEntry(program: ProgramVersion, topUp: TopUpVersion | undefined): CatalogueEntry {
  const baselineTerms = { ...(program.terms ?? {}) };
  const baseline: CatalogueBaseline = { ...kindParamsOf(program), terms: baselineTerms };
  const common = {
    code: program.code,
    name: program.name,
    source: "province" as const,
    benefit: program.benefit,
    eligibility: program.eligibility,
    effectiveFrom: program.effectiveFrom,
    effectiveTo: program.effectiveTo ?? null,
    version: program.version,
    baseline,
  };
  const provinceBasis = basisRef("province", program.basis);
  const eligibilityText = program.eligibility.map((c) => conditionText(c));
  const described = (effective: KindParams & { terms: Record<string, number> }) =>
    describeParameters({
      benefit: program.benefit,
      effective,
      baseline,
      limits: program.topUpLimits,
      written: topUp?.overrides ?? null,
    });
  if (!topUp) {
    const own = { ...kindParamsOf(program), terms: baselineTerms };
    return {
      ...common,
      ...own,
      basis: [provinceBasis],
      topUp: null,
      eligibilityText,
      parameters: described(own),
    };
  }
  const { notes, terms, raised, ...applied } = applyTopUp(program, topUp.overrides);
  const cityBasis = basisRef("city", topUp.basis);
  return {
    ...common,
    ...applied,
    terms,
    eligibilityText,
    parameters: described({ ...applied, terms }),
    basis: raised.length > 0 ? [provinceBasis, cityBasis] : [provinceBasis],
    topUp: {
      version: topUp.version,
      effectiveFrom: topUp.effectiveFrom,
      effectiveTo: topUp.effectiveTo ?? null,
      basis: cityBasis,
      overrides: { ...topUp.overrides },
      notes,
      raised,
    },
  };
}

function localEntry(program: ProgramVersion): CatalogueEntry {
  const own = { ...kindParamsOf(program), terms: { ...(program.terms ?? {}) } };
  return {
    ...kindParamsOf(program),
    eligibilityText: program.eligibility.map((c) => conditionText(c)),
    parameters: describeParameters({
      benefit: program.benefit,
      effective: own,
      baseline: null,
      limits: undefined,
      written: null,
    }),
    code: program.code,
    name: program.name,
    source: "local",
    benefit: program.benefit,
    terms: { ...(program.terms ?? {}) },
    eligibility: program.eligibility,
    effectiveFrom: program.effectiveFrom,
    effectiveTo: program.effectiveTo ?? null,
    version: program.version,
    basis: [basisRef("city", program.basis)],
    baseline: null,
    topUp: null,
  };
}

/** The city's catalogue in force on `input.date`. Throws `RangeError` on a malformed date. */
export function buildCatalogue(input: CatalogueInput): Catalogue {
  const { date } = input;
  if (!isDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const topUpsByProgram = groupBy(input.topUps, (t) => t.programCode);
  const programs: CatalogueEntry[] = [];
  for (const program of inForceByCode(input.provincePrograms, date)) {
    const topUp = pickInForce(topUpsByProgram.get(program.code) ?? [], date);
    programs.push(provincialEntry(program, topUp));
  }
  for (const program of inForceByCode(input.localPrograms, date)) programs.push(localEntry(program));
  return { date, programs };
}
