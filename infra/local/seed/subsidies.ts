/**
 * The demo subsidies (`infra/local/demo/subsidies.json`): the six Jilin baselines, the top-ups
 * the 2019 circular reports for Changchun and Tonghua, and Changchun's local program. The file is
 * checked with the domain's data-set schema and rules, then written through the same services the
 * API uses (so every top-up is checked against the provincial baseline again), as `demo-seed`.
 *
 * Idempotent: several items with the same code are successive versions in the order given
 * (`stampVersions`); an entity whose head is already at version n gets only the items after the
 * n-th, so a restart writes nothing and an interrupted load resumes.
 */
import { readFileSync } from "node:fs";
import * as z from "zod/mini";
import type { Db } from "../../../shared/data/client";
import { headVersion } from "../../../shared/data/stores/subsidies";
import { groupBy } from "../../../shared/domain/subsidies";
import {
  checkSubsidyDataSet,
  type SubsidyDataSet,
  subsidyDataSetSchema,
} from "../../../shared/domain/subsidies/data-set";
import { putLocalProgram, putProgram, putTopUp } from "../../../shared/services/subsidies";
import type { DemoData, SeedLog } from "./index";

export const SUBSIDY_SEED_ACTOR = { sub: "demo-seed" };

/** The demo subsidy data set, validated (throws with every problem listed). */
export function loadSubsidyDemo(): SubsidyDataSet {
  const raw: unknown = JSON.parse(readFileSync(new URL("../demo/subsidies.json", import.meta.url), "utf8"));
  const parsed = z.safeParse(subsidyDataSetSchema, raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`infra/local/demo/subsidies.json is not a valid subsidy data set: ${problems}`);
  }
  const errors = checkSubsidyDataSet(parsed.data);
  if (errors.length > 0) {
    const problems = errors.map((e) => `${e.at} ${e.path}: ${e.message}`).join("; ");
    throw new Error(`infra/local/demo/subsidies.json breaks the subsidy rules: ${problems}`);
  }
  return parsed.data;
}

/** Write the items of each code beyond what its head already holds; returns how many were written. */
async function appendMissing<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  head: (code: string) => Promise<number | undefined>,
  write: (item: T) => Promise<unknown>,
): Promise<number> {
  let written = 0;
  for (const [code, versions] of groupBy(items, codeOf)) {
    const stored = (await head(code)) ?? 0;
    for (const item of versions.slice(stored)) {
      await write(item);
      written++;
    }
  }
  return written;
}

/** `append` for each tenant's items: how many items there are and how many were written. */
async function appendPerTenant<T>(
  byTenant: Readonly<Record<string, readonly T[]>>,
  append: (tenantId: string, items: readonly T[]) => Promise<number>,
): Promise<{ count: number; written: number }> {
  let count = 0;
  let written = 0;
  for (const [tenantId, items] of Object.entries(byTenant)) {
    count += items.length;
    written += await append(tenantId, items);
  }
  return { count, written };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function seedSubsidies(db: Db, demo: DemoData, log: SeedLog): Promise<void> {
  const data = loadSubsidyDemo();
  const provinceId = demo.province.id;
  const tenantIds = new Set(demo.tenants.map((t) => t.id));
  for (const tenantId of [...Object.keys(data.topUps), ...Object.keys(data.localPrograms)]) {
    if (!tenantIds.has(tenantId))
      throw new Error(
        `infra/local/demo/subsidies.json names tenant ${tenantId}, which the demo province lacks`,
      );
  }
  const common = { ifMatch: undefined, actor: SUBSIDY_SEED_ACTOR };

  const newPrograms = await appendMissing(
    data.provincePrograms,
    (p) => p.code,
    (code) => headVersion.program(db, provinceId, code),
    (program) => putProgram(db, { ...common, provinceId, code: program.code, candidate: program }),
  );

  const topUps = await appendPerTenant(data.topUps, (tenantId, items) =>
    appendMissing(
      items,
      (t) => t.programCode,
      (code) => headVersion.topUp(db, tenantId, code),
      ({ programCode, ...candidate }) => putTopUp(db, { ...common, tenantId, code: programCode, candidate }),
    ),
  );
  const local = await appendPerTenant(data.localPrograms, (tenantId, items) =>
    appendMissing(
      items,
      (p) => p.code,
      (code) => headVersion.localProgram(db, tenantId, code),
      (program) => putLocalProgram(db, { ...common, tenantId, code: program.code, candidate: program }),
    ),
  );
  const [topUpCount, newTopUps] = [topUps.count, topUps.written];
  const [localCount, newLocal] = [local.count, local.written];

  const written = newPrograms + newTopUps + newLocal;
  const total = data.provincePrograms.length + topUpCount + localCount;
  log(
    `  ${plural(data.provincePrograms.length, "subsidy program", "subsidy programs")}, ` +
      `${plural(topUpCount, "city top-up", "city top-ups")}, ` +
      `${plural(localCount, "local program", "local programs")}` +
      (written === total ? "" : ` (${written} new)`),
  );
}
