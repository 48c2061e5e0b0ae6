/** The demo case as input to `buildCircularDocument`: the fixture's run results plus the 2019 prose. */
import type { BuildCircularInput } from "../../../shared/domain/circular";
import { loadFixture } from "../fixture";
import { JILIN_2019_HIGHLIGHTS, JILIN_2019_PROSE } from "./jilin-2019-prose";

export function jilinInput(overrides: Partial<BuildCircularInput> = {}): BuildCircularInput {
  const fixture = loadFixture();
  const rulebook = fixture.rulebook as unknown as BuildCircularInput["rulebook"];
  return {
    circularId: "jl-2019-01",
    province: fixture.province,
    year: fixture.year,
    rulebook: { title: rulebook.title, documentNo: rulebook.documentNo, grades: rulebook.grades },
    tenants: fixture.tenants,
    results: fixture.expected,
    highlights: JILIN_2019_HIGHLIGHTS,
    prose: JILIN_2019_PROSE,
    ...overrides,
  };
}
