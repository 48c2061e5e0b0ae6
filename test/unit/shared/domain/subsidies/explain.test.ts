import { describe, expect, it } from "vitest";
import type { ProgramVersion, TopUpVersion } from "#shared/domain/subsidies";
import { buildCatalogue, calculateEntitlements, PROFILE_FIELD_NAMES } from "#shared/domain/subsidies";
import {
  conditionText,
  PROFILE_FIELD_LABELS,
  unmetText,
  valueText,
  yuanText,
} from "#shared/domain/subsidies/explain";
import {
  asVersion,
  fixedProgram,
  perUnitProgram,
  tieredProgram,
  topUpVersion,
} from "#test/support/subsidy-programs";

const DATE = "2019-12-01";

function catalogue(province: ProgramVersion[], topUps: TopUpVersion[] = [], local: ProgramVersion[] = []) {
  return buildCatalogue({ provincePrograms: province, topUps, localPrograms: local, date: DATE });
}

describe("Chinese texts of the rules", () => {
  it("labels every profile field", () => {
    for (const field of PROFILE_FIELD_NAMES) expect(PROFILE_FIELD_LABELS[field]).toMatch(/\p{Script=Han}/u);
  });

  it("writes money exactly, with separators, and never rounds", () => {
    expect(yuanText(150000)).toBe("150,000元");
    expect(yuanText("300000.00")).toBe("300,000元");
    expect(yuanText(8.5)).toBe("8.50元");
    expect(yuanText("1234567.89")).toBe("1,234,567.89元");
    expect(yuanText(0)).toBe("0元");
  });

  it("states each operator in Chinese", () => {
    expect(conditionText({ field: "category", op: "eq", value: "graduate" })).toBe("人员类别为高校毕业生");
    expect(conditionText({ field: "category", op: "ne", value: "enterprise" })).toBe("人员类别不为小微企业");
    expect(conditionText({ field: "degree", op: "in", value: ["bachelor", "master", "doctor"] })).toBe(
      "学历为本科、硕士研究生或博士研究生",
    );
    expect(conditionText({ field: "firstBusiness", op: "eq", value: true })).toBe("首次创业");
    expect(conditionText({ field: "firstBusiness", op: "eq", value: false })).toBe("非首次创业");
    expect(conditionText({ field: "socialInsurancePaid", op: "ne", value: true })).toBe("未缴纳社会保险");
    expect(conditionText({ field: "unemploymentInsuranceYears", op: "gte", value: 3 })).toBe(
      "失业保险缴费年限不少于3年",
    );
    expect(conditionText({ field: "trainingHours", op: "lte", value: 1200 })).toBe("培训学时不超过1,200学时");
    expect(conditionText({ field: "businessOperatingMonths", op: "gt", value: 0 })).toBe(
      "正常经营月数大于0个月",
    );
    expect(conditionText({ field: "businessOperatingMonths", op: "lt", value: 36 })).toBe(
      "正常经营月数小于36个月",
    );
    expect(conditionText({ field: "certificateDate", op: "onOrAfter", value: "2017-01-01" })).toBe(
      "取证日期在2017年1月1日（含）之后",
    );
    expect(conditionText({ field: "certificateDate", op: "withinMonths", value: 12 })).toBe(
      "取证日期在申请日前12个月内（含）",
    );
    // with the evaluation date, the span is named (month ends clamped as the rule does)
    expect(conditionText({ field: "graduationDate", op: "withinMonths", value: 1 }, "2019-03-31")).toBe(
      "毕业日期在2019年2月28日至2019年3月31日之间（申请日前1个月内）",
    );
  });

  it("says what the applicant had, or that it is missing, and which tier a condition belongs to", () => {
    expect(valueText("category", "missing")).toBe("未填写");
    expect(valueText("keyUniversity", false)).toBe("否");
    expect(valueText("graduationDate", "2016-07-01")).toBe("2016年7月1日");
    expect(valueText("unemploymentInsuranceYears", 2.5)).toBe("2.5年");
    expect(
      unmetText(
        { field: "certificateLevel", op: "eq", value: "senior", actual: "junior", tier: "senior" },
        DATE,
        [{ key: "senior" }],
      ),
    ).toBe("第1档：须职业资格证书等级为高级（申请人：初级）");
  });
});

describe("parameters in the catalogue", () => {
  it("lists each parameter with the provincial value, the city's, the limit, and a note when clamped", () => {
    const program = asVersion(tieredProgram());
    const raised = catalogue(
      [program],
      [
        topUpVersion({
          programCode: program.code,
          overrides: { "tiers.senior": 9000, "tiers.junior": 1200 },
        }),
      ],
    );
    const [entry] = raised.programs;
    expect(entry?.parameters).toEqual([
      {
        path: "tiers.senior",
        label: "职业资格证书等级为高级的补贴金额",
        unit: "元",
        money: true,
        baseline: 2000,
        value: 5000,
        limit: 5000,
        raised: true,
        note: "本市提标至9,000元，高于省级规定的提标上限，按上限5,000元执行",
      },
      expect.objectContaining({ path: "tiers.intermediate", baseline: 1500, value: 1500, raised: false }),
      expect.objectContaining({
        path: "tiers.junior",
        baseline: 1000,
        value: 1200,
        raised: true,
        note: null,
      }),
    ]);
    expect(entry?.eligibilityText).toEqual(["失业保险缴费年限不少于3年"]);
  });

  it("names a per-unit rate by its unit, a cap, and terms", () => {
    const program = asVersion(
      perUnitProgram({ params: { rate: 8, unitsField: "trainingHours", cap: 2000 }, terms: { years: 2 } }),
    );
    const [entry] = catalogue([program]).programs;
    expect(entry?.parameters.map((p) => [p.path, p.label, p.unit])).toEqual([
      ["rate", "每学时补贴标准", "元/学时"],
      ["cap", "补贴金额封顶", "元"],
      ["terms.years", "附加条款“years”", ""],
    ]);
  });
});

describe("reasons of an entitlement", () => {
  it("explains a per-unit amount and its cap", () => {
    const program = asVersion(
      perUnitProgram({
        params: { rate: 8, unitsField: "trainingHours", cap: 500 },
        eligibility: [{ field: "category", op: "eq", value: "rural_worker" }],
      }),
    );
    const [capped] = calculateEntitlements(
      catalogue([program]),
      { category: "rural_worker", trainingHours: 64.5 },
      DATE,
    ).programs;
    expect(capped?.amount).toBe("500.00");
    expect(capped?.reasons).toEqual([
      "符合申领条件：人员类别为农村劳动力",
      "每学时8元 × 64.5学时 = 516元，超过封顶500元，按封顶计发",
      "按省级标准计发：补贴金额500元",
    ]);
  });

  it("explains a no: how many conditions failed, each one with the applicant's value, in order", () => {
    const program = asVersion(
      fixedProgram({
        eligibility: [
          { field: "category", op: "in", value: ["graduate", "hard_to_employ"] },
          { field: "businessOperatingMonths", op: "gte", value: 12 },
        ],
      }),
    );
    const [no] = calculateEntitlements(catalogue([program]), { category: "veteran" }, DATE).programs;
    expect(no?.eligible).toBe(false);
    expect(no?.reasons).toEqual(["不符合申领条件：2项条件未满足"]);
    expect(no?.unmetText).toEqual([
      "须人员类别为高校毕业生或就业困难人员（申请人：退役军人）",
      "须正常经营月数不少于12个月（申请人：未填写）",
    ]);
  });

  it("splits a topped-up amount into the provincial standard and the city's top-up, and a raised term", () => {
    const program = asVersion(fixedProgram({ terms: { years: 1 } }));
    const [yes] = calculateEntitlements(
      catalogue([program], [topUpVersion({ overrides: { amount: 8000, "terms.years": 3 } })]),
      {},
      DATE,
    ).programs;
    expect(yes?.reasons).toEqual([
      "本项目无其他申领条件",
      "省级标准5,000元，本市提标3,000元，合计8,000元",
      "附加条款“years”：3（本市提高，省级为1）",
    ]);
  });

  it("says a tier none of which holds, and a local program as the city's own", () => {
    const tiered = asVersion(tieredProgram({ eligibility: [] }));
    const local = asVersion(fixedProgram({ code: "own_grant", basis: { document: "市〔2019〕2号" } }));
    const { programs } = calculateEntitlements(
      catalogue([tiered], [], [local]),
      { certificateLevel: "junior" },
      DATE,
    );
    const own = programs.find((p) => p.source === "local");
    const noTier = programs.find((p) => p.source === "province");
    expect(own?.source).toBe("local");
    expect(own?.reasons).toEqual([
      "本项目无其他申领条件",
      "本市地方项目：补贴金额5,000元，由本市政策文件规定",
    ]);
    expect(noTier?.eligible).toBe(true);
    expect(noTier?.reasons[1]).toBe("适用第3档：职业资格证书等级为初级，该档补贴金额1,000元");
    const [none] = calculateEntitlements(catalogue([tiered]), {}, DATE).programs;
    expect(none?.reasons).toEqual(["不符合任何一档的条件"]);
    expect(none?.unmetText[0]).toBe("第1档：须职业资格证书等级为高级（申请人：未填写）");
  });
});
