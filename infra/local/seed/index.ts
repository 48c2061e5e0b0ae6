/**
 * The demo province (吉林省, 2019): loaded on first start when SEED_DEMO is true. Every step
 * goes through the same stores the API uses, skips what already exists, and a marker item is
 * written last, so a restart never loads it twice and an interrupted load simply resumes.
 */
import { readFileSync } from "node:fs";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../../../shared/data/client";
import { ENTITY, keys } from "../../../shared/data/keys";
import { findTenant, putProvince, putTenant } from "../../../shared/data/stores/tenancy";
import { nowIso } from "../../../shared/lib/clock";
import { seedAssessment } from "./assessment";
import { seedScoringAndCircular } from "./circular";
import { seedSubsidies } from "./subsidies";

export const DEMO_NAME = "demo-jilin-2019-v1";

export interface DemoData {
  province: { id: string; name: string; authorityName: string; divisionCode?: string };
  year: number;
  tenants: Array<{
    id: string;
    name: string;
    authorityName: string;
    displayOrder: number;
    divisionCode?: string;
  }>;
  rulebook: unknown;
  targets: Record<string, Record<string, number>>;
  reports: Record<string, Record<string, Record<string, number>>>;
  reviews: Record<string, unknown>;
  highlights?: Record<string, { employment?: string; entrepreneurship?: string }>;
}

export type SeedLog = (line: string) => void;

export function loadDemoData(): DemoData {
  return JSON.parse(readFileSync(new URL("../demo/jilin-2019.json", import.meta.url), "utf8")) as DemoData;
}

/** The full names (fullAuthorityName) of the demo province and units, by id (`../demo/full-authority-names.json`). */
export function loadFullAuthorityNames(): Record<string, string> {
  const names = JSON.parse(
    readFileSync(new URL("../demo/full-authority-names.json", import.meta.url), "utf8"),
  ) as Record<string, string>;
  delete names["//"];
  return names;
}

export async function seedDemo(
  db: Db,
  log: (line: string) => void,
): Promise<{ loaded: boolean; name: string }> {
  const demo = loadDemoData();
  const marker = keys.seedMarker(demo.province.id, DEMO_NAME);
  const existing = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: marker, ConsistentRead: true }),
  );
  if (existing.Item) {
    log(`demo province ${demo.province.id} already loaded`);
    return { loaded: false, name: DEMO_NAME };
  }
  const started = performance.now();
  const at = nowIso();
  log(`loading demo province ${demo.province.id} (${demo.province.name}) …`);
  const fullNames = loadFullAuthorityNames();
  const fullName = (id: string) => (Object.hasOwn(fullNames, id) ? { fullAuthorityName: fullNames[id] } : {});
  await putProvince(db, demo.province.id, { ...demo.province, ...fullName(demo.province.id) }, at);
  for (const tenant of demo.tenants) {
    if (await findTenant(db, tenant.id, { consistent: true })) continue;
    await putTenant(db, demo.province.id, tenant.id, { ...tenant, ...fullName(tenant.id) }, at);
  }
  log(`  ${demo.tenants.length} tenants`);
  await seedAssessment(db, demo, log);
  await seedSubsidies(db, demo, log);
  await seedScoringAndCircular(db, demo, log);
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: { ...marker, type: ENTITY.seedMarker, loadedAt: at } }),
  );
  log(`demo province loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { loaded: true, name: DEMO_NAME };
}
