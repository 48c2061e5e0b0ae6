/**
 * An unlock: the province reopens one locked period for one tenant until an instant, with a
 * reason (`TENANT#<t>` `UNLOCK#<y>#<period>#<createdAt>#<unlockId>`, on the province-year's gsi1).
 * `until` is an ISO-8601 instant; the unlock is in force while now ≤ until.
 */
import * as z from "zod/mini";
import { itemParser, strings, tenantYearFields } from "./stored";

export function unlockShape() {
  return {
    unlockId: z.string(),
    ...tenantYearFields(),
    ...strings("period", "reason", "until", "unlockedBy", "createdAt"),
  };
}

export const unlockEntity = /* @__PURE__ */ z.lazy(() => z.object(unlockShape()));
export const parseUnlock = /* @__PURE__ */ itemParser(unlockEntity);

export type Unlock = z.infer<typeof unlockEntity>;
