/** The rulebook of a province-year (`RULEBOOK#<y>`), versioned (`RULEBOOKV#<y>#<v>`). */
import * as z from "zod/mini";
import type { Rulebook } from "../../domain/rulebook";
import { asStored, itemParser, UPDATED, versionedEntity, versionFields } from "./stored";

export function storedRulebookShape() {
  return {
    provinceId: z.string(),
    year: z.int(),
    /** as `rulebookSchema` accepted it */
    rulebook: asStored<Rulebook>(),
    ...versionFields(UPDATED),
  };
}

export const rulebookEntity = /* @__PURE__ */ versionedEntity(UPDATED, storedRulebookShape);
export const parseRulebook = /* @__PURE__ */ itemParser(rulebookEntity);

export type StoredRulebook = z.infer<typeof rulebookEntity>;
