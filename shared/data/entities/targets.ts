/** A tenant's targets of a year (`TARGETS#<y>`, on the province-year's gsi1), versioned (`TARGETSV#<y>#<v>`). */
import * as z from "zod/mini";
import { itemParser, tenantYearFields, UPDATED, versionedEntity, versionFields } from "./stored";

export function storedTargetsShape() {
  return {
    ...tenantYearFields(),
    /** indicator code -> the year's target */
    targets: z.record(z.string(), z.number()),
    ...versionFields(UPDATED),
  };
}

export const targetsEntity = /* @__PURE__ */ versionedEntity(UPDATED, storedTargetsShape);
export const parseTargets = /* @__PURE__ */ itemParser(targetsEntity);

export type StoredTargets = z.infer<typeof targetsEntity>;
