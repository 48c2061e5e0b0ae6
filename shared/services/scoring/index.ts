/**
 * Scoring runs (`shared/domain/scoring/scoring.md`): gather the year's inputs with the version of
 * each and freeze them in a canonical form (`run-inputs`), score with the pure engine and store
 * inputs and results together with their SHA-256 hashes (`runs`), what-if dry runs with overrides
 * (`what-if`), and a city's own result (`tenant-score`).
 */
export {
  engineInput,
  gatherRunInputs,
  type InputVersions,
  inputVersions,
  type RunInputs,
  type RunTenantInput,
} from "./run-inputs";
export {
  computeRun,
  createScoringRun,
  findScoringRun,
  getScoringRun,
  gradeCounts,
  listRuns,
  type RunPayload,
  type RunResult,
  type RunSummary,
  type ScoringRunResponse,
  type ScoringRunWithInputs,
  toRunSummary,
} from "./runs";
export { getTenantScore, type TenantScoreResponse } from "./tenant-score";
export { type DryRunResponse, dryRunScoring, type ScoreChange } from "./what-if";
