/**
 * How cost grows with the province: a rollup and a scoring run for 12, 300 and 3,000 tenants
 * (9 indicators, 12 monthly reports each) — DynamoDB requests and wall time of each.
 */
import type { RunningDynamoDb } from "../../infra/local/dynamodb";
import { getProvinceRollup } from "../../shared/services/assessment";
import { createScoringRun } from "../../shared/services/scoring";
import { buildBulkProvince } from "../support/bulk-province";
import { countingDb, table } from "./harness";
import { progress, round } from "./stats";

export interface ScalePoint {
  tenants: number;
  rollup: { requests: number; continuationPages: number; byCommand: Record<string, number>; ms: number };
  scoringRun: { requests: number; continuationPages: number; byCommand: Record<string, number>; ms: number };
}

export async function measureScale(dynamo: RunningDynamoDb, sizes = [12, 300, 3000]): Promise<ScalePoint[]> {
  const name = "bench-scale";
  const db = await table(dynamo.endpoint, name);
  const counted = countingDb(dynamo.endpoint, name);
  const points: ScalePoint[] = [];
  try {
    for (const size of sizes) {
      const started = performance.now();
      progress(`scale: building a province of ${size} tenants …`);
      const province = await buildBulkProvince(db, `scale${size}`, size, { log: progress });
      progress(
        `scale: ${size} tenants loaded in ${((performance.now() - started) / 1000).toFixed(1)} s; rolling up and scoring`,
      );
      // one warm-up of each so JIT and connection set-up do not count against the first size
      if (points.length === 0) {
        await getProvinceRollup(counted.db, province.provinceId, province.year);
      }
      counted.reset();
      let t = performance.now();
      const rollup = await getProvinceRollup(counted.db, province.provinceId, province.year);
      const rollupMs = performance.now() - t;
      if (rollup.rollup.tenants.length !== size)
        throw new Error(`rollup saw ${rollup.rollup.tenants.length} tenants`);
      const rollupCounts = {
        requests: counted.total(),
        continuationPages: counted.continuations(),
        byCommand: counted.byCommand(),
        ms: round(rollupMs, 1),
      };

      counted.reset();
      t = performance.now();
      const run = await createScoringRun(counted.db, {
        provinceId: province.provinceId,
        year: province.year,
        by: "bench",
        at: "2020-01-20T02:00:00.000Z",
      });
      const runMs = performance.now() - t;
      if (run.tenantCount !== size) throw new Error(`scoring run saw ${run.tenantCount} tenants`);
      points.push({
        tenants: size,
        rollup: rollupCounts,
        scoringRun: {
          requests: counted.total(),
          continuationPages: counted.continuations(),
          byCommand: counted.byCommand(),
          ms: round(runMs, 1),
        },
      });
      progress(
        `scale: ${size} tenants → rollup ${rollupCounts.requests} requests / ${rollupCounts.ms} ms, scoring run ${counted.total()} requests / ${round(runMs, 1)} ms`,
      );
    }
    return points;
  } finally {
    db.doc.destroy();
    counted.db.doc.destroy();
  }
}
