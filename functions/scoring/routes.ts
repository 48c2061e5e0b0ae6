/**
 * Scoring routes: stored scoring runs (inputs frozen with their versions, explained results,
 * SHA-256 hashes), what-if dry runs with overrides, and a city's own explained score.
 */
import * as z from "zod/mini";
import { CITY_ROLES, PROVINCE_ROLES } from "../../shared/domain/principal";
import { overridesSchema } from "../../shared/domain/scoring";
import { CSV_TYPE, XLSX_TYPE } from "../http/office";
import { defineRoutes, lazySchema } from "../http/route";
import { idSchema, pageOf, pageQuery, runIdSchema, sha256Hex, yearParam } from "../http/schemas";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const decimal2 = lazySchema(() => z.string().check(z.regex(/^\d+\.\d{2}$/)));
/** exact points: at least 2 decimals, more only when the exact value has them */
const exactPoints = lazySchema(() => z.string().check(z.regex(/^\d+\.\d{2,}$/)));

const adjustment = lazySchema(() => z.object({ points: z.number(), reason: z.string() }));

/** The explanation lines of a result (`shared/domain/scoring/types.ts`). */
const line = lazySchema(() =>
  z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("indicator"),
      code: z.string(),
      name: z.string(),
      method: z.enum(["ratio", "ceiling"]),
      weight: z.number(),
      cap: z.optional(z.number()),
      tolerance: z.optional(z.number()),
      target: z.nullable(z.number()),
      actual: z.nullable(z.number()),
      period: z.nullable(z.string()),
      ratio: z.nullable(z.string()),
      points: z.string(),
      flags: z.array(z.enum(["notFinal", "missing", "capped", "noTarget"])),
      formula: z.string(),
    }),
    z.object({
      kind: z.literal("review"),
      code: z.string(),
      name: z.string(),
      maxScore: z.number(),
      score: z.nullable(z.number()),
      points: z.string(),
      flags: z.array(z.literal("missing")),
    }),
    z.object({ kind: z.literal("bonus"), points: z.string(), limit: z.number(), items: z.array(adjustment) }),
    z.object({
      kind: z.literal("deduction"),
      points: z.string(),
      limit: z.nullable(z.number()),
      items: z.array(adjustment),
    }),
    z.object({ kind: z.literal("veto"), reason: z.string() }),
  ]),
);

/** An explained result: `TenantResult` with the tenant's names (lines per `shared/domain/scoring/scoring.md`). */
const result = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    name: z.string(),
    authorityName: z.string(),
    displayOrder: z.int(),
    total: decimal2,
    exactTotal: z.optional(exactPoints),
    indicatorPoints: exactPoints,
    reviewPoints: exactPoints,
    bonusPoints: exactPoints,
    deductionPoints: exactPoints,
    rank: z.int().check(z.gte(1)),
    grade: z.string(),
    gradeByScore: z.optional(z.string()),
    movedByQuota: z.optional(z.boolean()),
    vetoed: z.boolean(),
    lines: z.array(line),
  }),
);

/** A run's metadata and hashes (a shape, so that the run responses can extend it lazily). */
function runSummaryShape() {
  return {
    runId: z.string(),
    provinceId: z.string(),
    year: z.int(),
    createdAt: z.string(),
    createdBy: z.string(),
    rulebookVersion: z.int(),
    tenantCount: z.int(),
    inputsHash: sha256Hex,
    resultsHash: sha256Hex,
    gradeCounts: z.record(z.string(), z.int()),
  };
}

const inputVersions = lazySchema(() =>
  z.object({
    rulebook: z.int(),
    tenants: z.array(
      z.object({
        tenantId: z.string(),
        targets: z.int(),
        reports: z.record(z.string(), z.int()),
        review: z.nullable(z.int()),
      }),
    ),
  }),
);

const tenantInputs = lazySchema(() =>
  z.object({
    tenantId: z.string(),
    name: z.string(),
    authorityName: z.string(),
    displayOrder: z.int(),
    targets: z.object({ version: z.int(), values: z.record(z.string(), z.number()) }),
    reports: z.array(
      z.object({ period: z.string(), version: z.int(), values: z.record(z.string(), z.number()) }),
    ),
    review: z.nullable(z.looseObject({ version: z.int() })),
  }),
);

/** A stored run: its summary, the versions of its inputs and its results. */
function scoringRunShape() {
  return { ...runSummaryShape(), inputVersions, results: z.array(result) };
}

const scoringRun = lazySchema(() => z.object(scoringRunShape()));

const dryRun = lazySchema(() =>
  z.object({
    dryRun: z.literal(true),
    provinceId: z.string(),
    year: z.int(),
    baseRunId: z.nullable(z.string()),
    rulebookVersion: z.int(),
    tenantCount: z.int(),
    inputsHash: sha256Hex,
    resultsHash: sha256Hex,
    overrides: z.record(z.string(), z.unknown()),
    gradeCounts: z.record(z.string(), z.int()),
    baselineGradeCounts: z.record(z.string(), z.int()),
    changes: z.array(
      z.object({
        tenantId: z.string(),
        name: z.string(),
        authorityName: z.string(),
        baseline: z.object({
          total: decimal2,
          exactTotal: z.optional(exactPoints),
          rank: z.int(),
          grade: z.string(),
        }),
        whatIf: z.object({
          total: decimal2,
          exactTotal: z.optional(exactPoints),
          rank: z.int(),
          grade: z.string(),
        }),
      }),
    ),
    results: z.array(result),
  }),
);

const provinceYear = lazySchema(() => z.strictObject({ p: idSchema, y: yearParam }));

export const scoringRoutes = defineRoutes("scoring", {
  createScoringRun: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/scoring-runs",
    summary: "Score the year from its current inputs and store the run (or, with ?dryRun=true, a what-if)",
    description:
      "Reads the current rulebook, the targets of every tenant that has targets for the year, the latest " +
      "report of every period and the reviews, records the version of each, scores per shared/domain/scoring/scoring.md and " +
      "stores inputs and results with inputsHash and resultsHash (SHA-256 of canonical JSON; the same " +
      "inputs always give the same hashes). 422 without a rulebook or without any tenant with targets. " +
      "With ?dryRun=true the optional body {overrides} (weights, caps, tolerances, thresholds, quotas, " +
      "targets, actuals, reviews, bonusMax, deductionMax) changes the computation only: nothing is stored, the " +
      "answer is 200 with dryRun: true and the tenants whose total, rank or grade move; with {runId} it starts " +
      "from that stored run's frozen inputs (422 body.runId for an unknown run). Invalid overrides are 400 with " +
      "body.overrides… paths; overrides or runId without dryRun are 400.",
    tags: ["scoring"],
    access: { roles: ["province-admin"] },
    params: provinceYear,
    query: lazySchema(() => z.strictObject({ dryRun: z.optional(z.enum(["true", "false"])) })),
    body: lazySchema(() =>
      z.optional(z.strictObject({ overrides: z.optional(overridesSchema), runId: z.optional(runIdSchema) })),
    ),
    response: lazySchema(() => z.union([scoringRun, dryRun])),
    status: 201,
    alsoStatus: [200],
    links: { getScoringRun: { p: "$request.path.p", y: "$request.path.y", runId: "$response.body#/runId" } },
  },
  listScoringRuns: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/scoring-runs",
    summary: "The year's scoring runs, newest first (metadata and hashes only)",
    tags: ["scoring"],
    access: { roles: PROVINCE_ROLES },
    params: provinceYear,
    query: pageQuery,
    response: pageOf(
      "runs",
      lazySchema(() => z.object(runSummaryShape())),
    ),
  },
  getScoringRun: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/scoring-runs/{runId}",
    summary:
      "A stored run: results, the versions of its inputs, and the inputs themselves (to re-check the hashes)",
    description:
      "`format=csv` downloads the ranks and grades, `format=xlsx` a workbook with the ranks and grades and every line with its formula.",
    tags: ["scoring"],
    access: { roles: PROVINCE_ROLES },
    params: lazySchema(() => z.strictObject({ p: idSchema, y: yearParam, runId: runIdSchema })),
    query: lazySchema(() => z.strictObject({ format: z.optional(z.enum(["json", "csv", "xlsx"])) })),
    produces: [CSV_TYPE, XLSX_TYPE],
    response: lazySchema(() =>
      z.object({
        ...scoringRunShape(),
        inputs: z.object({
          provinceId: z.string(),
          year: z.int(),
          rulebook: z.object({ version: z.int(), rulebook: z.looseObject({}) }),
          tenants: z.array(tenantInputs),
        }),
      }),
    ),
  },
  getTenantScore: {
    method: "GET",
    path: "/v1/tenants/{t}/years/{y}/score",
    summary: "The city's own explained result in the newest run that scored it — nothing about other tenants",
    tags: ["scoring"],
    access: { roles: CITY_ROLES },
    params: lazySchema(() => z.strictObject({ t: idSchema, y: yearParam })),
    response: lazySchema(() =>
      z.object({
        runId: z.string(),
        year: z.int(),
        createdAt: z.string(),
        result,
        inputs: tenantInputs,
      }),
    ),
  },
});
