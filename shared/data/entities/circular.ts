/**
 * A circular (`PROV#<p>` `CIRCULAR#<circularId>`; once published, on the province's gsi1 newest
 * first) and the province-year state its publishing sets (`YEAR#<y>#STATE`).
 */
import * as z from "zod/mini";
import type { CircularDocument, UnitScore } from "../../domain/circular";
import { asStored, itemParser, nullableString, optionalStrings, strings } from "./stored";

/** A circular without its document and scores: what its lists read. */
export function circularSummaryShape() {
  return {
    ...strings("circularId", "provinceId"),
    year: z.int(),
    status: z.enum(["draft", "approved", "published"]),
    version: z.int(),
    runId: z.string(),
    /** the rulebook version of the run: publishing needs it to still be the year's current rulebook */
    rulebookVersion: z.int(),
    /** the document's documentNo, kept beside it for lists */
    documentNo: z.string(),
    supersedes: nullableString(),
    ...strings("createdBy", "createdAt", "updatedBy", "updatedAt"),
    ...optionalStrings("approvedBy", "approvedAt", "publishedBy", "publishedAt"),
    /** SHA-256 (hex) of the document's canonical JSON, set when published */
    sha256: z.optional(z.string()),
    ...optionalStrings("supersededBy", "supersededByDocumentNo", "supersededAt"),
  };
}

export function storedCircularShape() {
  return {
    ...circularSummaryShape(),
    /** as `circularDocumentSchema` accepted it */
    document: asStored<CircularDocument>(),
    /** every unit's total and rank in the run, for turning `showScores` on while draft */
    scores: asStored<UnitScore[]>(),
  };
}

/** A published circular as the public list shows it. */
export function publishedEntryShape() {
  return {
    circularId: z.string(),
    year: z.int(),
    ...strings("documentNo", "sha256", "publishedAt"),
    supersedes: nullableString(),
    supersededBy: nullableString(),
  };
}

export const circularEntity = /* @__PURE__ */ z.lazy(() => z.object(storedCircularShape()));
export const circularSummaryEntity = /* @__PURE__ */ z.lazy(() => z.object(circularSummaryShape()));
export const publishedEntryEntity = /* @__PURE__ */ z.lazy(() => z.object(publishedEntryShape()));
/** The year state: `publishedCircularId` freezes the year's rulebook. */
export const yearStateEntity = /* @__PURE__ */ z.lazy(() =>
  z.object({ publishedCircularId: z.optional(z.string()), publishedAt: z.optional(z.string()) }),
);

export type StoredCircular = z.infer<typeof circularEntity>;
export type CircularStatus = StoredCircular["status"];
export type CircularSummary = z.infer<typeof circularSummaryEntity>;
export type PublishedEntry = z.infer<typeof publishedEntryEntity>;

export const parseCircular = /* @__PURE__ */ itemParser(circularEntity);
export const parseCircularSummary = /* @__PURE__ */ itemParser(circularSummaryEntity);
export const parsePublishedEntry = /* @__PURE__ */ itemParser(publishedEntryEntity);
export const parseYearState = /* @__PURE__ */ itemParser(yearStateEntity);
