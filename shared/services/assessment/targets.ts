/** A tenant's annual targets: exactly the rulebook's indicator codes, each > 0; versioned. */
import type { Db } from "../../data/client";
import { rulebookUnchanged } from "../../data/stores/rulebooks";
import { putTargets, getTargets as readTargets, type StoredTargets } from "../../data/stores/targets";
import { nowIso } from "../../lib/clock";
import { BusinessRuleError, NotFoundError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import { type Actor, requireRulebook, StaleReadError, withRetry } from "./common";
import { checkTargets } from "./helpers";

export async function setTargets(
  db: Db,
  input: {
    provinceId: string;
    tenantId: string;
    year: number;
    targets: Record<string, number>;
    ifMatch: IfMatch | undefined;
    actor: Actor;
  },
): Promise<StoredTargets & { created: boolean }> {
  const { provinceId, tenantId, year } = input;
  return withRetry(async () => {
    const rulebook = await requireRulebook(db, provinceId, year, "setting targets");
    const errors = checkTargets(rulebook.rulebook, input.targets);
    if (errors.length > 0) {
      throw new BusinessRuleError(
        `the targets must name exactly the ${year} rulebook's indicators: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`,
        { errors },
      );
    }
    return putTargets(db, {
      provinceId,
      tenantId,
      year,
      targets: input.targets,
      ifMatch: input.ifMatch,
      at: nowIso(),
      by: input.actor.sub,
      conditions: [
        rulebookUnchanged(
          db,
          rulebook,
          () => new StaleReadError(`the ${year} rulebook changed meanwhile; retry`),
        ),
      ],
    });
  });
}

export async function getTargets(db: Db, tenantId: string, year: number): Promise<StoredTargets> {
  const targets = await readTargets(db, tenantId, year);
  if (!targets) throw new NotFoundError(`no ${year} targets for tenant ${tenantId}`);
  return targets;
}
