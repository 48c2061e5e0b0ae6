/**
 * An unlock: the province reopens one locked period for one tenant until an instant, with a
 * reason (`TENANT#<t>` `UNLOCK#<y>#<period>#<createdAt>#<unlockId>`, on the province-year's gsi1).
 */
import * as z from "zod/mini";
import { itemParser } from "./stored";

export function unlockShape() {
  return {
    unlockId: z.string(),
    tenantId: z.string(),
    provinceId: z.string(),
    year: z.number(),
    period: z.string(),
    reason: z.string(),
    /** ISO-8601 instant; the unlock is in force while now ≤ until */
    until: z.string(),
    unlockedBy: z.string(),
    createdAt: z.string(),
  };
}

export const unlockEntity = z.lazy(() => z.object(unlockShape()));

export type Unlock = z.infer<typeof unlockEntity>;

export const parseUnlock = itemParser(unlockEntity);
