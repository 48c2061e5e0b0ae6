/** What the assessment API tests enter and expect: the fixture's 2019 rulebook, targets and reports. */
import { loadFixture } from "./fixture";
import type { ResponseOf } from "./responses";

export const fixture = loadFixture();
export const rulebook = fixture.rulebook;
export const YEAR = 2019;

/** Fixture values of a unit for a month (the tests' tenants borrow the fixture units' numbers). */
export const values = (unit: string, month: number): Record<string, number> => {
  const v = fixture.reports[unit]?.[`2019-${String(month).padStart(2, "0")}`];
  if (!v) throw new Error(`no fixture report for ${unit} ${month}`);
  return { ...v };
};

/** Extra tenants of jl, one per scenario, so scenarios do not share report histories. */
export const EXTRA = ["siping", "liaoyuan", "tonghua", "baishan", "songyuan"] as const;

export type Report = ResponseOf<"putReport">;

export const SOURCE = "实名制就业信息系统";
