/** A city's work highlights of a year (`HIGHLIGHTS#<y>`, on the province-year's gsi1), versioned. */
import type * as z from "zod/mini";
import {
  itemParser,
  optionalStrings,
  tenantYearFields,
  UPDATED,
  versionedEntity,
  versionFields,
} from "./stored";

export function storedHighlightsShape() {
  return {
    ...tenantYearFields(),
    /** `employment`: 就业工作方面; `entrepreneurship`: 创业工作方面 */
    ...optionalStrings("employment", "entrepreneurship"),
    ...versionFields(UPDATED),
  };
}

export const highlightsEntity = /* @__PURE__ */ versionedEntity(UPDATED, storedHighlightsShape);
export const parseHighlights = /* @__PURE__ */ itemParser(highlightsEntity);

export type StoredHighlights = z.infer<typeof highlightsEntity>;
export type HighlightsInput = Pick<StoredHighlights, "employment" | "entrepreneurship">;
