/** Rollup inputs for the tests: the Jilin 2019 fixture, and small hand-made cases. */
import type { RollupInput, RollupReportInput } from "../../shared/domain/rollup";
import { type Rulebook, rulebookSchema } from "../../shared/domain/rulebook";
import { type JilinFixture, loadFixture } from "./fixture";

export interface FixtureRollupInput {
  fixture: JilinFixture;
  rulebook: Rulebook;
  input: RollupInput;
}

/** The fixture's monthly reports as on-time latest versions. */
export function fixtureRollupInput(): FixtureRollupInput {
  const fixture = loadFixture();
  const rulebook = rulebookSchema.parse(fixture.rulebook);
  const reports: Record<string, Record<string, RollupReportInput>> = {};
  for (const [tenantId, periods] of Object.entries(fixture.reports)) {
    const byPeriod: Record<string, RollupReportInput> = {};
    for (const [period, values] of Object.entries(periods)) {
      byPeriod[period] = { values, late: false, submittedAt: `${period}-28T02:00:00.000Z` };
    }
    reports[tenantId] = byPeriod;
  }
  return {
    fixture,
    rulebook,
    input: {
      year: fixture.year,
      rulebook,
      tenants: fixture.tenants.map((t) => ({ tenantId: t.id, name: t.name, displayOrder: t.displayOrder })),
      targets: fixture.targets,
      reports,
    },
  };
}

/** A test rulebook of these indicators and grades (reports due by the 10th). */
function testRulebook(indicators: unknown[], grades: unknown[]): Rulebook {
  return rulebookSchema.parse({
    documentNo: "测试〔2019〕1号",
    title: "测试细则",
    indicators,
    grades,
    reportingDeadlineDay: 10,
  });
}

/** 城镇新增就业人数, a count, under `code`. */
const newJobs = (code: string, weight: number) => ({
  code,
  name: "城镇新增就业人数",
  unit: "人",
  weight,
  method: "ratio",
});

/** 城镇登记失业率, a ceiling rate, under `code`. */
const unemploymentRate = (code: string, weight: number) => ({
  code,
  name: "城镇登记失业率",
  unit: "%",
  weight,
  method: "ceiling",
  tolerance: 0.5,
});

/** One count, one ceiling rate, one ratio rate. */
export const smallRulebook: Rulebook = testRulebook(
  [
    newJobs("jobs", 10),
    unemploymentRate("unemployment_rate", 5),
    { code: "assistance_rate", name: "零就业家庭援助率", unit: "%", weight: 5, method: "ratio" },
  ],
  [{ name: "合格", minScore: 0 }],
);

/** One count and one ceiling rate, the codes of the Jilin rulebook. */
export const countAndCeilingRulebook: Rulebook = testRulebook(
  [newJobs("urban_new_jobs", 60), unemploymentRate("registered_unemployment_rate", 40)],
  [
    { name: "合格", minScore: 60 },
    { name: "不合格", minScore: 0 },
  ],
);

export function report(values: Record<string, number>, late = false): RollupReportInput {
  return { values, late, submittedAt: "2019-07-05T02:00:00.000Z" };
}
