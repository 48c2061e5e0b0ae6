/**
 * Every key format of the table, in one place (pinned by test/unit/shared/data/keys.test.ts).
 *
 * Every partition key starts with its owner — `PROV#<p>` or `TENANT#<t>` — so a key built for
 * one tenant cannot reach another tenant's data, and the rule can be enforced by IAM
 * (`dynamodb:LeadingKeys`). Current items and their version history use different sort-key
 * words (`REPORT#` / `REPORTV#`) so a `begins_with` on one never matches the other.
 */

export const pad = (n: number, width = 6): string => String(n).padStart(width, "0");

const prov = (p: string) => `PROV#${p}`;
const tenant = (t: string) => `TENANT#${t}`;

/**
 * The sort-key prefix of a current item's versions: its word with `V`
 * (`RULEBOOK#2019` → `RULEBOOKV#2019#`), so a `begins_with` on one never matches the other.
 */
export function versionPrefixOf(current: { sk: string }): string {
  return `${current.sk.replace("#", "V#")}#`;
}

/** The key of version `v` of a current item (`RULEBOOKV#2019#000003`). */
export function versionKeyOf(current: { pk: string; sk: string }, v: number): { pk: string; sk: string } {
  return { pk: current.pk, sk: `${versionPrefixOf(current)}${pad(v)}` };
}

const rulebook = (p: string, y: number) => ({ pk: prov(p), sk: `RULEBOOK#${y}` });
const targets = (t: string, y: number) => ({ pk: tenant(t), sk: `TARGETS#${y}` });
const report = (t: string, y: number, period: string) => ({ pk: tenant(t), sk: `REPORT#${y}#${period}` });
const highlights = (t: string, y: number) => ({ pk: tenant(t), sk: `HIGHLIGHTS#${y}` });
const review = (p: string, y: number, t: string) => ({ pk: prov(p), sk: `REVIEW#${y}#${t}` });

export const keys = {
  province: (p: string) => ({ pk: prov(p), sk: "PROFILE" }),
  /** per province-year state; `publishedCircularId` freezes that year's rulebook */
  yearState: (p: string, y: number) => ({ pk: prov(p), sk: `YEAR#${y}#STATE` }),

  tenant: (t: string) => ({ pk: tenant(t), sk: "PROFILE" }),
  tenantsOfProvince: (p: string) => `${prov(p)}#TENANTS`,
  tenantOrder: (displayOrder: number, t: string) => `${pad(displayOrder)}#${t}`,

  apiKey: (t: string, keyId: string) => ({ pk: tenant(t), sk: `APIKEY#${keyId}` }),
  apiKeyPrefix: () => "APIKEY#",
  rateWindow: (t: string, keyId: string, window: number) => ({
    pk: tenant(t),
    sk: `RATE#${keyId}#${window}`,
  }),

  rulebook,
  /** the current rulebook of every year (`RULEBOOKV#` items do not match it) */
  rulebookPrefix: () => "RULEBOOK#",

  targets,
  targetsOfProvinceYear: (p: string, y: number) => `${prov(p)}#Y#${y}#TARGETS`,

  report,
  reportPrefix: (y: number) => `REPORT#${y}#`,
  /**
   * A tenant-year's report card: the latest values of every period (what the rollup and scoring
   * read, one item per tenant in the province-year's gsi1 partition) and the revision counter that
   * every report write advances conditionally — so two concurrent writes of different months,
   * checked against each other by the cumulative rule, cannot both land on the same reading. It
   * sorts after every `YYYY-MM` under `REPORT#<y>#`, so the one Query that reads the tenant's year
   * reads it too.
   */
  reportsHead: (t: string, y: number) => ({ pk: tenant(t), sk: `REPORT#${y}#~HEAD` }),
  reportsOfProvinceYear: (p: string, y: number) => `${prov(p)}#Y#${y}#REPORTS`,

  unlock: (t: string, y: number, period: string, createdAt: string) => ({
    pk: tenant(t),
    sk: `UNLOCK#${y}#${period}#${createdAt}`,
  }),
  unlockPrefix: (y: number, period: string) => `UNLOCK#${y}#${period}#`,
  unlockYearPrefix: (y: number) => `UNLOCK#${y}#`,
  /** gsi1: every unlock of a province-year, sorted by creation */
  unlocksOfProvinceYear: (p: string, y: number) => `${prov(p)}#Y#${y}#UNLOCKS`,

  highlights,
  highlightsOfProvinceYear: (p: string, y: number) => `${prov(p)}#Y#${y}#HIGHLIGHTS`,

  review,
  reviewPrefix: (y: number) => `REVIEW#${y}#`,

  scoringRun: (p: string, y: number, runId: string) => ({ pk: prov(p), sk: `RUN#${y}#${runId}` }),
  scoringRunPrefix: (y: number) => `RUN#${y}#`,
  /** a run's results, gzip'd canonical JSON split into chunks (a run of thousands of tenants stays a few items) */
  scoringRunChunk: (p: string, y: number, runId: string, chunk: number) => ({
    pk: prov(p),
    sk: `RUNCHUNK#${y}#${runId}#${pad(chunk, 4)}`,
  }),
  scoringRunChunkPrefix: (y: number, runId: string) => `RUNCHUNK#${y}#${runId}#`,

  circular: (p: string, circularId: string) => ({ pk: prov(p), sk: `CIRCULAR#${circularId}` }),
  circularPrefix: () => "CIRCULAR#",
  publishedCircularsOfProvince: (p: string) => `${prov(p)}#PUBLISHED`,

  program: (p: string, code: string, v: number) => ({ pk: prov(p), sk: `PROGRAM#${code}#${pad(v)}` }),
  programHead: (p: string, code: string) => ({ pk: prov(p), sk: `PROGRAMHEAD#${code}` }),
  programPrefix: () => "PROGRAM#",

  topUp: (t: string, code: string, v: number) => ({ pk: tenant(t), sk: `TOPUP#${code}#${pad(v)}` }),
  topUpHead: (t: string, code: string) => ({ pk: tenant(t), sk: `TOPUPHEAD#${code}` }),
  topUpPrefix: () => "TOPUP#",

  localProgram: (t: string, code: string, v: number) => ({
    pk: tenant(t),
    sk: `LOCALPROG#${code}#${pad(v)}`,
  }),
  localProgramHead: (t: string, code: string) => ({ pk: tenant(t), sk: `LOCALPROGHEAD#${code}` }),
  localProgramPrefix: () => "LOCALPROG#",

  /** versions of the versioned resources (`versionKeyOf`: the current item's word with `V`) */
  rulebookVersion: (p: string, y: number, v: number) => versionKeyOf(rulebook(p, y), v),
  targetsVersion: (t: string, y: number, v: number) => versionKeyOf(targets(t, y), v),
  reportVersion: (t: string, y: number, period: string, v: number) => versionKeyOf(report(t, y, period), v),
  highlightsVersion: (t: string, y: number, v: number) => versionKeyOf(highlights(t, y), v),
  reviewVersion: (p: string, y: number, t: string, v: number) => versionKeyOf(review(p, y, t), v),

  /** the random secret pagination cursors are sealed with (shared/data/cursors.ts); the platform's own item */
  cursorSecret: () => ({ pk: "PLATFORM", sk: "CURSOR_SECRET" }),

  /** marks a demo data set as loaded, so a restart never loads it twice */
  seedMarker: (p: string, name: string) => ({ pk: prov(p), sk: `SEED#${name}` }),
} as const;

/** Entity tags stored in every item's `type` attribute. */
export const ENTITY = {
  province: "Province",
  yearState: "YearState",
  tenant: "Tenant",
  apiKey: "ApiKey",
  rateWindow: "RateWindow",
  rulebook: "Rulebook",
  rulebookVersion: "RulebookVersion",
  targets: "Targets",
  targetsVersion: "TargetsVersion",
  report: "Report",
  reportsHead: "ReportsHead",
  reportVersion: "ReportVersion",
  unlock: "Unlock",
  highlights: "Highlights",
  highlightsVersion: "HighlightsVersion",
  review: "Review",
  reviewVersion: "ReviewVersion",
  scoringRun: "ScoringRun",
  scoringRunChunk: "ScoringRunChunk",
  circular: "Circular",
  program: "SubsidyProgram",
  programHead: "SubsidyProgramHead",
  topUp: "SubsidyTopUp",
  topUpHead: "SubsidyTopUpHead",
  localProgram: "LocalProgram",
  localProgramHead: "LocalProgramHead",
  seedMarker: "SeedMarker",
  cursorSecret: "CursorSecret",
} as const;
