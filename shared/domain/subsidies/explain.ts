/**
 * The subsidy rules in Chinese, for people: what each condition asks, what an applicant lacked,
 * what each parameter of a program is, and why a program applies (or not) and for how much. The
 * public catalogue and the calculator answer with these texts beside their machine fields, so the
 * console (and any city system) shows the service's own reasons instead of re-deriving them.
 *
 * Pure; no schema is built here. Money is written exactly with thousands separators (150,000元,
 * 8.50元); dates as documents write them (2019年7月1日).
 */
import { type Decimal, dec, fixed } from "../../lib/decimal";
import type { UnmetCondition } from "./conditions";
import { MISSING } from "./conditions";
import { subtractMonths } from "./dates";
import type { Category, Profile, ProfileField } from "./profile";
import type { Benefit, KindParams, Program } from "./program";
import { resolvePath } from "./program";

/** Every profile field's Chinese label (the calculator's form and every condition use them). */
export const PROFILE_FIELD_LABELS: { readonly [F in ProfileField]-?: string } = {
  category: "人员类别",
  graduationDate: "毕业日期",
  degree: "学历",
  keyUniversity: "是否重点高校毕业",
  firstBusiness: "是否首次创业",
  businessOperatingMonths: "正常经营月数",
  socialInsurancePaid: "是否已缴纳社会保险",
  unemploymentInsuranceYears: "失业保险缴费年限",
  certificateLevel: "职业资格证书等级",
  certificateDate: "取证日期",
  trainingHours: "培训学时",
};

/** The unit a numeric profile field counts in. */
export const PROFILE_FIELD_UNITS: Readonly<Partial<Record<ProfileField, string>>> = {
  businessOperatingMonths: "个月",
  unemploymentInsuranceYears: "年",
  trainingHours: "学时",
};

export const CATEGORY_LABELS: { readonly [C in Category]-?: string } = {
  graduate: "高校毕业生",
  hard_to_employ: "就业困难人员",
  rural_worker: "农村劳动力",
  veteran: "退役军人",
  registered_unemployed: "登记失业人员",
  employee: "企业职工",
  enterprise: "小微企业",
  returnee_base: "农民工返乡创业基地",
  family_service_training_base: "家庭服务职业培训示范基地",
};
export const DEGREE_LABELS: { readonly [D in NonNullable<Profile["degree"]>]-?: string } = {
  bachelor: "本科",
  master: "硕士研究生",
  doctor: "博士研究生",
};
export const CERTIFICATE_LEVEL_LABELS: {
  readonly [L in NonNullable<Profile["certificateLevel"]>]-?: string;
} = {
  junior: "初级",
  intermediate: "中级",
  senior: "高级",
};

const ENUM_LABELS: Readonly<Partial<Record<ProfileField, Readonly<Record<string, string>>>>> = {
  category: CATEGORY_LABELS,
  degree: DEGREE_LABELS,
  certificateLevel: CERTIFICATE_LEVEL_LABELS,
};

type BooleanField = {
  [F in ProfileField]-?: NonNullable<Profile[F]> extends boolean ? F : never;
}[ProfileField];
/** A yes/no field as a condition states it: [when true, when false]. */
const BOOLEAN_PHRASES: { readonly [F in BooleanField]-?: readonly [string, string] } = {
  keyUniversity: ["重点高校毕业", "非重点高校毕业"],
  firstBusiness: ["首次创业", "非首次创业"],
  socialInsurancePaid: ["已缴纳社会保险", "未缴纳社会保险"],
};
function booleanPhrase(field: string, value: boolean): string | undefined {
  const phrases = Object.hasOwn(BOOLEAN_PHRASES, field) ? BOOLEAN_PHRASES[field as BooleanField] : undefined;
  return phrases?.[value ? 0 : 1];
}
const DATE_FIELDS = new Set<string>(["graduationDate", "certificateDate"]);

/** Terms the Jilin programs use; any other term is named by its key. */
export const TERM_LABELS: Readonly<Record<string, { label: string; unit: string }>> = {
  interestSubsidyMarginPp: { label: "贴息利率上限（基准利率上浮）", unit: "个百分点" },
  fullInterestSubsidyYears: { label: "全额贴息年限", unit: "年" },
};

function labelOf(field: string): string {
  return Object.hasOwn(PROFILE_FIELD_LABELS, field)
    ? PROFILE_FIELD_LABELS[field as ProfileField]
    : `“${field}”`;
}

function unitOf(field: string): string {
  return PROFILE_FIELD_UNITS[field as ProfileField] ?? "";
}

/** 2019-07-01 → 2019年7月1日 */
export function dateText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date;
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A number with thousands separators, exactly as given (no rounding): 150000 → 150,000; 2.5 → 2.5. */
export function numberText(value: number | string | Decimal): string {
  const text = dec(value).toFixed();
  const negative = text.startsWith("-");
  const [integer = "0", fraction] = (negative ? text.slice(1) : text).split(".");
  return `${negative ? "-" : ""}${group(integer)}${fraction ? `.${fraction}` : ""}`;
}

/** Yuan exactly: whole amounts without decimals (150,000元), others with two (8.50元). */
export function yuanText(value: number | string | Decimal): string {
  const amount = dec(value);
  if (amount.round(0).eq(amount)) return `${numberText(amount)}元`;
  const [integer = "0", fraction = "00"] = fixed(amount.abs()).split(".");
  return `${amount.lt(0) ? "-" : ""}${group(integer)}.${fraction}元`;
}

/** A profile value as people read it: 高校毕业生, 是, 2019年7月1日, 3年. */
export function valueText(field: string, value: unknown): string {
  if (value === MISSING || value === undefined) return "未填写";
  const labels = ENUM_LABELS[field as ProfileField];
  if (labels && typeof value === "string")
    return Object.hasOwn(labels, value) ? (labels[value] ?? value) : value;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") return `${numberText(value)}${unitOf(field)}`;
  if (typeof value === "string" && DATE_FIELDS.has(field)) return dateText(value);
  return String(value);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("、")}或${items.at(-1)}`;
}

export interface ConditionLike {
  field: string;
  op: string;
  value: unknown;
}

/**
 * What a condition asks, in Chinese: 人员类别为高校毕业生或就业困难人员, 正常经营月数不少于12个月,
 * 取证日期在2017年1月1日（含）之后, 毕业日期在申请日前24个月内（含）. With `date` (the evaluation
 * date), `withinMonths` names its span: 毕业日期在2017年12月1日至2019年12月1日之间（申请日前24个月内）.
 */
export function conditionText(condition: ConditionLike, date?: string): string {
  const label = labelOf(condition.field);
  const v = condition.value;
  const unit = unitOf(condition.field);
  const num = (x: unknown) => (typeof x === "number" ? `${numberText(x)}${unit}` : String(x));
  switch (condition.op) {
    case "eq":
    case "ne": {
      const positive = condition.op === "eq";
      const phrase = typeof v === "boolean" ? booleanPhrase(condition.field, positive ? v : !v) : undefined;
      if (phrase) return phrase;
      return `${label}${positive ? "为" : "不为"}${valueText(condition.field, v)}`;
    }
    case "in": {
      const values = Array.isArray(v) ? v.map((x) => valueText(condition.field, x)) : [String(v)];
      return values.length === 1 ? `${label}为${values[0]}` : `${label}为${orList(values)}`;
    }
    case "gte":
      return `${label}不少于${num(v)}`;
    case "lte":
      return `${label}不超过${num(v)}`;
    case "gt":
      return `${label}大于${num(v)}`;
    case "lt":
      return `${label}小于${num(v)}`;
    case "onOrAfter":
      return `${label}在${dateText(String(v))}（含）之后`;
    case "withinMonths": {
      if (date !== undefined && typeof v === "number" && Number.isInteger(v))
        return `${label}在${dateText(subtractMonths(date, v))}至${dateText(date)}之间（申请日前${v}个月内）`;
      return `${label}在申请日前${String(v)}个月内（含）`;
    }
    default:
      return `${label} ${condition.op} ${String(v)}`;
  }
}

/** The conditions of a tier, joined: 人员类别为高校毕业生，且毕业日期在申请日前24个月内（含）; none → 其他情形. */
export function tierText(when: readonly ConditionLike[], date?: string): string {
  return when.length === 0 ? "其他情形" : when.map((c) => conditionText(c, date)).join("，且");
}

/**
 * An unmet condition, in Chinese: what was asked and what the applicant had —
 * 须人员类别为高校毕业生或就业困难人员（申请人：退役军人）. A tier's condition names its tier:
 * 第1档：须职业资格证书等级为高级（申请人：未填写）.
 */
export function unmetText(unmet: UnmetCondition, date: string, tiers?: readonly { key: string }[]): string {
  const asked = `须${conditionText(unmet, date)}（申请人：${valueText(unmet.field, unmet.actual)}）`;
  if (unmet.tier === undefined) return asked;
  const index = tiers?.findIndex((t) => t.key === unmet.tier) ?? -1;
  return `${index >= 0 ? `第${index + 1}档` : `“${unmet.tier}”档`}：${asked}`;
}

// ---------------------------------------------------------------------------------------------
// Parameters (what a city may top up)
// ---------------------------------------------------------------------------------------------

/** One parameter of a program in a city's catalogue: the provincial value, the value in force here, the limit. */
export interface CatalogueParameter {
  /** the top-up path: `amount`, `rate`, `cap`, `tiers.<key>`, `terms.<name>` */
  path: string;
  /** Chinese name: 补贴金额, 每学时补贴标准, 档次“人员类别为高校毕业生…”的贷款额度, 全额贴息年限 */
  label: string;
  /** 元, 元/学时, 年, 个百分点, or "" */
  unit: string;
  /** money (yuan, at most 2 decimals) or a plain number (a term) */
  money: boolean;
  /** the provincial value (`null` for a local program) */
  baseline: number | null;
  /** the value in force in this city (the top-up applied) */
  value: number;
  /** `topUpLimits[path].max` of the provincial program, `null` when none is set (always for local programs) */
  limit: number | null;
  /** the city raised this value above the provincial one */
  raised: boolean;
  /** why the city's written value does not apply as written (clamped to the baseline or limit), else `null` */
  note: string | null;
}

type ProgramShape = KindParams & { benefit: Benefit; terms?: Readonly<Record<string, number>> | undefined };

/** Every top-up path of a program: amount | rate, cap | tiers.<key>… in tier order, then terms.<name>… by name. */
export function parameterPaths(
  program: KindParams & { terms?: Readonly<Record<string, number>> | undefined },
) {
  const paths: string[] = [];
  switch (program.kind) {
    case "fixed":
      paths.push("amount");
      break;
    case "per_unit":
      paths.push("rate");
      if (program.params.cap !== undefined) paths.push("cap");
      break;
    case "tiered":
      for (const tier of program.params.tiers) paths.push(`tiers.${tier.key}`);
      break;
  }
  // terms are a map (its order is not kept by storage): by name
  for (const name of Object.keys(program.terms ?? {}).sort()) paths.push(`terms.${name}`);
  return paths;
}

/** The Chinese name and unit of a parameter path in a program. */
export function parameterNameAndUnit(program: ProgramShape, path: string): { label: string; unit: string } {
  const what = program.benefit === "loan" ? "贷款额度" : "补贴金额";
  if (path === "amount") return { label: what, unit: "元" };
  if (path === "rate" && program.kind === "per_unit") {
    const unit = unitOf(program.params.unitsField) || "单位";
    return { label: `每${unit}补贴标准`, unit: `元/${unit}` };
  }
  if (path === "cap") return { label: `${what}封顶`, unit: "元" };
  if (path.startsWith("tiers.") && program.kind === "tiered") {
    const key = path.slice("tiers.".length);
    const tier = program.params.tiers.find((t) => t.key === key);
    return { label: `${tier ? tierText(tier.when) : `“${key}”档`}的${what}`, unit: "元" };
  }
  if (path.startsWith("terms.")) {
    const name = path.slice("terms.".length);
    const known = Object.hasOwn(TERM_LABELS, name) ? TERM_LABELS[name] : undefined;
    return known ? { label: known.label, unit: known.unit } : { label: `附加条款“${name}”`, unit: "" };
  }
  return { label: `“${path}”`, unit: "" };
}

function valueAt(program: ProgramShape, path: string): number | undefined {
  const resolved = resolvePath(program, path);
  return resolved.ok ? resolved.value : undefined;
}

function amountWithUnit(value: number, unit: string, money: boolean): string {
  return money && unit === "元" ? yuanText(value) : `${numberText(value)}${unit}`;
}

/**
 * The parameters of a catalogue entry. `effective`: the program's kind, params and terms in force
 * in the city (top-up applied); `baseline`: the provincial ones (`null` for a local program);
 * `limits`: the provincial program's `topUpLimits`; `written`: the city's overrides as written.
 */
export function describeParameters(input: {
  benefit: Benefit;
  effective: KindParams & { terms: Readonly<Record<string, number>> };
  baseline: (KindParams & { terms: Readonly<Record<string, number>> }) | null;
  limits: Program["topUpLimits"];
  written: Readonly<Record<string, number>> | null;
}): CatalogueParameter[] {
  const effective: ProgramShape = { ...input.effective, benefit: input.benefit };
  const baseline: ProgramShape | null = input.baseline ? { ...input.baseline, benefit: input.benefit } : null;
  const out: CatalogueParameter[] = [];
  for (const path of parameterPaths(baseline ?? effective)) {
    const value = valueAt(effective, path);
    if (value === undefined) continue;
    const base = baseline ? (valueAt(baseline, path) ?? null) : null;
    const money = !path.startsWith("terms.");
    const { label, unit } = parameterNameAndUnit(baseline ?? effective, path);
    const limits = baseline ? (input.limits ?? {}) : {};
    const limit = Object.hasOwn(limits, path) ? (limits[path]?.max ?? null) : null;
    const written = input.written && Object.hasOwn(input.written, path) ? input.written[path] : undefined;
    let note: string | null = null;
    if (written !== undefined && written !== value)
      note =
        written > value
          ? `本市提标至${amountWithUnit(written, unit, money)}，高于省级规定的提标上限，按上限${amountWithUnit(value, unit, money)}执行`
          : `本市提标值${amountWithUnit(written, unit, money)}低于现行省级标准，按省级标准${amountWithUnit(value, unit, money)}执行`;
    out.push({
      path,
      label,
      unit,
      money,
      baseline: base,
      value,
      limit,
      raised: base !== null && value > base,
      note,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Why a program applies or not
// ---------------------------------------------------------------------------------------------

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
