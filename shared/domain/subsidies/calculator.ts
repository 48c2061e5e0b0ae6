/**
 * The entitlement calculator: for a city's catalogue, an applicant profile and a date, which
 * programs apply, how much, why (every unmet condition) and which document grants each yuan.
 *
 * Decisions where `shared/domain/subsidies/subsidies.md` is silent:
 * - Every eligibility condition is evaluated; all unmet ones are listed, in program order.
 * - Tiered program with no tier holding: every tier's failed conditions are listed as ordinary
 *   unmet conditions, each with the `tier` it belongs to (tiers in order), so the "no" is
 *   explained field by field.
 * - Per-unit program: the units field must be present and > 0 (nothing to pay otherwise); if not,
 *   the unmet entry is `{field: unitsField, op: "gt", value: 0, actual}`. rate × units is rounded
 *   half-up to the fen, then capped.
 * - Provincial programs: `baselineAmount` uses the provincial params, `amount` the params merged
 *   with the city's top-up, `topUpAmount = amount − baselineAmount`. Local programs:
 *   `baselineAmount` is "0.00" and `topUpAmount = amount`, so `amount = baselineAmount +
 *   topUpAmount` holds for every entry. Ineligible programs: all three "0.00".
 * - `basis`: the provincial document, plus the city's when its top-up adds money for this
 *   applicant (`topUpAmount > 0`) or raises a term; a local program cites the city's document.
 * - `terms` are shown for eligible and ineligible programs alike.
 * - A catalogue entry not in force on `date` is skipped, and a top-up not in force on `date` is
 *   ignored (provincial values apply), so no program is ever returned outside its dates even if
 *   the catalogue was built for another day. Build the catalogue for the same date.
 * - `totalGrant` sums eligible `grant` amounts; `maxLoan` is the largest eligible `loan` amount
 *   ("0.00" when none). Loans are never added to grants.
 */
import type { Decimal } from "../../lib/decimal";
import { dec, fixed, max, min, roundHalfUp, sum, ZERO } from "../../lib/decimal";
import type { BasisRef, Catalogue, CatalogueEntry, ProgramSource } from "./catalogue";
import type { UnmetCondition } from "./conditions";
import { MISSING, unmetConditions } from "./conditions";
import { isDate } from "./dates";
import { entitlementReasons, unmetText } from "./explain";
import type { Profile } from "./profile";
import type { Benefit, KindParams } from "./program";
import { isInForce } from "./versions";

/** Yuan with exactly 2 decimals, as a string: e.g. "5000.00". */
export type Yuan = string;

export interface ProgramEntitlement {
  code: string;
  name: string;
  source: ProgramSource;
  benefit: Benefit;
  kind: KindParams["kind"];
  eligible: boolean;
  /** the tier that applied (tiered programs), else `null` */
  tier: string | null;
  amount: Yuan;
  baselineAmount: Yuan;
  topUpAmount: Yuan;
  unmet: UnmetCondition[];
  basis: BasisRef[];
  terms: Record<string, number>;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** why it applies or not, and how the amount comes about, in Chinese (see `explain.ts`) */
  reasons: string[];
  /** each unmet condition in Chinese, in the same order as `unmet` */
  unmetText: string[];
}

export interface Entitlements {
  date: string;
  programs: ProgramEntitlement[];
  /** sum of eligible grant amounts */
  totalGrant: Yuan;
  /** largest eligible loan amount (maximum principal) */
  maxLoan: Yuan;
}

/** What the kind-specific part of a program decides. */
type Outcome = { ok: true; tier: string | null; amount: Decimal } | { ok: false; unmet: UnmetCondition[] };

function outcome(program: KindParams, profile: Profile, date: string): Outcome {
  switch (program.kind) {
    case "fixed":
      return { ok: true, tier: null, amount: dec(program.params.amount) };
    case "tiered": {
      const misses: UnmetCondition[] = [];
      for (const tier of program.params.tiers) {
        const unmet = unmetConditions(tier.when, profile, date);
        if (unmet.length === 0) return { ok: true, tier: tier.key, amount: dec(tier.amount) };
        for (const condition of unmet) misses.push({ ...condition, tier: tier.key });
      }
      return { ok: false, unmet: misses };
    }
    case "per_unit": {
      const field = program.params.unitsField;
      const units: unknown = Object.hasOwn(profile, field) ? profile[field] : undefined;
      if (typeof units !== "number" || !(units > 0))
        return {
          ok: false,
          unmet: [{ field, op: "gt", value: 0, actual: units === undefined ? MISSING : units }],
        };
      const raw = roundHalfUp(dec(program.params.rate).times(dec(units)));
      const cap = program.params.cap;
      return { ok: true, tier: null, amount: cap === undefined ? raw : min(raw, dec(cap)) };
    }
  }
}

function entitlement(entry: CatalogueEntry, profile: Profile, date: string): ProgramEntitlement {
  const topUpInForce = entry.topUp !== null && isInForce(entry.topUp, date);
  const effective: KindParams = topUpInForce || entry.baseline === null ? entry : entry.baseline;
  const terms = topUpInForce || entry.baseline === null ? entry.terms : entry.baseline.terms;
  const unmet = unmetConditions(entry.eligibility, profile, date);
  const result = outcome(effective, profile, date);
  if (!result.ok) unmet.push(...result.unmet);
  const eligible = unmet.length === 0 && result.ok;

  let amount = ZERO;
  let baselineAmount = ZERO;
  let tier: string | null = null;
  if (eligible && result.ok) {
    amount = result.amount;
    tier = result.tier;
    if (entry.baseline !== null) {
      const base = outcome(entry.baseline, profile, date);
      baselineAmount = base.ok ? base.amount : ZERO;
    }
  }
  const topUpAmount = amount.minus(baselineAmount);

  const provinceBasis = entry.basis.filter((b) => b.level === "province");
  const cityBasis = entry.basis.filter((b) => b.level === "city");
  const raisesTerm = topUpInForce && (entry.topUp?.raised ?? []).some((p) => p.startsWith("terms."));
  const basis =
    entry.source === "local"
      ? entry.basis
      : topUpInForce && (topUpAmount.gt(ZERO) || raisesTerm)
        ? [...provinceBasis, ...cityBasis]
        : provinceBasis;

  const money = {
    amount: fixed(amount),
    baselineAmount: fixed(baselineAmount),
    topUpAmount: fixed(topUpAmount),
  };
  const tiers = effective.kind === "tiered" ? effective.params.tiers : undefined;
  return {
    code: entry.code,
    name: entry.name,
    source: entry.source,
    benefit: entry.benefit,
    kind: entry.kind,
    eligible,
    tier,
    ...money,
    unmet,
    basis,
    terms: { ...terms },
    effectiveFrom: entry.effectiveFrom,
    effectiveTo: entry.effectiveTo,
    reasons: entitlementReasons({
      source: entry.source,
      benefit: entry.benefit,
      effective: { ...effective, terms },
      baselineTerms: entry.baseline?.terms ?? null,
      eligibility: entry.eligibility,
      eligible,
      tier,
      ...money,
      unmet,
      terms,
      profile,
      date,
    }),
    unmetText: unmet.map((u) => unmetText(u, date, tiers)),
  };
}

/**
 * Entitlements of `profile` under `catalogue` on `date` (`YYYY-MM-DD`, Asia/Shanghai; the caller
 * supplies it — default today — the domain never reads the clock). Throws `RangeError` on a
 * malformed date. `profile` must already be parsed with `profileSchema`.
 */
export function calculateEntitlements(catalogue: Catalogue, profile: Profile, date: string): Entitlements {
  if (!isDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const programs = catalogue.programs
    .filter((entry) => isInForce(entry, date))
    .map((e) => entitlement(e, profile, date));
  const eligible = programs.filter((p) => p.eligible);
  const totalGrant = sum(eligible.filter((p) => p.benefit === "grant").map((p) => dec(p.amount)));
  const maxLoan = eligible
    .filter((p) => p.benefit === "loan")
    .map((p) => dec(p.amount))
    .reduce((a, b) => max(a, b), ZERO);
  return { date, programs, totalGrant: fixed(totalGrant), maxLoan: fixed(maxLoan) };
}
