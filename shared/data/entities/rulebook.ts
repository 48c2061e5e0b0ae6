/** The rulebook of a province-year (`RULEBOOK#<y>`), versioned (`RULEBOOKV#<y>#<v>`). */
import * as z from "zod/mini";
import type { Rulebook } from "../../domain/rulebook";
import { asStored, itemParser, UPDATED, withAuditAs } from "./stored";

export function storedRulebookShape() {
  return {
    provinceId: z.string(),
    year: z.number(),
    version: z.number(),
    /** as `rulebookSchema` accepted it */
    rulebook: asStored<Rulebook>(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  };
}

export const rulebookEntity = z.lazy(() => withAuditAs(UPDATED, z.object(storedRulebookShape())));

export type StoredRulebook = z.infer<typeof rulebookEntity>;

export const parseRulebook = itemParser(rulebookEntity);
