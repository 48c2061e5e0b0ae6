/** The repository's demo data (what `npm start` loads) is the reference Jilin 2019 case. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_PROVINCE, DEMO_UNIT_NAMES } from "../../../../support/demo-facts";
import { demoFixturePath, referenceFixturePath } from "../../../../support/fixture";

describe("demo data", () => {
  it("is the reference fixture when the reference is present, and complete either way", () => {
    const demo = JSON.parse(readFileSync(demoFixturePath, "utf8"));
    if (existsSync(referenceFixturePath)) {
      expect(demo).toEqual(JSON.parse(readFileSync(referenceFixturePath, "utf8")));
    }
    expect(demo.province).toMatchObject(DEMO_PROVINCE);
    expect(demo.tenants.map((t: { name: string }) => t.name)).toEqual(DEMO_UNIT_NAMES);
  });
});
