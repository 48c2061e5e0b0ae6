import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROFILE_FIELD_NAMES, PROFILE_FIELDS, profileSchema } from "#shared/domain/subsidies";

describe("applicant profile", () => {
  it("accepts a full profile and an empty one", () => {
    const full = {
      category: "graduate",
      graduationDate: "2019-06-30",
      degree: "bachelor",
      keyUniversity: true,
      firstBusiness: true,
      businessOperatingMonths: 14,
      socialInsurancePaid: true,
      unemploymentInsuranceYears: 3.5,
      certificateLevel: "senior",
      certificateDate: "2019-03-01",
      trainingHours: 40,
    };
    expect(profileSchema.safeParse(full).success).toBe(true);
    expect(profileSchema.safeParse({}).success).toBe(true);
  });

  it("the field table and the schema list the same fields: exactly those shared/domain/subsidies/subsidies.md names", () => {
    expect(Object.keys(profileSchema.def.shape).sort()).toEqual([...PROFILE_FIELD_NAMES].sort());
    expect([...PROFILE_FIELD_NAMES].sort()).toEqual(
      [
        "category",
        "graduationDate",
        "degree",
        "keyUniversity",
        "firstBusiness",
        "businessOperatingMonths",
        "socialInsurancePaid",
        "unemploymentInsuranceYears",
        "certificateLevel",
        "certificateDate",
        "trainingHours",
      ].sort(),
    );
  });

  it("rejects values of the wrong type or out of range", () => {
    for (const bad of [
      { category: "student" },
      { graduationDate: "2019-02-29" },
      { keyUniversity: "true" },
      { businessOperatingMonths: 1.5 },
      { trainingHours: -1 },
      { unemploymentInsuranceYears: Number.NaN },
    ])
      expect(profileSchema.safeParse(bad).success).toBe(false);
  });

  it("enum fields match their enum lists", () => {
    for (const name of PROFILE_FIELD_NAMES) {
      const spec = PROFILE_FIELDS[name];
      if (spec.type !== "enum") continue;
      for (const value of spec.values) expect(profileSchema.safeParse({ [name]: value }).success).toBe(true);
    }
  });

  it("property: a profile with any unknown field is rejected", () => {
    const known = new Set<string>(PROFILE_FIELD_NAMES);
    const validProfile = fc.record(
      {
        category: fc.constantFrom("graduate", "employee", "rural_worker"),
        keyUniversity: fc.boolean(),
        trainingHours: fc.integer({ min: 0, max: 500 }),
        certificateLevel: fc.constantFrom("junior", "intermediate", "senior"),
      },
      { requiredKeys: [] },
    );
    const unknownKey = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((k) => !known.has(k) && k !== "__proto__");
    fc.assert(
      fc.property(validProfile, unknownKey, fc.jsonValue(), (profile, key, value) => {
        expect(profileSchema.safeParse(profile).success).toBe(true);
        expect(profileSchema.safeParse({ ...profile, [key]: value }).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
