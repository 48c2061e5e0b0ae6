/** The province reopens one locked period for one of its tenants, until an instant, with a reason. */
import type { Db } from "../../data/client";
import { findTenant } from "../../data/stores/tenancy";
import { putUnlock, type Unlock, unlocksOfProvinceYear } from "../../data/stores/unlocks";
import { periodBelongsToYear, unlockInForce } from "../../domain/reporting";
import { now } from "../../lib/clock";
import { type FieldError, NotFoundError, ValidationError } from "../../lib/errors";
import { randomId } from "../../lib/ids";
import { zhInstant } from "../../lib/labels";
import type { Actor } from "../actor";

export interface UnlockBody {
  tenantId: string;
  period: string;
  reason: string;
  until: string;
}

export async function unlockPeriod(
  db: Db,
  input: { provinceId: string; year: number; unlock: UnlockBody; actor: Actor },
): Promise<Unlock> {
  const { provinceId, year, unlock } = input;
  const at = now();
  const errors: FieldError[] = [];
  if (!periodBelongsToYear(unlock.period, year))
    errors.push({
      path: "body.period",
      message: `must be a period of ${year}`,
      zh: `统计期须在${year}年度之内（${year}-01至${year}-12）`,
    });
  if (!(Date.parse(unlock.until) > at.getTime()))
    errors.push({
      path: "body.until",
      message: `must be in the future (now is ${at.toISOString()})`,
      zh: `解锁截止时间须晚于当前时间（现在是${zhInstant(at)}）`,
    });
  if (errors.length > 0) {
    throw new ValidationError(
      {
        en: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
        zh: `${errors.map((e) => e.zh).join("；")}。`,
      },
      { errors },
    );
  }
  const tenant = await findTenant(db, unlock.tenantId);
  if (!tenant || tenant.provinceId !== provinceId)
    throw new NotFoundError({
      en: `no tenant ${unlock.tenantId} in your province`,
      zh: `本省没有单位“${unlock.tenantId}”。`,
    });
  return putUnlock(db, {
    unlockId: randomId(12),
    tenantId: tenant.tenantId,
    provinceId,
    year,
    period: unlock.period,
    reason: unlock.reason,
    until: new Date(Date.parse(unlock.until)).toISOString(),
    unlockedBy: input.actor.sub,
    createdAt: at.toISOString(),
  });
}

/** Every unlock of a province-year, newest first, each saying whether it is in force now. */
export async function listUnlocks(
  db: Db,
  provinceId: string,
  year: number,
): Promise<Array<Unlock & { inForce: boolean }>> {
  const at = now();
  const unlocks = await unlocksOfProvinceYear(db, provinceId, year);
  return unlocks.reverse().map((unlock) => ({ ...unlock, inForce: unlockInForce(at, unlock) }));
}
