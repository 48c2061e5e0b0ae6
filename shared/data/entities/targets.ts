/** A tenant's targets of a year (`TARGETS#<y>`, on the province-year's gsi1), versioned (`TARGETSV#<y>#<v>`). */
import * as z from "zod/mini";
import { itemParser, UPDATED, withAuditAs } from "./stored";

export function storedTargetsShape() {
  return {
    tenantId: z.string(),
    provinceId: z.string(),
    year: z.number(),
    /** indicator code -> the year's target */
    targets: z.record(z.string(), z.number()),
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  };
}

export const targetsEntity = z.lazy(() => withAuditAs(UPDATED, z.object(storedTargetsShape())));

export type StoredTargets = z.infer<typeof targetsEntity>;

export const parseTargets = itemParser(targetsEntity);
