/**
 * The applicant profile the entitlement calculator reads: one flat, strict object (unknown fields
 * are rejected). Every field is optional — a condition on a field the profile lacks simply fails
 * with `actual: "missing"`.
 *
 * Exactly the fields `shared/domain/subsidies/subsidies.md` lists, nothing more: programs are written against them.
 */
import * as z from "zod/mini";
import { zodMessage } from "../../lib/zod-text";
import { dateSchema } from "./dates";

export const CATEGORIES = [
  "graduate",
  "hard_to_employ",
  "rural_worker",
  "veteran",
  "registered_unemployed",
  "employee",
  "enterprise",
  "returnee_base",
  "family_service_training_base",
] as const;
export const DEGREES = ["bachelor", "master", "doctor"] as const;
export const CERTIFICATE_LEVELS = ["junior", "intermediate", "senior"] as const;

export type Category = (typeof CATEGORIES)[number];

/** Upper bounds that only keep nonsense out; no real applicant comes near them. */
const MAX_MONTHS = 1200;
const MAX_YEARS = 100;
const MAX_HOURS = 100_000;

const nonNegative = (max: number) =>
  z
    .number()
    .check(
      z.gte(0, zodMessage("must be ≥ 0", "不能小于0")),
      z.lte(max, zodMessage(`must be ≤ ${max}`, `不能大于${max}`)),
    );

/**
 * The fields are getters: zod reads them once, on the schema's first use, so importing this module
 * builds only the object itself while `profileSchema.def.shape` still lists every field.
 */
export const profileSchema = z.strictObject({
  get category() {
    return z.optional(z.enum(CATEGORIES));
  },
  get graduationDate() {
    return z.optional(dateSchema);
  },
  get degree() {
    return z.optional(z.enum(DEGREES));
  },
  get keyUniversity() {
    return z.optional(z.boolean());
  },
  get firstBusiness() {
    return z.optional(z.boolean());
  },
  /** months the business has been licensed and operating (领取营业执照且正常经营) */
  get businessOperatingMonths() {
    return z.optional(z.int().check(z.gte(0, zodMessage("must be ≥ 0", "不能小于0")), z.lte(MAX_MONTHS)));
  },
  get socialInsurancePaid() {
    return z.optional(z.boolean());
  },
  /** years of unemployment-insurance contributions; may be fractional */
  get unemploymentInsuranceYears() {
    return z.optional(nonNegative(MAX_YEARS));
  },
  get certificateLevel() {
    return z.optional(z.enum(CERTIFICATE_LEVELS));
  },
  get certificateDate() {
    return z.optional(dateSchema);
  },
  /** class hours (学时) of vocational training completed; may be fractional */
  get trainingHours() {
    return z.optional(nonNegative(MAX_HOURS));
  },
});

export type Profile = z.infer<typeof profileSchema>;
export type ProfileField = keyof Profile;

/** The type of each profile field, which decides the operators and values a condition may use. */
export type FieldSpec =
  | { type: "enum"; values: readonly string[] }
  | { type: "boolean" }
  | { type: "number"; integer: boolean }
  | { type: "date" };

export const PROFILE_FIELDS: { readonly [F in ProfileField]-?: FieldSpec } = {
  category: { type: "enum", values: CATEGORIES },
  graduationDate: { type: "date" },
  degree: { type: "enum", values: DEGREES },
  keyUniversity: { type: "boolean" },
  firstBusiness: { type: "boolean" },
  businessOperatingMonths: { type: "number", integer: true },
  socialInsurancePaid: { type: "boolean" },
  unemploymentInsuranceYears: { type: "number", integer: false },
  certificateLevel: { type: "enum", values: CERTIFICATE_LEVELS },
  certificateDate: { type: "date" },
  trainingHours: { type: "number", integer: false },
};

export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as [ProfileField, ...ProfileField[]];

export const NUMERIC_FIELDS = PROFILE_FIELD_NAMES.filter((f) => PROFILE_FIELDS[f].type === "number");

export function isProfileField(name: string): name is ProfileField {
  return Object.hasOwn(PROFILE_FIELDS, name);
}
