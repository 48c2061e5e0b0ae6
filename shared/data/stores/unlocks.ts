/**
 * Unlocks: the province reopens one locked period for one tenant until an instant, with a reason.
 * Stored under the tenant (`UNLOCK#<y>#<period>#<createdAt>#<unlockId>`), so "is this period
 * unlocked?" is one Query on the tenant's partition; every unlock is kept (an audit trail too).
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../client";
import { parseUnlock, type Unlock } from "../entities/unlock";
import { ENTITY, keys } from "../keys";
import { queryGsi1, queryPrefix } from "../queries";

export type { Unlock };

export async function putUnlock(db: Db, unlock: Unlock): Promise<Unlock> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      // createdAt first so the unlocks of a period sort by creation; the id keeps two unlocks of
      // the same instant apart
      Item: {
        ...keys.unlock(unlock.tenantId, unlock.year, unlock.period, `${unlock.createdAt}#${unlock.unlockId}`),
        type: ENTITY.unlock,
        gsi1pk: keys.unlocksOfProvinceYear(unlock.provinceId, unlock.year),
        gsi1sk: `${unlock.createdAt}#${unlock.tenantId}#${unlock.unlockId}`,
        ...unlock,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return unlock;
}

/** Every unlock ever given for one tenant and period, oldest first. */
export async function unlocksOf(db: Db, tenantId: string, year: number, period: string): Promise<Unlock[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.unlockPrefix(year, period), {
    consistent: true,
  });
  return items.map(parseUnlock);
}

/** Every unlock of one tenant's year (all periods), oldest first. */
export async function unlocksOfTenantYear(db: Db, tenantId: string, year: number): Promise<Unlock[]> {
  const items = await queryPrefix(db, keys.tenant(tenantId).pk, keys.unlockYearPrefix(year));
  return items.map(parseUnlock);
}

/** Every unlock given in a province-year, oldest first (one gsi1 partition). */
export async function unlocksOfProvinceYear(db: Db, provinceId: string, year: number): Promise<Unlock[]> {
  const items = await queryGsi1(db, keys.unlocksOfProvinceYear(provinceId, year));
  return items.map(parseUnlock);
}
