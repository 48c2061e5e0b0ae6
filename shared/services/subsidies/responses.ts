/** Stored versions as the subsidies routes answer them. */
import type { StoredProgram, StoredTopUp } from "../../data/stores/subsidies";
import type { ProgramVersion, TopUpVersion } from "../../domain/subsidies";

/** A stored version as answered: `writtenBy` only when the caller may see it. */
export type ProgramResponse = ProgramVersion & { writtenBy?: string };
export type TopUpResponse = TopUpVersion & { writtenBy?: string };

/** Whether the caller may see who wrote a version. */
export interface ResponseOptions {
  withWriter: boolean;
}

/** A stored version as answered: `effectiveTo` explicit, `writtenBy` only when the caller may see it. */
function toVersionResponse<T extends { effectiveTo?: string | null | undefined; writtenBy?: string }>(
  stored: T,
  { withWriter }: ResponseOptions,
): T & { effectiveTo: string | null } {
  const out = { ...stored, effectiveTo: stored.effectiveTo ?? null };
  if (!withWriter) delete out.writtenBy;
  return out;
}

export function toProgramResponse(stored: StoredProgram, options: ResponseOptions): ProgramResponse {
  return toVersionResponse(stored, options);
}

export function toTopUpResponse(stored: StoredTopUp, options: ResponseOptions): TopUpResponse {
  return toVersionResponse(stored, options);
}
