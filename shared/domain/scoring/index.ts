export { type Actual, findActual, periodsOfYearDescending } from "./actuals";
export { scoreYear } from "./engine";
export { applyQuotas, compareForRank, gradeIndexForTotal, quotaLimit, type RankKey } from "./grading";
export { ceilingPoints, ratioPoints } from "./lines";
export { applyOverrides, type OverrideError, type Overrides, overridesSchema } from "./overrides";
export type {
  AdjustmentItem,
  BonusLine,
  DeductionLine,
  IndicatorFlag,
  IndicatorLine,
  Line,
  ReviewLine,
  ScoringInput,
  ScoringTenantInput,
  TenantResult,
  VetoLine,
} from "./types";
