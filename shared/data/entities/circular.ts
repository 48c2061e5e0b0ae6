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
    year: z.number(),
    status: z.enum(["draft", "approved", "published"]),
    version: z.number(),
    runId: z.string(),
    /** the rulebook version of the run: publishing needs it to still be the year's current rulebook */
    rulebookVersion: z.number(),
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
    year: z.number(),
    ...strings("documentNo", "sha256", "publishedAt"),
    supersedes: nullableString(),
    supersededBy: nullableString(),
  };
}

export const circularEntity = z.lazy(() => z.object(storedCircularShape()));
export const circularSummaryEntity = z.lazy(() => z.object(circularSummaryShape()));
export const publishedEntryEntity = z.lazy(() => z.object(publishedEntryShape()));
/** The year state: `publishedCircularId` freezes the year's rulebook. */
export const yearStateEntity = z.lazy(() =>
  z.object({ publishedCircularId: z.optional(z.string()), publishedAt: z.optional(z.string()) }),
);

export type StoredCircular = z.infer<typeof circularEntity>;
export type CircularStatus = StoredCircular["status"];
export type CircularSummary = z.infer<typeof circularSummaryEntity>;
export type PublishedEntry = z.infer<typeof publishedEntryEntity>;

export const parseCircular = itemParser(circularEntity);
export const parseCircularSummary = itemParser(circularSummaryEntity);
export const parsePublishedEntry = itemParser(publishedEntryEntity);
export const parseYearState = itemParser(yearStateEntity);
