/** The repository's demo data (what `npm start` loads) is the reference Jilin 2019 case. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoFixturePath, referenceFixturePath } from "../../../../support/fixture";

describe("demo data", () => {
  it("is the reference fixture when the reference is present, and complete either way", () => {
    const demo = JSON.parse(readFileSync(demoFixturePath, "utf8"));
    if (existsSync(referenceFixturePath)) {
      expect(demo).toEqual(JSON.parse(readFileSync(referenceFixturePath, "utf8")));
    }
    expect(demo.province).toMatchObject({
      id: "jl",
      name: "吉林省",
      authorityName: "吉林省人民政府",
      divisionCode: "220000",
    });
    expect(demo.tenants.map((t: { name: string }) => t.name)).toEqual([
      "长春市",
      "吉林市",
      "四平市",
      "辽源市",
      "通化市",
      "白山市",
      "松原市",
      "白城市",
      "延边朝鲜族自治州",
      "长白山保护开发区",
      "梅河口市",
      "公主岭市",
    ]);
  });
});
