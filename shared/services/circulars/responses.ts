/** Circulars as the province's routes answer them: every status, `sha256` and `supersededBy` explicit. */
import type { CircularSummary, StoredCircular } from "../../data/stores/circulars";

/** A circular as province roles see it: every status, with its document. */
export interface CircularResponse extends Omit<StoredCircular, "scores" | "sha256" | "supersededBy"> {
  sha256: string | null;
  supersededBy: string | null;
}

export function toCircularResponse(c: StoredCircular): CircularResponse {
  const { scores: _scores, ...rest } = c;
  return { ...rest, sha256: c.sha256 ?? null, supersededBy: c.supersededBy ?? null };
}

export type CircularListEntryResponse = Omit<CircularResponse, "document">;

export function toCircularListEntryResponse(c: CircularSummary): CircularListEntryResponse {
  return { ...c, sha256: c.sha256 ?? null, supersededBy: c.supersededBy ?? null };
}
