/**
 * The Jilin 2019 demo case. Tests read the reference copy in `../shared/fixtures/` (outside the
 * repository) when it is there, and the repository's own demo copy otherwise; a test checks the two agree.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DemoData } from "../../infra/local/seed/index";

export const referenceFixturePath = fileURLToPath(
  new URL("../../../shared/fixtures/jilin-2019.json", import.meta.url),
);
export const demoFixturePath = fileURLToPath(
  new URL("../../infra/local/demo/jilin-2019.json", import.meta.url),
);

/** The demo data set as the seed reads it, with what tests need to know of it besides. */
export interface JilinFixture extends Omit<DemoData, "rulebook" | "reviews"> {
  rulebook: Record<string, unknown> & { indicators: Array<{ code: string }> };
  actuals: Record<string, Record<string, number>>;
  reviews: Record<
    string,
    {
      items: Record<string, number>;
      bonuses: Array<{ points: number; reason: string }>;
      deductions: Array<{ points: number; reason: string }>;
      veto?: { reason: string };
    }
  >;
  expected: Array<{ tenantId: string; total: string; rank: number; grade: string }>;
}

export function loadFixture(): JilinFixture {
  const path = existsSync(referenceFixturePath) ? referenceFixturePath : demoFixturePath;
  return JSON.parse(readFileSync(path, "utf8")) as JilinFixture;
}
