/** A tenant's annual targets: exactly the rulebook's indicator codes, each > 0; versioned. */
import type { Db } from "../../data/client";
import { tenantsOfProvince } from "../../data/stores/rollup";
import { findRulebook } from "../../data/stores/rulebooks";
import {
  findTargets,
  putTargets,
  type StoredTargets,
  targetsOfProvinceYear,
} from "../../data/stores/targets";
import { computeRollup, type RollupTotal } from "../../domain/rollup";
import { checkTargets } from "../../domain/targets";
import { BusinessRuleError, inBody } from "../../lib/errors";
import { found } from "../found";
import { rollupInput } from "./rollup-input";
import { noRulebook } from "./rulebook";
import { type RulebookCheckedInput, withCurrentRulebook } from "./year-rulebook";

export async function setTargets(
  db: Db,
  input: RulebookCheckedInput & { targets: Record<string, number> },
): Promise<StoredTargets & { created: boolean }> {
  const { year } = input;
  const what = { en: "setting targets", zh: "设置目标任务" };
  return withCurrentRulebook(db, input, what, (rulebook, tenantYear) => {
    const errors = checkTargets(rulebook.rulebook, input.targets);
    if (errors.length > 0) {
      throw new BusinessRuleError(
        {
          en: `the targets must name exactly the ${year} rulebook's indicators: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`,
          zh: `目标任务须与${year}年度考评细则的指标一一对应：${errors.map((e) => e.zh).join("；")}。`,
        },
        { errors: inBody(errors) },
      );
    }
    return putTargets(db, { ...tenantYear, targets: input.targets });
  });
}

export async function getTargets(db: Db, tenantId: string, year: number): Promise<StoredTargets> {
  return found(await findTargets(db, tenantId, year), {
    en: `no ${year} targets for tenant ${tenantId}`,
    zh: `单位“${tenantId}”尚无${year}年度目标任务。`,
  });
}

export interface ProvinceTargets {
  /** the current targets of every tenant of the province that has them, tenants in display order */
  targets: StoredTargets[];
  /** per indicator: Σ targets for counts (`summed`), `null` for rates — the rollup's own totals */
  totals: Array<Pick<RollupTotal, "code" | "kind" | "summed" | "target">>;
}

/**
 * Every tenant's targets of a province-year with the province totals, for the province's one grid
 * of units × indicators: the rulebook, the tenants and the targets, three reads whatever the
 * number of tenants (paginated gsi1 Queries, no Scan). 404 without a rulebook for the year.
 */
export async function getProvinceTargets(db: Db, provinceId: string, year: number): Promise<ProvinceTargets> {
  const [rulebook, tenants, targets] = await Promise.all([
    findRulebook(db, provinceId, year),
    tenantsOfProvince(db, provinceId),
    targetsOfProvinceYear(db, provinceId, year),
  ]);
  if (!rulebook) throw noRulebook(provinceId, year);
  const order = new Map(tenants.map((t) => [t.tenantId, t.displayOrder]));
  const own = targets.filter((t) => order.has(t.tenantId));
  own.sort((a, b) => (order.get(a.tenantId) ?? 0) - (order.get(b.tenantId) ?? 0));
  const rollup = computeRollup(
    rollupInput({
      year,
      rulebook: rulebook.rulebook,
      tenants,
      targets: own,
      reports: [],
    }),
  );
  return {
    targets: own,
    totals: rollup.totals.map((t) => ({ code: t.code, kind: t.kind, summed: t.summed, target: t.target })),
  };
}
