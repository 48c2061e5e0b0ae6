import { describe, expect, it } from "vitest";
import { programSchema, programVersionSchema, resolvePath } from "../../../../../shared/domain/subsidies";
import { asVersion, fixedProgram, perUnitProgram, tieredProgram } from "../../../../support/subsidy-programs";

function paths(input: unknown): string[] {
  const result = programSchema.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.join("."));
}

describe("program schema", () => {
  it("accepts each kind", () => {
    for (const program of [
      fixedProgram(),
      tieredProgram(),
      perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 800 } }),
    ])
      expect(programSchema.safeParse(program).success).toBe(true);
  });

  it("rejects params that do not fit the kind, and unknown fields", () => {
    expect(
      programSchema.safeParse({ ...fixedProgram(), params: { rate: 8, unitsField: "trainingHours" } })
        .success,
    ).toBe(false);
    expect(programSchema.safeParse({ ...fixedProgram(), kind: "percent" }).success).toBe(false);
    expect(programSchema.safeParse({ ...fixedProgram(), note: "x" }).success).toBe(false);
    expect(programSchema.safeParse({ ...fixedProgram(), params: { amount: 1, extra: 2 } }).success).toBe(
      false,
    );
  });

  it("rejects negative money and more than 2 decimals, accepts exactly 2", () => {
    expect(paths(fixedProgram({ params: { amount: -1 } }))).toEqual(["params.amount"]);
    expect(paths(fixedProgram({ params: { amount: 0.001 } }))).toEqual(["params.amount"]);
    expect(programSchema.safeParse(fixedProgram({ params: { amount: 1234.56 } })).success).toBe(true);
    expect(programSchema.safeParse(fixedProgram({ params: { amount: 0.1 } })).success).toBe(true);
  });

  it("needs effectiveTo on or after effectiveFrom", () => {
    expect(paths(fixedProgram({ effectiveFrom: "2019-01-02", effectiveTo: "2019-01-01" }))).toEqual([
      "effectiveTo",
    ]);
    expect(
      programSchema.safeParse(fixedProgram({ effectiveFrom: "2019-01-01", effectiveTo: "2019-01-01" }))
        .success,
    ).toBe(true);
  });

  it("needs unique tier keys and at least one tier", () => {
    const program = tieredProgram();
    const tiers = program.params.tiers.map((t) => ({ ...t, key: "same" }));
    expect(paths({ ...program, topUpLimits: undefined, params: { tiers } })).toEqual([
      "params.tiers.1.key",
      "params.tiers.2.key",
    ]);
    expect(paths({ ...program, params: { tiers: [] } })).toContain("params.tiers");
  });

  it("needs a numeric unitsField", () => {
    expect(paths(perUnitProgram({ params: { rate: 8, unitsField: "category" } }))).toEqual([
      "params.unitsField",
    ]);
  });

  it("needs topUpLimits on existing paths, with max ≥ the program's own value", () => {
    expect(paths(tieredProgram({ topUpLimits: { "tiers.expert": { max: 9000 } } }))).toEqual([
      "topUpLimits.tiers.expert",
    ]);
    expect(paths(tieredProgram({ topUpLimits: { "tiers.senior": { max: 1999 } } }))).toEqual([
      "topUpLimits.tiers.senior.max",
    ]);
    expect(paths(fixedProgram({ topUpLimits: { rate: { max: 9 } } }))).toEqual(["topUpLimits.rate"]);
  });

  it("a stored version carries version and writtenAt and stays strict", () => {
    expect(programVersionSchema.safeParse(asVersion(fixedProgram(), 2)).success).toBe(true);
    expect(programVersionSchema.safeParse(fixedProgram()).success).toBe(false);
    expect(programVersionSchema.safeParse({ ...asVersion(fixedProgram()), version: 0 }).success).toBe(false);
    expect(programVersionSchema.safeParse({ ...asVersion(fixedProgram()), extra: 1 }).success).toBe(false);
    expect(programSchema.safeParse(asVersion(fixedProgram())).success).toBe(false);
  });
});

describe("resolvePath", () => {
  it("resolves each path kind", () => {
    expect(resolvePath(fixedProgram(), "amount")).toEqual({ ok: true, value: 5000, money: true });
    expect(resolvePath(tieredProgram(), "tiers.junior")).toEqual({ ok: true, value: 1000, money: true });
    expect(resolvePath(perUnitProgram(), "rate")).toEqual({ ok: true, value: 8, money: true });
    expect(resolvePath(fixedProgram({ terms: { years: 2 } }), "terms.years")).toEqual({
      ok: true,
      value: 2,
      money: false,
    });
  });

  it("does not resolve paths that do not fit", () => {
    for (const [program, path] of [
      [tieredProgram(), "amount"],
      [fixedProgram(), "tiers.senior"],
      [fixedProgram(), "rate"],
      [perUnitProgram(), "cap"],
      [tieredProgram(), "tiers.expert"],
      [fixedProgram(), "terms.years"],
      [fixedProgram(), "params.amount"],
      [fixedProgram({ terms: { years: 2 } }), "terms.toString"],
    ] as const)
      expect(resolvePath(program, path).ok).toBe(false);
  });
});
