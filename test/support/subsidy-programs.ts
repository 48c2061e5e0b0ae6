/** Builders for subsidy tests: small valid programs and stored versions. */
import type {
  FixedProgram,
  PerUnitProgram,
  Program,
  ProgramVersion,
  TieredProgram,
  TopUp,
  TopUpVersion,
} from "../../shared/domain/subsidies";

export const WRITTEN_AT = "2019-01-01T00:00:00.000Z";

/** What every builder's program is unless it says otherwise: a grant for everyone, open from 2019-01-01. */
function openGrant(): Pick<Program, "benefit" | "eligibility" | "effectiveFrom" | "effectiveTo"> {
  return { benefit: "grant", eligibility: [], effectiveFrom: "2019-01-01", effectiveTo: null };
}

export function fixedProgram(over: Partial<FixedProgram> = {}): FixedProgram {
  return {
    code: "fixed_grant",
    name: "定额补贴",
    basis: { document: "省〔2019〕1号", clause: "（一）" },
    ...openGrant(),
    kind: "fixed",
    params: { amount: 5000 },
    ...over,
  };
}

export function tieredProgram(over: Partial<TieredProgram> = {}): TieredProgram {
  return {
    code: "skill_upgrade_subsidy",
    name: "职工技能提升补贴",
    basis: { document: "吉政发〔2017〕32号", clause: "（二十）" },
    ...openGrant(),
    kind: "tiered",
    params: {
      tiers: [
        { key: "senior", when: [{ field: "certificateLevel", op: "eq", value: "senior" }], amount: 2000 },
        {
          key: "intermediate",
          when: [{ field: "certificateLevel", op: "eq", value: "intermediate" }],
          amount: 1500,
        },
        { key: "junior", when: [{ field: "certificateLevel", op: "eq", value: "junior" }], amount: 1000 },
      ],
    },
    eligibility: [{ field: "unemploymentInsuranceYears", op: "gte", value: 3 }],
    topUpLimits: { "tiers.senior": { max: 5000 } },
    ...over,
  };
}

export function perUnitProgram(over: Partial<PerUnitProgram> = {}): PerUnitProgram {
  return {
    code: "rural_training_subsidy",
    name: "农村劳动力技能培训补贴",
    basis: { document: "吉政发〔2017〕32号", clause: "（十三）" },
    ...openGrant(),
    kind: "per_unit",
    params: { rate: 8, unitsField: "trainingHours" },
    ...over,
  };
}

export function asVersion(program: Program, version = 1, writtenAt = WRITTEN_AT): ProgramVersion {
  return { ...program, version, writtenAt };
}

export function topUp(over: Partial<TopUp> = {}): TopUp {
  return {
    programCode: "fixed_grant",
    overrides: { amount: 8000 },
    basis: { document: "市〔2019〕9号", clause: "第三条" },
    effectiveFrom: "2019-01-01",
    effectiveTo: null,
    ...over,
  };
}

export function topUpVersion(over: Partial<TopUp> = {}, version = 1, writtenAt = WRITTEN_AT): TopUpVersion {
  return { ...topUp(over), version, writtenAt };
}
