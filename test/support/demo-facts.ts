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

/** The 12 units of the demo, in official order: their names and full authority names. */
export const DEMO_UNITS = [
  { name: "长春市", fullAuthorityName: "长春市人民政府" },
  { name: "吉林市", fullAuthorityName: "吉林市人民政府" },
  { name: "四平市", fullAuthorityName: "四平市人民政府" },
  { name: "辽源市", fullAuthorityName: "辽源市人民政府" },
  { name: "通化市", fullAuthorityName: "通化市人民政府" },
  { name: "白山市", fullAuthorityName: "白山市人民政府" },
  { name: "松原市", fullAuthorityName: "松原市人民政府" },
  { name: "白城市", fullAuthorityName: "白城市人民政府" },
  { name: "延边朝鲜族自治州", fullAuthorityName: "延边朝鲜族自治州人民政府" },
  { name: "长白山保护开发区", fullAuthorityName: "长白山保护开发区管理委员会" },
  { name: "梅河口市", fullAuthorityName: "梅河口市人民政府" },
  { name: "公主岭市", fullAuthorityName: "公主岭市人民政府" },
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
