/**
 * The Chinese words of the applicant profile's values: what each enum value is called and the unit
 * each number counts in. Explanations (`values.ts`) and the console's calculator form both read
 * them from here, so a form and the reasons it gets back name a value the same way. No imports
 * but types: the console bundles this file as it is.
 */
import type { Category, Profile, ProfileField } from "../profile";

/** The unit a numeric profile field counts in. */
export const UNITS = {
  businessOperatingMonths: "个月",
  unemploymentInsuranceYears: "年",
  trainingHours: "学时",
} as const satisfies Readonly<Partial<Record<ProfileField, string>>>;

export const CATEGORY_LABELS = {
  graduate: "高校毕业生",
  hard_to_employ: "就业困难人员",
  rural_worker: "农村劳动力",
  veteran: "退役军人",
  registered_unemployed: "登记失业人员",
  employee: "企业职工",
  enterprise: "小微企业",
  returnee_base: "农民工返乡创业基地",
  family_service_training_base: "家庭服务职业培训示范基地",
} as const satisfies { readonly [C in Category]-?: string };

export const DEGREE_LABELS = {
  bachelor: "本科",
  master: "硕士研究生",
  doctor: "博士研究生",
} as const satisfies { readonly [D in NonNullable<Profile["degree"]>]-?: string };

export const CERTIFICATE_LEVEL_LABELS = {
  junior: "初级",
  intermediate: "中级",
  senior: "高级",
} as const satisfies { readonly [L in NonNullable<Profile["certificateLevel"]>]-?: string };
