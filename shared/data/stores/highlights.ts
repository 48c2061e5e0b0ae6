/**
 * A city's work highlights of a year (工作亮点), versioned; the current item carries the
 * province-year gsi1 keys, so the circular draft reads every city's highlights in one paginated Query.
 */
import type { Db } from "../client";
import { type HighlightsInput, parseHighlights, type StoredHighlights } from "../entities/highlights";
import { findItem } from "../items";
import { ENTITY, keys } from "../keys";
import { queryGsi1 } from "../queries";
import { putVersion, type VersionWriteInput } from "../versioned";

export type { HighlightsInput, StoredHighlights };

export function findHighlights(
  db: Db,
  tenantId: string,
  year: number,
): Promise<StoredHighlights | undefined> {
  return findItem(db, keys.highlights(tenantId, year), parseHighlights);
}

export interface PutHighlightsInput extends Omit<VersionWriteInput, "conditions"> {
  provinceId: string;
  tenantId: string;
  year: number;
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
    {
      current: keys.highlights(tenantId, year),
      versionKey: (v) => keys.highlightsVersion(tenantId, year, v),
      type: ENTITY.highlights,
      versionType: ENTITY.highlightsVersion,
      currentOnly: { gsi1pk: keys.highlightsOfProvinceYear(provinceId, year), gsi1sk: tenantId },
      parse: parseHighlights,
    },
    data,
    input,
  );
}

/** The current highlights of every city of a province-year (gsi1, all pages). */
export async function highlightsOfProvinceYear(
  db: Db,
  provinceId: string,
  year: number,
): Promise<StoredHighlights[]> {
  const items = await queryGsi1(db, keys.highlightsOfProvinceYear(provinceId, year));
  return items.map(parseHighlights);
}
