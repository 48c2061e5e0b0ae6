/**
 * The provincial rollup: four reads whatever the number of tenants (the rulebook, and paginated
 * gsi1 Queries for the province's tenants, the province-year's targets and latest reports), then
 * the pure `computeRollup`.
 */
import type { Db } from "../../data/client";
import { readRollupSources } from "../../data/stores/rollup";
import { periodBelongsToYear } from "../../domain/reporting";
import { computeRollup, type Rollup, rollupToCsv } from "../../domain/rollup";
import type { Rulebook } from "../../domain/rulebook";
import { ValidationError } from "../../lib/errors";
import { rollupFilename, rollupInput } from "./helpers";
import { noRulebook } from "./rulebook";

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

/** The rollup as a CSV download (Chinese headers, UTF-8 with BOM). */
export function rollupCsv(result: ProvinceRollup): { csv: string; filename: string } {
  return {
    csv: rollupToCsv(result.rollup, result.rulebook),
    filename: rollupFilename(result.provinceId, result.rollup.period),
  };
}
