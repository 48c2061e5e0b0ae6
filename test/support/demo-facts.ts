/**
 * The demo province as the demo data (`npm start`, infra/local/demo/) has it, written once: the
 * tests that read the demo — the data files, the seed, the stores, the API — expect these.
 */

/** The province of the demo. */
export const DEMO_PROVINCE = {
  id: "jl",
  name: "吉林省",
  authorityName: "吉林省人民政府",
  divisionCode: "220000",
} as const;

/** The names of the demo's 12 units, in official order. */
export const DEMO_UNIT_NAMES = [
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
] as const;

/** The full authority names of the demo's 12 units, in the same order. */
export const DEMO_FULL_AUTHORITY_NAMES = [
  "长春市人民政府",
  "吉林市人民政府",
  "四平市人民政府",
  "辽源市人民政府",
  "通化市人民政府",
  "白山市人民政府",
  "松原市人民政府",
  "白城市人民政府",
  "延边朝鲜族自治州人民政府",
  "长白山保护开发区管理委员会",
  "梅河口市人民政府",
  "公主岭市人民政府",
] as const;

/** The six Jilin baselines of the demo subsidies, by code (the order the lists answer in). */
export const DEMO_PROGRAM_CODES = [
  "family_service_base_subsidy",
  "guarantee_loan",
  "returnee_base_subsidy",
  "rural_training_subsidy",
  "skill_upgrade_subsidy",
  "startup_subsidy",
] as const;

/** The README's graduate (a 2019 master's of a key university), asking on 1 December 2019. */
export const README_GRADUATE = {
  profile: {
    category: "graduate",
    graduationDate: "2019-07-01",
    degree: "master",
    keyUniversity: true,
  },
  date: "2019-12-01",
} as const;

/** Changchun's settling-in allowance (a local program) for a key-university graduate. */
export const CHANGCHUN_SETTLING_IN = {
  source: "local",
  eligible: true,
  amount: "80000.00",
  baselineAmount: "0.00",
  topUpAmount: "80000.00",
} as const;
