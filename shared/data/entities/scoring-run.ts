/**
 * A scoring run's item (`RUN#<y>#<runId>`): who scored which inputs when, what came out (by hash),
 * and how its payload is stored (`RUNCHUNK#<y>#<runId>#<n>`, gzip'd canonical JSON).
 */
import * as z from "zod/mini";
import { itemParser, strings } from "./stored";

export function newScoringRunShape() {
  return {
    ...strings("runId", "provinceId"),
    year: z.int(),
    ...strings("createdAt", "createdBy"),
    rulebookVersion: z.int(),
    tenantCount: z.int(),
    ...strings("inputsHash", "resultsHash"),
    /** grade name -> number of tenants in it */
    gradeCounts: z.record(z.string(), z.number()),
  };
}

export function scoringRunShape() {
  return {
    ...newScoringRunShape(),
    chunkCount: z.int(),
    /** bytes of the gzip'd payload */
    payloadBytes: z.int(),
    /** SHA-256 of the gzip'd payload, checked on every read */
    payloadSha256: z.string(),
  };
}

export const scoringRunEntity = /* @__PURE__ */ z.lazy(() => z.object(scoringRunShape()));

/** The run item: the run and how its payload is stored. */
export type ScoringRunMeta = z.infer<typeof scoringRunEntity>;
/** What a run says about itself (the run item without its payload's bookkeeping). */
export type NewScoringRun = Omit<ScoringRunMeta, "chunkCount" | "payloadBytes" | "payloadSha256">;

/** One chunk of a run's payload. */
export const scoringRunChunkEntity = /* @__PURE__ */ z.lazy(() =>
  z.object({ runId: z.string(), index: z.int(), data: z.instanceof(Uint8Array) }),
);

export const parseScoringRun = /* @__PURE__ */ itemParser(scoringRunEntity);
export const parseScoringRunChunk = /* @__PURE__ */ itemParser(scoringRunChunkEntity);
