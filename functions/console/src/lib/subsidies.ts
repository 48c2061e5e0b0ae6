/**
 * The subsidy pages' pure helpers: the applicant profile form (one descriptor per profile field,
 * typed against the API's profile schema so a new field, a changed type or a new enum value breaks
 * the build), the profile in a shareable URL, exact yuan, and the Chinese names of the program
 * structure's enums. No rules live here: eligibility, amounts and reasons come from the API.
 */
import {
  CATEGORY_LABELS,
  CERTIFICATE_LEVEL_LABELS,
  DEGREE_LABELS,
  UNITS,
} from "../../../../shared/domain/subsidies/explain/words";
import type { Body } from "../api/contract";
import { formatDate } from "./format";
import { parseNumber } from "./numbers";

/** The calculator's profile exactly as the API takes it (`profileSchema` of the domain). */
export type Profile = NonNullable<Body<"calculateEntitlements">>["profile"];
export type ProfileField = keyof Profile;

/** The input a field gets, decided by its type in the profile schema. */
type Descriptor<V> = [V] extends [boolean]
  ? { input: "boolean" }
  : [V] extends [number]
    ? { input: "number"; unit: string; integer: boolean }
    : [V] extends [string]
      ? string extends V
        ? { input: "date" }
        : { input: "enum"; options: { readonly [K in V]: string } }
      : never;

type FieldGroup = "person" | "business" | "skills";

type FieldDescriptor<V> = Descriptor<V> & { label: string; group: FieldGroup; hint?: string };

/** Every field's Chinese label and input, in the form's order. */
export const PROFILE_FORM = {
  category: {
    label: "人员类别",
    group: "person",
    input: "enum",
    options: CATEGORY_LABELS,
  },
  graduationDate: { label: "毕业日期", group: "person", input: "date" },
  degree: {
    label: "学历",
    group: "person",
    input: "enum",
    options: DEGREE_LABELS,
  },
  keyUniversity: { label: "重点高校毕业", group: "person", input: "boolean" },
  firstBusiness: { label: "首次创业", group: "business", input: "boolean" },
  businessOperatingMonths: {
    label: "正常经营月数",
    group: "business",
    input: "number",
    unit: UNITS.businessOperatingMonths,
    integer: true,
    hint: "领取营业执照并正常经营的月数",
  },
  socialInsurancePaid: { label: "已缴纳社会保险", group: "business", input: "boolean" },
  unemploymentInsuranceYears: {
    label: "失业保险缴费年限",
    group: "skills",
    input: "number",
    unit: UNITS.unemploymentInsuranceYears,
    integer: false,
  },
  certificateLevel: {
    label: "职业资格证书等级",
    group: "skills",
    input: "enum",
    options: CERTIFICATE_LEVEL_LABELS,
  },
  certificateDate: { label: "取证日期", group: "skills", input: "date" },
  trainingHours: {
    label: "培训学时",
    group: "skills",
    input: "number",
    unit: UNITS.trainingHours,
    integer: false,
    hint: "已完成的职业技能培训学时",
  },
} as const satisfies { readonly [F in ProfileField]-?: FieldDescriptor<NonNullable<Profile[F]>> };

export const PROFILE_GROUPS: ReadonlyArray<{ key: FieldGroup; title: string }> = [
  { key: "person", title: "人员情况" },
  { key: "business", title: "创业情况" },
  { key: "skills", title: "就业与技能培训" },
];

export const PROFILE_FIELDS = Object.keys(PROFILE_FORM) as ProfileField[];

export type FieldInput = "enum" | "boolean" | "number" | "date";

export function inputOf(field: ProfileField): FieldInput {
  return PROFILE_FORM[field].input;
}

/** The options of an enum field as `{value, label}`; none for other fields. */
export function optionsOf(field: string): Array<{ value: string; label: string }> {
  const d = (PROFILE_FORM as Record<string, { input: string; options?: Record<string, string> }>)[field];
  return d?.options ? Object.entries(d.options).map(([value, label]) => ({ value, label })) : [];
}

export function fieldLabel(field: string): string {
  return (PROFILE_FORM as Record<string, { label: string }>)[field]?.label ?? field;
}

export function isProfileField(name: string): name is ProfileField {
  return Object.hasOwn(PROFILE_FORM, name);
}

/** What the form holds for each field: the text typed (numbers, dates, enum values) or a checkbox. */
export type ProfileTexts = { [F in ProfileField]: string | boolean };

export function emptyTexts(): ProfileTexts {
  const out = {} as Record<ProfileField, string | boolean>;
  for (const field of PROFILE_FIELDS) out[field] = inputOf(field) === "boolean" ? false : "";
  return out as ProfileTexts;
}

/**
 * The profile the form describes, and the fields whose text is not a number. Empty fields are left
 * out (the API then says which conditions need them); an unchecked box is left out too (not stated).
 * Enum and date texts go to the API as typed: the API says when one is wrong, at its field.
 */
export function profileOf(texts: ProfileTexts): {
  profile: Profile;
  invalid: Partial<Record<ProfileField, string>>;
} {
  const profile: Record<string, string | number | boolean> = {};
  const invalid: Partial<Record<ProfileField, string>> = {};
  for (const field of PROFILE_FIELDS) {
    const text = texts[field];
    switch (inputOf(field)) {
      case "boolean":
        if (text === true) profile[field] = true;
        break;
      case "number": {
        const parsed = parseNumber(String(text ?? ""));
        if (parsed.kind === "number") profile[field] = parsed.value;
        else if (parsed.kind === "invalid") invalid[field] = parsed.message;
        break;
      }
      default:
        if (typeof text === "string" && text.trim() !== "") profile[field] = text.trim();
    }
  }
  return { profile: profile as Profile, invalid };
}

/** The form's texts from a URL query (`?category=graduate&keyUniversity=true&…`); other keys are ignored. */
export function textsFromQuery(query: Record<string, unknown>): { texts: ProfileTexts; any: boolean } {
  const texts = emptyTexts();
  let any = false;
  for (const field of PROFILE_FIELDS) {
    const raw = query[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== "string" || value === "") continue;
    any = true;
    (texts as Record<ProfileField, string | boolean>)[field] =
      inputOf(field) === "boolean" ? value === "true" : value;
  }
  return { texts, any };
}

/** The query that reproduces a profile (fields in form order, only those given). */
export function queryOf(profile: Profile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of PROFILE_FIELDS) {
    const value = profile[field];
    if (value !== undefined) out[field] = String(value);
  }
  return out;
}

/** A YYYY-MM-DD date (the URL's `?date=`), or undefined. */
export function dateParam(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/**
 * Yuan as the API gives it (`"300000.00"`), with thousands separators and exactly its decimals:
 * `300,000.00`. String arithmetic only, so no amount is ever rounded by floating point.
 */
export function formatYuanExact(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount.trim());
  if (!m) return amount;
  return `${m[1]}${(m[2] ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** A number as the API gives it (a parameter: 150000, 8.5) with separators, at most 2 decimals. */
export function formatParameter(value: number | null | undefined, money = true): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat("zh-CN", {
    minimumFractionDigits: 0,
    maximumFractionDigits: money ? 2 : 4,
  }).format(value);
}

export const KIND_LABELS = {
  fixed: "定额补贴",
  tiered: "分档补贴",
  per_unit: "按量计补",
} as const satisfies Record<NonNullable<Body<"putLocalProgram">>["kind"], string>;
export const BENEFIT_LABELS = { grant: "补助资金", loan: "贷款额度（最高本金）" } as const satisfies Record<
  NonNullable<Body<"putLocalProgram">>["benefit"],
  string
>;
export const LEVEL_LABELS = { province: "省级", city: "市级" } as const;

/** The comparison of a condition, as the local program form offers it (the API checks every condition). */
export const OPERATOR_LABELS = {
  eq: "等于",
  ne: "不等于",
  in: "属于其中之一",
  gte: "不少于",
  lte: "不超过",
  gt: "大于",
  lt: "小于",
  onOrAfter: "不早于（日期）",
  withinMonths: "在申请日前若干个月内",
} as const;
export type Operator = keyof typeof OPERATOR_LABELS;

/** The comparisons that fit a field's input (the form offers only these). */
export function operatorsFor(field: string): Operator[] {
  if (!isProfileField(field)) return ["eq"];
  switch (inputOf(field)) {
    case "enum":
      return ["eq", "ne", "in"];
    case "boolean":
      return ["eq", "ne"];
    case "number":
      return ["gte", "lte", "gt", "lt", "eq", "ne"];
    case "date":
      return ["onOrAfter", "withinMonths", "eq", "ne"];
  }
}

/** The numeric profile fields (what a per-unit program may count). */
export const NUMERIC_FIELDS = PROFILE_FIELDS.filter((f) => inputOf(f) === "number");

/** A document cited as a program's basis: its number or title, then the clause when there is one. */
export function basisText(b: { document: string; clause?: string | null | undefined }): string {
  return `${b.document}${b.clause ? ` ${b.clause}` : ""}`;
}

/** The unit a profile field counts in (人, 户, …), where it has one. */
export function unitOf(field: string): string | undefined {
  return isProfileField(field) ? (PROFILE_FORM[field] as { unit?: string }).unit : undefined;
}

/** A parameter's value with its unit (`150,000 元`, `3 年`); "—" for none. */
export function parameterValue(value: number | null, p: { unit: string; money: boolean }): string {
  return value === null ? "—" : `${formatParameter(value, p.money)} ${p.unit}`.trim();
}

/** Who issued a basis document: the city by its name, or the province. */
export function levelName(level: "province" | "city", cityName: string): string {
  return level === "city" ? cityName : LEVEL_LABELS.province;
}

/** A program's or a top-up's dates in force: from…to, or from (open-ended). */
export function datesText(from: string, to: string | null): string {
  return to ? `${formatDate(from)}至${formatDate(to)}` : `${formatDate(from)}起`;
}
