/** A tenant's reporting year at a glance: every period's window, lock, unlock and latest version. */
import type { Db } from "../../data/client";
import { reportsOfTenantYear } from "../../data/stores/reports";
import { unlocksOfTenantYear } from "../../data/stores/unlocks";
import { type PeriodOverview, periodsOfYear } from "../../domain/reporting";
import { now } from "../../lib/clock";
import { getTenant } from "../tenants";
import { requireRulebook } from "./year-rulebook";

export interface TenantPeriods {
  tenantId: string;
  year: number;
  reportingDeadlineDay: number;
  now: string;
  periods: PeriodOverview[];
}

export async function getTenantPeriods(db: Db, tenantId: string, year: number): Promise<TenantPeriods> {
  const tenant = await getTenant(db, tenantId);
  const [rulebook, reports, unlocks] = await Promise.all([
    requireRulebook(db, tenant.provinceId, year, { en: "reporting", zh: "报送月度数据" }),
    reportsOfTenantYear(db, tenantId, year),
    unlocksOfTenantYear(db, tenantId, year),
  ]);
  const at = now();
  const deadlineDay = rulebook.rulebook.reportingDeadlineDay;
  return {
    tenantId,
    year,
    reportingDeadlineDay: deadlineDay,
    now: at.toISOString(),
    periods: periodsOfYear({ now: at, year, deadlineDay, reports, unlocks }),
  };
}
