import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  Condition,
  Profile,
  Program,
  ProgramVersion,
  TopUpVersion,
} from "../../../../../shared/domain/subsidies";
import {
  buildCatalogue,
  calculateEntitlements,
  isInForce,
  pickInForce,
  programVersionSchema,
  topUpVersionSchema,
} from "../../../../../shared/domain/subsidies";
import { dayNumber, fromDayNumber } from "../../../../../shared/domain/subsidies/dates";
import { dec, sum } from "../../../../../shared/lib/decimal";

const RUNS = { numRuns: 200 };
const FIRST_DAY = dayNumber("2016-01-01");
const LAST_DAY = dayNumber("2022-12-31");

const dateArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(fromDayNumber);
/** yuan with at most 2 decimals */
const moneyArb = fc.integer({ min: 0, max: 50_000_000 }).map((fen) => fen / 100);
const levelArb = fc.constantFrom("junior", "intermediate", "senior");

const rangeArb = fc
  .tuple(
    fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
    fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
  )
  .map(([from, length]) => ({
    effectiveFrom: fromDayNumber(from),
    effectiveTo: length === null ? null : fromDayNumber(from + length),
  }));

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  levelArb.map((value): Condition => ({ field: "certificateLevel", op: "eq", value })),
  fc
    .integer({ min: 0, max: 10 })
    .map((value): Condition => ({ field: "unemploymentInsuranceYears", op: "gte", value })),
  fc
    .constantFrom(6, 12, 24)
    .map((value): Condition => ({ field: "certificateDate", op: "withinMonths", value })),
  fc.constantFrom("graduate", "employee").map((value): Condition => ({ field: "category", op: "eq", value })),
);

/** A program of any kind, with optional top-up limits on some of its paths. */
function programArb(code: string): fc.Arbitrary<Program> {
  const common = fc.record({
    benefit: fc.constantFrom("grant" as const, "loan" as const),
    eligibility: fc.array(conditionArb, { maxLength: 2 }),
    range: rangeArb,
    years: fc.integer({ min: 0, max: 5 }),
  });
  const kindArb = fc.oneof(
    moneyArb.map((amount) => ({ kind: "fixed" as const, params: { amount } })),
    fc
      .array(fc.tuple(fc.option(levelArb, { nil: undefined }), moneyArb), { minLength: 1, maxLength: 3 })
      .map((tiers) => ({
        kind: "tiered" as const,
        params: {
          tiers: tiers.map(([level, amount], i) => ({
            key: `t${i}`,
            when:
              level === undefined
                ? []
                : [{ field: "certificateLevel" as const, op: "eq" as const, value: level }],
            amount,
          })),
        },
      })),
    fc.tuple(moneyArb, fc.option(moneyArb, { nil: undefined })).map(([rate, cap]) => ({
      kind: "per_unit" as const,
      params:
        cap === undefined
          ? { rate, unitsField: "trainingHours" as const }
          : { rate, unitsField: "trainingHours" as const, cap },
    })),
  );
  return fc
    .tuple(common, kindArb, fc.integer({ min: 0, max: 3 }), moneyArb)
    .map(([c, k, limitPick, extra]) => {
      const program = {
        code,
        name: `项目${code}`,
        basis: { document: "省〔2019〕1号" },
        benefit: c.benefit,
        eligibility: c.eligibility,
        terms: { years: c.years },
        effectiveFrom: c.range.effectiveFrom,
        effectiveTo: c.range.effectiveTo,
        ...k,
      } as Program;
      // a limit on the first money path, somewhere at or above the program's own value
      if (limitPick > 0) {
        const [path, value] =
          program.kind === "fixed"
            ? ["amount", program.params.amount]
            : program.kind === "tiered"
              ? ["tiers.t0", program.params.tiers[0]?.amount ?? 0]
              : ["rate", program.params.rate];
        program.topUpLimits = { [path]: { max: Math.round((value + extra) * 100) / 100 } };
      }
      return program;
    });
}

function versionsArb(code: string): fc.Arbitrary<ProgramVersion[]> {
  return fc
    .array(programArb(code), { minLength: 1, maxLength: 3 })
    .map((programs) =>
      programs.map((p, i) => ({ ...p, version: i + 1, writtenAt: `2019-01-0${i + 1}T00:00:00.000Z` })),
    );
}

/** Overrides on any path, valid or not, at any value (even below the baseline: the calculator must cope). */
const overridesArb = fc.dictionary(
  fc.constantFrom("amount", "rate", "cap", "tiers.t0", "tiers.t1", "tiers.t9", "terms.years", "terms.other"),
  fc.oneof(moneyArb, fc.integer({ min: 0, max: 10 })),
  { minKeys: 1, maxKeys: 4 },
);

function topUpsArb(code: string): fc.Arbitrary<TopUpVersion[]> {
  return fc.array(fc.tuple(overridesArb, rangeArb), { maxLength: 2 }).map((list) =>
    list.map(([overrides, range], i) => ({
      programCode: code,
      overrides,
      basis: { document: "市〔2019〕9号" },
      ...range,
      version: i + 1,
      writtenAt: `2019-02-0${i + 1}T00:00:00.000Z`,
    })),
  );
}

const profileArb: fc.Arbitrary<Profile> = fc.record(
  {
    category: fc.constantFrom("graduate" as const, "employee" as const),
    certificateLevel: levelArb,
    certificateDate: dateArb,
    unemploymentInsuranceYears: fc.integer({ min: 0, max: 10 }),
    trainingHours: fc.oneof(
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 20_000 }).map((t) => t / 10),
    ),
  },
  { requiredKeys: [] },
);

/** The calculator's answer on `date` for the province's programs with these top-ups and no local programs. */
function provinceEntitlements(
  provincePrograms: ProgramVersion[],
  topUps: TopUpVersion[],
  profile: Profile,
  date: string,
) {
  return calculateEntitlements(
    buildCatalogue({ provincePrograms, topUps, localPrograms: [], date }),
    profile,
    date,
  );
}

describe("subsidy properties", () => {
  it("generated programs and top-ups are schema-valid (so the properties below test real data)", () => {
    fc.assert(
      fc.property(versionsArb("p0"), topUpsArb("p0"), (versions, topUps) => {
        for (const v of versions) expect(programVersionSchema.safeParse(v).success).toBe(true);
        for (const t of topUps) expect(topUpVersionSchema.safeParse(t).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("a provincial program's amount in any city is never below its baseline", () => {
    fc.assert(
      fc.property(
        versionsArb("p0"),
        topUpsArb("p0"),
        profileArb,
        dateArb,
        (versions, topUps, profile, date) => {
          const city = provinceEntitlements(versions, topUps, profile, date);
          const plain = provinceEntitlements(versions, [], profile, date);
          expect(city.programs.length).toBe(plain.programs.length);
          city.programs.forEach((p, i) => {
            const baseline = plain.programs[i];
            expect(p.source).toBe("province");
            expect(dec(p.amount).gte(dec(p.baselineAmount))).toBe(true);
            expect(dec(p.topUpAmount).gte(0)).toBe(true);
            expect(dec(p.baselineAmount).plus(dec(p.topUpAmount)).eq(dec(p.amount))).toBe(true);
            // the baseline is what a city without top-ups pays
            expect(p.baselineAmount).toBe(baseline?.amount);
            expect(p.eligible).toBe(baseline?.eligible);
            for (const [name, value] of Object.entries(baseline?.terms ?? {}))
              expect(p.terms[name]).toBeGreaterThanOrEqual(value);
          });
        },
      ),
      RUNS,
    );
  });

  it("the calculator never returns a program outside its effective dates", () => {
    const worldArb = fc.record({
      province: fc
        .tuple(versionsArb("p0"), versionsArb("p1"), versionsArb("p2"))
        .map((groups) => groups.flat()),
      local: versionsArb("l0"),
      topUps: topUpsArb("p1"),
      catalogueDate: dateArb,
      date: dateArb,
      sameDay: fc.boolean(),
    });
    fc.assert(
      fc.property(worldArb, profileArb, (world, profile) => {
        const date = world.sameDay ? world.catalogueDate : world.date;
        const catalogue = buildCatalogue({
          provincePrograms: world.province,
          topUps: world.topUps,
          localPrograms: world.local,
          date: world.catalogueDate,
        });
        const result = calculateEntitlements(catalogue, profile, date);
        for (const p of result.programs) {
          expect(isInForce(p, date)).toBe(true);
          expect(p.effectiveFrom <= date).toBe(true);
          if (p.effectiveTo !== null) expect(date <= p.effectiveTo).toBe(true);
        }
        if (world.sameDay) {
          const expected = ["p0", "p1", "p2"]
            .filter((code) =>
              pickInForce(
                world.province.filter((v) => v.code === code),
                date,
              ),
            )
            .map((code) => `province:${code}`);
          if (pickInForce(world.local, date)) expected.push("local:l0");
          expect(result.programs.map((p) => `${p.source}:${p.code}`)).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it("money has exactly 2 decimals; totalGrant is the sum of eligible grants, maxLoan the largest eligible loan", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(versionsArb("p0"), versionsArb("p1"), versionsArb("p2"), versionsArb("p3"))
          .map((g) => g.flat()),
        topUpsArb("p0"),
        profileArb,
        dateArb,
        (province, topUps, profile, date) => {
          const result = provinceEntitlements(province, topUps, profile, date);
          const money = /^\d+\.\d{2}$/;
          expect(result.totalGrant).toMatch(money);
          expect(result.maxLoan).toMatch(money);
          for (const p of result.programs) {
            for (const value of [p.amount, p.baselineAmount, p.topUpAmount]) expect(value).toMatch(money);
            if (!p.eligible) {
              expect([p.amount, p.baselineAmount, p.topUpAmount]).toEqual(["0.00", "0.00", "0.00"]);
              expect(p.unmet.length).toBeGreaterThan(0);
            } else expect(p.unmet).toEqual([]);
          }
          const eligible = result.programs.filter((p) => p.eligible);
          const grants = eligible.filter((p) => p.benefit === "grant").map((p) => dec(p.amount));
          expect(dec(result.totalGrant).eq(sum(grants))).toBe(true);
          const loans = eligible.filter((p) => p.benefit === "loan").map((p) => Number(p.amount));
          expect(Number(result.maxLoan)).toBe(loans.length === 0 ? 0 : Math.max(...loans));
        },
      ),
      RUNS,
    );
  });
});
