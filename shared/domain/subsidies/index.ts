/**
 * Subsidy programs, city top-ups, local programs, the catalogue and the entitlement calculator
 * (`shared/domain/subsidies/subsidies.md`). The demo data-set schema is imported from `./data-set` by the seed alone: every
 * schema a module builds is built when a function imports it, used or not.
 */
export type { Entitlements, ProgramEntitlement, Yuan } from "./calculator";
export { calculateEntitlements } from "./calculator";
export type {
  BasisLevel,
  BasisRef,
  Catalogue,
  CatalogueBaseline,
  CatalogueEntry,
  CatalogueInput,
  CatalogueTopUp,
  ProgramSource,
} from "./catalogue";
export { basisRef, buildCatalogue } from "./catalogue";
export type { Condition, Operator, Scalar, UnmetCondition } from "./conditions";
export { conditionSchema, evaluateCondition, MISSING, OPERATORS, unmetConditions } from "./conditions";
export { addDays, dateSchema, isDate, subtractMonths } from "./dates";
export type { Category, FieldSpec, Profile, ProfileField } from "./profile";
export { CATEGORIES, PROFILE_FIELD_NAMES, PROFILE_FIELDS, profileSchema } from "./profile";
export type {
  Basis,
  Benefit,
  FixedProgram,
  Kind,
  KindParams,
  PathResolution,
  PerUnitProgram,
  Program,
  ProgramVersion,
  Tier,
  TieredProgram,
} from "./program";
export {
  basisSchema,
  isMoney,
  kindParamsOf,
  moneySchema,
  programSchema,
  programVersionSchema,
  resolvePath,
} from "./program";
export type { AppliedTopUp, OverrideNote, TopUp, TopUpError, TopUpVersion } from "./top-up";
export { applyTopUp, checkTopUp, topUpSchema, topUpVersionSchema, validateTopUp } from "./top-up";
export type { EffectiveDated, VersionMeta } from "./versions";
export { groupBy, isInForce, pickInForce, stampVersions } from "./versions";
