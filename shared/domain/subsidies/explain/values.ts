/**
 * Profile fields and values as people read them: the fields' Chinese labels and units, enum values
 * and yes/no phrases, dates as documents write them (2019年7月1日), numbers with thousands
 * separators and yuan exactly (150,000元, 8.50元).
 */
import { type Decimal, dec, fixed } from "../../../lib/decimal";
import { PROFILE_LABELS } from "../../../lib/labels";
import { MISSING } from "../conditions";
import type { Profile, ProfileField } from "../profile";
import { CATEGORY_LABELS, CERTIFICATE_LEVEL_LABELS, DEGREE_LABELS, UNITS } from "./words";

export { CATEGORY_LABELS, CERTIFICATE_LEVEL_LABELS, DEGREE_LABELS };

/** The unit a numeric profile field counts in. */
export const PROFILE_FIELD_UNITS: Readonly<Partial<Record<ProfileField, string>>> = UNITS;

/** Every profile field's Chinese label (the calculator's form and every condition use them). */
export const PROFILE_FIELD_LABELS: { readonly [F in ProfileField]-?: string } = PROFILE_LABELS;

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
export function booleanPhrase(field: string, value: boolean): string | undefined {
  const phrases = Object.hasOwn(BOOLEAN_PHRASES, field) ? BOOLEAN_PHRASES[field as BooleanField] : undefined;
  return phrases?.[value ? 0 : 1];
}
const DATE_FIELDS = new Set<string>(["graduationDate", "certificateDate"]);

/** Terms the Jilin programs use; any other term is named by its key. */
export const TERM_LABELS: Readonly<Record<string, { label: string; unit: string }>> = {
  interestSubsidyMarginPp: { label: "贴息利率上限（基准利率上浮）", unit: "个百分点" },
  fullInterestSubsidyYears: { label: "全额贴息年限", unit: "年" },
};

export function labelOf(field: string): string {
  return Object.hasOwn(PROFILE_FIELD_LABELS, field)
    ? PROFILE_FIELD_LABELS[field as ProfileField]
    : `“${field}”`;
}

export function unitOf(field: string): string {
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
