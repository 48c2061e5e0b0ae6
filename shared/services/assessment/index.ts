/** The assessment cycle's services: rulebook, targets, reports and unlocks, highlights, reviews, rollup. */
export { StaleError } from "../../data/retry";
export type { Actor } from "../actor";
export { getHighlights, setHighlights } from "./highlights";
export {
  type ImportInput,
  importReport,
  importTargets,
  reportTemplateOf,
  targetsTemplateOf,
} from "./imports";
export { tenantPeriods } from "./periods";
export { listReports, type ReportBody, reportHistory, reportsForExport, submitReport } from "./reports";
export { getReview, provinceReviews, reviewHistory, setReview } from "./reviews";
export { type ProvinceRollup, provinceRollup, tenantProgress } from "./rollup";
export { getRulebook, publishRulebook, rulebookVersions, rulebookYears } from "./rulebook";
export { getTargets, type ProvinceTargets, provinceTargets, setTargets } from "./targets";
export { listUnlocks, type UnlockBody, unlockPeriod } from "./unlocks";
