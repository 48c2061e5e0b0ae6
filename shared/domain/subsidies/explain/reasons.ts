/** Why a program applies to an applicant or not, and for how much, in reading order. */
import { dec, fixed } from "../../../lib/decimal";
import type { UnmetCondition } from "../conditions";
import type { Profile } from "../profile";
import type { Benefit, KindParams } from "../program";
import { type ConditionLike, conditionText, tierText } from "./conditions";
import { parameterNameAndUnit } from "./parameters";
import { labelOf, numberText, unitOf, yuanText } from "./values";

/** What the reasons of one entitlement are computed from (a catalogue entry and the calculator's result). */
export interface ReasonInput {
  source: "province" | "local";
  benefit: Benefit;
  /** the program as in force in the city (kind, params, terms) */
  effective: KindParams & { terms: Readonly<Record<string, number>> };
  /** the provincial terms, to say which the city raised (provincial programs) */
  baselineTerms: Readonly<Record<string, number>> | null;
  eligibility: readonly ConditionLike[];
  eligible: boolean;
  tier: string | null;
  amount: string;
  baselineAmount: string;
  topUpAmount: string;
  unmet: readonly UnmetCondition[];
  terms: Readonly<Record<string, number>>;
  profile: Profile;
  date: string;
}

/**
 * The reasons of an entitlement, in Chinese, in reading order: the conditions met (or how many
 * were not), the tier, how the amount comes about (rate × units, cap), the provincial standard
 * and the city's top-up, the terms, and that a loan is a maximum principal not added to grants.
 */
export function entitlementReasons(input: ReasonInput): string[] {
  const reasons: string[] = [];
  const what = input.benefit === "loan" ? "贷款额度" : "补贴金额";
  const program = input.effective;
  if (!input.eligible) {
    const tierMisses = input.unmet.filter((u) => u.tier !== undefined);
    const others = input.unmet.length - tierMisses.length;
    if (others > 0) reasons.push(`不符合申领条件：${others}项条件未满足`);
    if (tierMisses.length > 0) reasons.push("不符合任何一档的条件");
    if (program.kind === "per_unit" && input.unmet.some((u) => u.field === program.params.unitsField))
      reasons.push(
        `按${labelOf(program.params.unitsField)}计发，须填写大于0的${labelOf(program.params.unitsField)}`,
      );
    return reasons;
  }
  reasons.push(
    input.eligibility.length === 0
      ? "本项目无其他申领条件"
      : `符合申领条件：${input.eligibility.map((c) => conditionText(c, input.date)).join("；")}`,
  );
  if (program.kind === "tiered" && input.tier !== null) {
    const index = program.params.tiers.findIndex((t) => t.key === input.tier);
    const tier = program.params.tiers[index];
    if (tier)
      reasons.push(
        `适用第${index + 1}档：${tierText(tier.when, input.date)}，该档${what}${yuanText(tier.amount)}`,
      );
  }
  if (program.kind === "per_unit") {
    const field = program.params.unitsField;
    const units = input.profile[field];
    const unit = unitOf(field) || "单位";
    if (typeof units === "number") {
      const raw = dec(program.params.rate).times(dec(units));
      let text = `每${unit}${yuanText(program.params.rate)} × ${numberText(units)}${unit} = ${yuanText(fixed(raw))}`;
      if (program.params.cap !== undefined)
        text += dec(program.params.cap).lt(raw)
          ? `，超过封顶${yuanText(program.params.cap)}，按封顶计发`
          : `（封顶${yuanText(program.params.cap)}）`;
      reasons.push(text);
    }
  }
  if (input.source === "local")
    reasons.push(`本市地方项目：${what}${yuanText(input.amount)}，由本市政策文件规定`);
  else if (dec(input.topUpAmount).gt(0))
    reasons.push(
      `省级标准${yuanText(input.baselineAmount)}，本市提标${yuanText(input.topUpAmount)}，合计${yuanText(input.amount)}`,
    );
  else reasons.push(`按省级标准计发：${what}${yuanText(input.amount)}`);
  for (const [name, value] of Object.entries(input.terms).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { label, unit } = parameterNameAndUnit({ ...program, benefit: input.benefit }, `terms.${name}`);
    const base =
      input.baselineTerms && Object.hasOwn(input.baselineTerms, name) ? input.baselineTerms[name] : undefined;
    const raised = base !== undefined && value > base ? `（本市提高，省级为${numberText(base)}${unit}）` : "";
    reasons.push(`${label}：${numberText(value)}${unit}${raised}`);
  }
  if (input.benefit === "loan") reasons.push("贷款额度为可申请的最高本金，不计入补贴合计");
  return reasons;
}
