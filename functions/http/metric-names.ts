/** The metrics the functions emit (functions/http/observability.ts), named once for the stack's alarms. */
export const METRICS_NAMESPACE = "EmploymentApi";
export const SERVICE_NAME = "employment-api";

export type BusinessMetric =
  | "ReportsSubmitted"
  | "ReportsLate"
  | "Unlocks"
  | "ScoringRuns"
  | "CircularsPublished"
  | "IdentityProviderUnavailable"
  | "CredentialStoreUnavailable";
