/** A city's work highlights of a year (`HIGHLIGHTS#<y>`, on the province-year's gsi1), versioned. */
import * as z from "zod/mini";
import { itemParser, UPDATED, withAuditAs } from "./stored";

export function storedHighlightsShape() {
  return {
    tenantId: z.string(),
    provinceId: z.string(),
    year: z.number(),
    /** 就业工作方面 */
    employment: z.optional(z.string()),
    /** 创业工作方面 */
    entrepreneurship: z.optional(z.string()),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  };
}

export const highlightsEntity = z.lazy(() => withAuditAs(UPDATED, z.object(storedHighlightsShape())));

export type StoredHighlights = z.infer<typeof highlightsEntity>;
export type HighlightsInput = Pick<StoredHighlights, "employment" | "entrepreneurship">;

export const parseHighlights = itemParser(highlightsEntity);
