/**
 * The provincial rollup: four reads whatever the number of tenants (the rulebook, and paginated
 * gsi1 Queries for the province's tenants, the province-year's targets and latest reports), then
 * the pure `computeRollup`.
 */
import type { Db } from "../../data/client";
import { readRollupSources } from "../../data/stores/rollup";
import { periodBelongsToYear } from "../../domain/reporting";
import { computeRollup, type Rollup } from "../../domain/rollup";
import type { Rulebook } from "../../domain/rulebook";
import { NotFoundError, ValidationError } from "../../lib/errors";
import { rollupInput } from "./helpers";

export interface ProvinceRollup {
  provinceId: string;
  rollup: Rollup;
  rulebook: Rulebook;
}

/** The rollup of `period` (default: the latest period any tenant reported). */
export async function provinceRollup(
  db: Db,
  provinceId: string,
  year: number,
  period?: string,
): Promise<ProvinceRollup> {
  if (period !== undefined && !periodBelongsToYear(period, year)) {
    throw new ValidationError(`period ${period} is not a period of ${year}`, {
      errors: [{ path: "query.period", message: `must be a period of ${year} (${year}-01 … ${year}-12)` }],
    });
  }
  const sources = await readRollupSources(db, provinceId, year);
  if (!sources.rulebook) throw new NotFoundError(`no ${year} rulebook for province ${provinceId}`);
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
