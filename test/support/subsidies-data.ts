/** What the subsidies API tests enter and expect: the demo data's programs and top-ups, a graduate founder. */
import { readFileSync } from "node:fs";
import type { ResponseOf } from "./responses";

export const NOW = "2019-06-15T02:00:00.000Z"; // 10:00 in Shanghai

interface DemoFile {
  provincePrograms: Array<Record<string, unknown> & { code: string }>;
  topUps: Record<string, Array<Record<string, unknown> & { programCode: string }>>;
  localPrograms: Record<string, Array<Record<string, unknown> & { code: string }>>;
}
export const demo = JSON.parse(
  readFileSync(new URL("../../infra/local/demo/subsidies.json", import.meta.url), "utf8"),
) as DemoFile;

export function demoProgram(code: string): Record<string, unknown> {
  const program = demo.provincePrograms.find((p) => p.code === code);
  if (!program) throw new Error(`no demo program ${code}`);
  const { code: _omit, ...body } = program;
  return body;
}

export function demoTopUp(tenantId: string): Record<string, unknown> {
  const topUp = demo.topUps[tenantId]?.[0];
  if (!topUp) throw new Error(`no demo top-up for ${tenantId}`);
  const { programCode: _omit, ...body } = topUp;
  return body;
}

export const GRADUATE_FOUNDER = {
  category: "graduate",
  graduationDate: "2018-07-01",
  degree: "master",
  keyUniversity: true,
};

export type Entitlement = Entitlements["programs"][number];
export type Entitlements = ResponseOf<"calculateEntitlements">;
