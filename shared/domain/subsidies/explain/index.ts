/**
 * The subsidy rules in Chinese, for people: what each condition asks, what an applicant lacked,
 * what each parameter of a program is, and why a program applies (or not) and for how much. The
 * public catalogue and the calculator answer with these texts beside their machine fields, so the
 * console (and any city system) shows the service's own reasons instead of re-deriving them.
 *
 * Pure; no schema is built here. Money is written exactly with thousands separators (150,000元,
 * 8.50元); dates as documents write them (2019年7月1日).
 */
export { type ConditionLike, conditionText, tierText, unmetText } from "./conditions";
export {
  type CatalogueParameter,
  describeParameters,
  parameterNameAndUnit,
  parameterPaths,
} from "./parameters";
export { entitlementReasons, type ReasonInput } from "./reasons";
export {
  CATEGORY_LABELS,
  CERTIFICATE_LEVEL_LABELS,
  DEGREE_LABELS,
  dateText,
  numberText,
  PROFILE_FIELD_LABELS,
  PROFILE_FIELD_UNITS,
  TERM_LABELS,
  valueText,
  yuanText,
} from "./values";
