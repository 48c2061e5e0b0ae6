/** The assessment cycle's services: rulebook, targets, reports and unlocks, highlights, reviews, rollup. */
export { StaleError } from "../../data/retry";
export type { Actor } from "../actor";
export { getHighlights, setHighlights } from "./highlights";
export {
  getReportTemplate,
  getTargetsTemplate,
  type ImportInput,
  importReport,
  importTargets,
} from "./imports";
export { getTenantPeriods } from "./periods";
export { getReportHistory, getReportsForExport, listReports, type ReportBody, submitReport } from "./reports";
export { getReview, getReviewHistory, listProvinceReviews, setReview } from "./reviews";
export { getProvinceRollup, getTenantProgress, type ProvinceRollup } from "./rollup";
export { getRulebook, getRulebookVersions, getRulebookYears, publishRulebook } from "./rulebook";
export { getProvinceTargets, getTargets, type ProvinceTargets, setTargets } from "./targets";
export { listUnlocks, type UnlockBody, unlockPeriod } from "./unlocks";
