/**
 * A city's work highlights of a year (工作亮点), versioned; the current item carries the
 * province-year gsi1 keys, so the circular draft reads every city's highlights in one paginated Query.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../client";
import { ENTITY, keys } from "../keys";
import { putVersion, queryGsi1, type VersionWriteInput } from "../versioned";

export interface HighlightsInput {
  employment?: string | undefined;
  entrepreneurship?: string | undefined;
}

export interface StoredHighlights extends HighlightsInput {
  tenantId: string;
  provinceId: string;
  year: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function highlightsFromItem(item: Record<string, unknown>): StoredHighlights {
  return {
    tenantId: String(item.tenantId),
    provinceId: String(item.provinceId),
    year: Number(item.year),
    ...(typeof item.employment === "string" ? { employment: item.employment } : {}),
    ...(typeof item.entrepreneurship === "string" ? { entrepreneurship: item.entrepreneurship } : {}),
    version: Number(item.version),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}

export async function findHighlights(
  db: Db,
  tenantId: string,
  year: number,
): Promise<StoredHighlights | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.highlights(tenantId, year) }),
  );
  return out.Item ? highlightsFromItem(out.Item) : undefined;
}

export interface PutHighlightsInput extends Omit<VersionWriteInput, "conditions"> {
  provinceId: string;
  tenantId: string;
  year: number;
  highlights: HighlightsInput;
}

export async function putHighlights(
  db: Db,
  input: PutHighlightsInput,
): Promise<StoredHighlights & { created: boolean }> {
  const { provinceId, tenantId, year } = input;
  const data = {
    tenantId,
    provinceId,
    year,
    ...(input.highlights.employment !== undefined ? { employment: input.highlights.employment } : {}),
    ...(input.highlights.entrepreneurship !== undefined
      ? { entrepreneurship: input.highlights.entrepreneurship }
      : {}),
    updatedAt: input.at,
    updatedBy: input.by,
  };
  return putVersion(
    db,
    {
      current: keys.highlights(tenantId, year),
      versionKey: (v) => keys.highlightsVersion(tenantId, year, v),
      type: ENTITY.highlights,
      versionType: ENTITY.highlightsVersion,
      currentOnly: { gsi1pk: keys.highlightsOfProvinceYear(provinceId, year), gsi1sk: tenantId },
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
  return items.map(highlightsFromItem);
}
