/**
 * A city's work highlights of a year (工作亮点), versioned; the current item carries the
 * province-year gsi1 keys, so the circular draft reads every city's highlights in one paginated Query.
 */
import type { Db } from "../client";
import { type HighlightsInput, parseHighlights, type StoredHighlights } from "../entities/highlights";
import { findItem } from "../items";
import { keys } from "../keys";
import { queryGsi1 } from "../queries";
import { putVersion, type VersionWriteInput, versionedTarget } from "../versioned";

export type { HighlightsInput, StoredHighlights };

/** Which highlights: a tenant's of one year. */
export interface HighlightsKey {
  tenantId: string;
  year: number;
}

export function findHighlights(
  db: Db,
  tenantId: string,
  year: number,
): Promise<StoredHighlights | undefined> {
  return findItem(db, keys.highlights(tenantId, year), parseHighlights);
}

export interface PutHighlightsInput extends Omit<VersionWriteInput, "conditions">, HighlightsKey {
  provinceId: string;
  highlights: HighlightsInput;
}

export function putHighlights(
  db: Db,
  input: PutHighlightsInput,
): Promise<StoredHighlights & { created: boolean }> {
  const { provinceId, tenantId, year, highlights } = input;
  const data = {
    tenantId,
    provinceId,
    year,
    ...(highlights.employment !== undefined ? { employment: highlights.employment } : {}),
    ...(highlights.entrepreneurship !== undefined ? { entrepreneurship: highlights.entrepreneurship } : {}),
  };
  return putVersion(
    db,
    versionedTarget("highlights", keys.highlights(tenantId, year), parseHighlights, {
      gsi1pk: keys.highlightsOfProvinceYear(provinceId, year),
      gsi1sk: tenantId,
    }),
    data,
    input,
  );
}

/** The current highlights of every city of a province-year (gsi1, all pages). */
export async function highlightsOfProvinceYear(db: Db, provinceId: string, year: number) {
  return (await queryGsi1(db, keys.highlightsOfProvinceYear(provinceId, year))).map(parseHighlights);
}
