import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoSubmittedAt, loadDemoHighlights } from "../../../../../infra/local/seed/assessment";
import { reportingStatus } from "../../../../../shared/domain/reporting";
import { loadFixture } from "../../../../support/fixture";

describe("demo data", () => {
  it("submits every demo report on the 5th of the next month, 09:00 Asia/Shanghai — on time", () => {
    expect(demoSubmittedAt("2019-01")).toBe("2019-02-05T01:00:00.000Z");
    expect(demoSubmittedAt("2019-12")).toBe("2020-01-05T01:00:00.000Z");
    const fixture = loadFixture();
    const deadline = Number(fixture.rulebook.reportingDeadlineDay);
    for (let month = 1; month <= 12; month++) {
      const period = `2019-${String(month).padStart(2, "0")}`;
      expect(reportingStatus(new Date(demoSubmittedAt(period)), period, deadline).state).toBe("open");
    }
  });

  it("keeps the cities' highlights as the 2019 circular quotes them: each starts with the city, ≤ 2000 characters", () => {
    const highlights = loadDemoHighlights();
    const fixture = loadFixture();
    const names: Record<string, string> = { yanbian: "延边州" };
    expect(Object.keys(highlights)).toEqual(fixture.tenants.map((t) => t.id));
    let entrepreneurship = 0;
    for (const tenant of fixture.tenants) {
      const h = highlights[tenant.id];
      const name = names[tenant.id] ?? tenant.name;
      expect(h?.employment?.startsWith(name), tenant.id).toBe(true);
      if (h?.entrepreneurship !== undefined) {
        entrepreneurship++;
        expect(h.entrepreneurship.startsWith(name), tenant.id).toBe(true);
      }
      for (const text of [h?.employment, h?.entrepreneurship]) {
        if (text !== undefined) expect(text.length).toBeLessThanOrEqual(2000);
      }
    }
    expect(entrepreneurship).toBe(7);
    // the repository copy is plain JSON that the runtime reads without the shared folder
    const raw = readFileSync(
      new URL("../../../../../infra/local/demo/highlights-2019.json", import.meta.url),
      "utf8",
    );
    expect(raw).toContain("长春市全面启动");
  });
});
