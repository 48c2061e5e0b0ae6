/**
 * The provincial rollup: four reads whatever the number of tenants (the rulebook, and paginated
 * gsi1 Queries for the province's tenants, the province-year's targets and latest reports), then
 * the pure `computeRollup`.
 */
import type { Db } from "../../data/client";
import { reportsOfTenantYear } from "../../data/stores/reports";
import { readRollupSources } from "../../data/stores/rollup";
import { findRulebook } from "../../data/stores/rulebooks";
import { findTargets } from "../../data/stores/targets";
import { periodBelongsToYear } from "../../domain/reporting";
import { computeRollup, type Rollup, type RollupTenant } from "../../domain/rollup";
import type { Rulebook } from "../../domain/rulebook";
import { NotFoundError, ValidationError } from "../../lib/errors";
import { getTenant } from "../tenants";
import { rollupInput } from "./rollup-input";
import { noRulebook } from "./rulebook";

export interface ProvinceRollup {
  provinceId: string;
  rollup: Rollup;
  rulebook: Rulebook;
}

function checkPeriod(year: number, period: string | undefined): void {
  if (period !== undefined && !periodBelongsToYear(period, year)) {
    throw new ValidationError(
      { en: `period ${period} is not a period of ${year}`, zh: `统计期${period}不属于${year}年度。` },
      {
        errors: [
          {
            path: "query.period",
            message: `must be a period of ${year} (${year}-01 … ${year}-12)`,
            zh: `统计期须在${year}年度之内（${year}-01至${year}-12）`,
          },
        ],
      },
    );
  }
}

/** The rollup of `period` (default: the latest period any tenant reported). */
export async function getProvinceRollup(
  db: Db,
  provinceId: string,
  year: number,
  period?: string,
): Promise<ProvinceRollup> {
  checkPeriod(year, period);
  const sources = await readRollupSources(db, provinceId, year);
  if (!sources.rulebook) throw noRulebook(provinceId, year);
  const rulebook = sources.rulebook.rulebook;
  const rollup = computeRollup(
    rollupInput({
      year,
      period,
      rulebook,
      tenants: sources.tenants,
      targets: sources.targets,
      reports: sources.reports,
    }),
  );
  return { provinceId, rollup, rulebook };
}

export interface TenantProgress {
  year: number;
  period: string;
  expectedProgress: string;
  indicators: Rollup["indicators"];
  tenant: RollupTenant;
}

/**
 * One tenant's line of the rollup — what its own bureau may see: its targets, latest actuals,
 * completion against expected progress (时序进度) and lagging flags, for `period` (default: the
 * tenant's latest reported period). The same pure `computeRollup` as the province's.
 */
export async function getTenantProgress(
  db: Db,
  tenantId: string,
  year: number,
  period?: string,
): Promise<TenantProgress> {
  checkPeriod(year, period);
  const tenant = await getTenant(db, tenantId);
  const [rulebook, targets, reports] = await Promise.all([
    findRulebook(db, tenant.provinceId, year),
    findTargets(db, tenantId, year),
    reportsOfTenantYear(db, tenantId, year),
  ]);
  if (!rulebook) throw noRulebook(tenant.provinceId, year);
  const rollup = computeRollup(
    rollupInput({
      year,
      period,
      rulebook: rulebook.rulebook,
      tenants: [{ tenantId, name: tenant.name, displayOrder: tenant.displayOrder }],
      targets: targets ? [targets] : [],
      reports,
    }),
  );
  const row = rollup.tenants[0];
  if (!row)
    throw new NotFoundError({ en: `no progress for ${tenantId}`, zh: `单位“${tenantId}”没有完成情况数据。` });
  return {
    year,
    period: rollup.period,
    expectedProgress: rollup.expectedProgress,
    indicators: rollup.indicators,
    tenant: row,
  };
}
