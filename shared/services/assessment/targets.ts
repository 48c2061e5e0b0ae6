/** A tenant's annual targets: exactly the rulebook's indicator codes, each > 0; versioned. */
import type { Db } from "../../data/client";
import { putTargets, getTargets as readTargets, type StoredTargets } from "../../data/stores/targets";
import { BusinessRuleError, inBody, NotFoundError } from "../../lib/errors";
import { type RulebookCheckedInput, withCurrentRulebook } from "./common";
import { checkTargets } from "./helpers";

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
  const targets = await readTargets(db, tenantId, year);
  if (!targets)
    throw new NotFoundError({
      en: `no ${year} targets for tenant ${tenantId}`,
      zh: `单位“${tenantId}”尚无${year}年度目标任务。`,
    });
  return targets;
}
