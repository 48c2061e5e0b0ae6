import { describe, expect, it } from "vitest";
import {
  emptyTexts,
  formatYuanExact,
  PROFILE_FIELDS,
  PROFILE_FORM,
  profileOf,
  queryOf,
  textsFromQuery,
} from "../../../../../functions/console/src/lib/subsidies";
import { PROFILE_FIELD_NAMES, PROFILE_FIELDS as SCHEMA_FIELDS } from "../../../../../shared/domain/subsidies";
import {
  CATEGORY_LABELS,
  CERTIFICATE_LEVEL_LABELS,
  DEGREE_LABELS,
  PROFILE_FIELD_LABELS,
  PROFILE_FIELD_UNITS,
} from "../../../../../shared/domain/subsidies/explain/values";
import { itMaps } from "../../../../support/maps";

const README = {
  category: "graduate",
  graduationDate: "2019-07-01",
  degree: "master",
  keyUniversity: true,
} as const;

describe("the calculator's profile form", () => {
  // the form takes its enum words and units from the domain (explain/words.ts) but keeps its own
  // field labels: they must read as the API's explanations do
  it("labels fields (but checkboxes), units and enum values exactly as the domain's explanations do", () => {
    for (const field of PROFILE_FIELD_NAMES) {
      const d = PROFILE_FORM[field];
      // (a checkbox reads 重点高校毕业 where an explanation asks 是否重点高校毕业)
      if (d.input !== "boolean") expect(d.label, field).toBe(PROFILE_FIELD_LABELS[field]);
      if (d.input === "number") expect(d.unit, field).toBe(PROFILE_FIELD_UNITS[field]);
    }
    const options = (field: "category" | "degree" | "certificateLevel") => {
      const d = PROFILE_FORM[field];
      return d.input === "enum" ? d.options : undefined;
    };
    expect(options("category")).toEqual(CATEGORY_LABELS);
    expect(options("degree")).toEqual(DEGREE_LABELS);
    expect(options("certificateLevel")).toEqual(CERTIFICATE_LEVEL_LABELS);
  });
  it("has one labelled input per profile field, of the field's type, with every enum value", () => {
    expect([...PROFILE_FIELDS].sort()).toEqual([...PROFILE_FIELD_NAMES].sort());
    for (const field of PROFILE_FIELD_NAMES) {
      const d = PROFILE_FORM[field];
      const spec = SCHEMA_FIELDS[field];
      expect(d.label, field).toMatch(/\p{Script=Han}/u);
      expect(d.input, field).toBe(spec.type);
      if (spec.type === "enum" && d.input === "enum")
        expect(Object.keys(d.options).sort()).toEqual([...spec.values].sort());
    }
  });

  it("turns the form into the API's profile: empty fields and unchecked boxes left out, numbers parsed", () => {
    const texts = { ...emptyTexts(), ...README, trainingHours: "１,２００", unemploymentInsuranceYears: "" };
    expect(profileOf(texts)).toEqual({ profile: { ...README, trainingHours: 1200 }, invalid: {} });
    const bad = profileOf({ ...emptyTexts(), businessOperatingMonths: "十二" });
    expect(bad.profile).toEqual({});
    expect(bad.invalid.businessOperatingMonths).toContain("不是有效的数字");
  });

  it("round-trips a profile through the URL, so a shared link reproduces the answer", () => {
    const query = { ...queryOf(README), date: "2019-12-01", tab: "calculator" };
    expect(query).toMatchObject({
      category: "graduate",
      keyUniversity: "true",
      graduationDate: "2019-07-01",
    });
    const { texts, any } = textsFromQuery(query);
    expect(any).toBe(true);
    expect(profileOf(texts).profile).toEqual(README);
    expect(textsFromQuery({ date: "2019-12-01" }).any).toBe(false);
  });
});

describe("exact yuan", () => {
  itMaps("%s → %s", formatYuanExact, [
    ["300000.00", "300,000.00"],
    ["80000.00", "80,000.00"],
    ["0.00", "0.00"],
    ["1234567.89", "1,234,567.89"],
    ["-150000.00", "-150,000.00"],
    ["999999999999999999.99", "999,999,999,999,999,999.99"],
  ]);
});
