/**
 * `npm start`'s demo seed loads the subsidies: the six Jilin baselines, Changchun's raised
 * guarantee loan and settling-in allowance, and Tonghua's three years of full interest subsidy —
 * visible on the public routes without credentials.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PROGRAM_CODES, README_GRADUATE } from "../support/demo-facts";
import { t, useDemoStack } from "../support/demo-stack";

useDemoStack();

const GRADUATE_FOUNDER = { category: "graduate", graduationDate: "2018-07-01" };

describe("the demo subsidies", () => {
  it("are loaded by the demo seed", () => {
    expect(t.stack.seeded?.loaded).toBe(true);
  });

  it("list the six Jilin baselines, written by demo-seed", async () => {
    const token = await t.token("province-admin", { provinceId: "jl" });
    const res = await t.call("GET", "/v1/provinces/jl/subsidy-programs", { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.programs.map((p: { code: string }) => p.code)).toEqual(DEMO_PROGRAM_CODES);
    for (const program of res.body.programs)
      expect(program).toMatchObject({ version: 1, writtenBy: "demo-seed" });
  });

  it("show Changchun's raised guarantee loan in its public catalogue", async () => {
    const res = await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-06-15");
    expect(res.status, res.text).toBe(200);
    const loan = res.body.programs.find((p: { code: string }) => p.code === "guarantee_loan");
    expect(loan.params.tiers.find((x: { key: string }) => x.key === "graduate").amount).toBe(300000);
    expect(loan.basis.map((b: { level: string }) => b.level)).toEqual(["province", "city"]);
    expect(res.body.programs.map((p: { code: string; source: string }) => `${p.source}:${p.code}`)).toContain(
      "local:settling_in_allowance",
    );
  });

  it("give the Changchun graduate founder 300,000 and the same profile in Jilin City 150,000", async () => {
    const changchun = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(changchun.status, changchun.text).toBe(200);
    expect(changchun.body.maxLoan).toBe("300000.00");
    expect(changchun.body.programs.find((p: { code: string }) => p.code === "guarantee_loan")).toMatchObject({
      baselineAmount: "150000.00",
      topUpAmount: "150000.00",
    });
    const jilin = await t.call("POST", "/v1/public/tenants/jilin/entitlements", {
      body: { profile: GRADUATE_FOUNDER, date: "2019-06-15" },
    });
    expect(jilin.body.maxLoan).toBe("150000.00");
  });

  it("show Tonghua's three years of full interest subsidy", async () => {
    const res = await t.call("POST", "/v1/public/tenants/tonghua/entitlements", {
      body: { profile: { category: "veteran" }, date: "2019-06-15" },
    });
    expect(res.status, res.text).toBe(200);
    const loan = res.body.programs.find((p: { code: string }) => p.code === "guarantee_loan");
    expect(loan).toMatchObject({
      eligible: true,
      amount: "100000.00",
      terms: { fullInterestSubsidyYears: 3 },
    });
    expect(res.body.maxLoan).toBe("100000.00");
  });

  it("answer on the documented profile fields alone, and refuse any other field", async () => {
    const worker = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: {
        profile: { unemploymentInsuranceYears: 3, certificateLevel: "senior", certificateDate: "2019-06-01" },
        date: "2019-12-01",
      },
    });
    expect(worker.status, worker.text).toBe(200);
    expect(
      worker.body.programs.find((p: { code: string }) => p.code === "skill_upgrade_subsidy"),
    ).toMatchObject({
      eligible: true,
      amount: "2000.00",
    });
    for (const field of ["founder", "employedByEnterprise", "baseLevel"]) {
      const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
        body: { profile: { category: "graduate", [field]: true } },
      });
      expect(res.status, field).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([`body.profile.${field}`]);
    }
  });

  it("explain the README's graduate in Chinese: the reasons, each unmet condition, the amounts", async () => {
    const res = await t.call("POST", "/v1/public/tenants/changchun/entitlements", {
      body: README_GRADUATE,
    });
    expect(res.status, res.text).toBe(200);
    type Entry = {
      code: string;
      eligible: boolean;
      reasons: string[];
      unmet: unknown[];
      unmetText: string[];
    };
    const byCode = new Map<string, Entry>(res.body.programs.map((p: Entry) => [p.code, p]));
    const loan = byCode.get("guarantee_loan");
    expect(loan?.eligible).toBe(true);
    expect(loan?.reasons).toContain("省级标准150,000元，本市提标150,000元，合计300,000元");
    expect(loan?.reasons.join("\n")).toContain(
      "适用第2档：人员类别为高校毕业生，且毕业日期在2017年12月1日至2019年12月1日之间（申请日前24个月内）",
    );
    expect(loan?.reasons).toContain("贷款额度为可申请的最高本金，不计入补贴合计");
    const allowance = byCode.get("settling_in_allowance");
    expect(allowance?.reasons).toEqual([
      "符合申领条件：人员类别为高校毕业生；学历为本科、硕士研究生或博士研究生；重点高校毕业",
      "本市地方项目：补贴金额80,000元，由本市政策文件规定",
    ]);
    const startup = byCode.get("startup_subsidy");
    expect(startup?.eligible).toBe(false);
    expect(startup?.reasons).toEqual(["不符合申领条件：3项条件未满足"]);
    expect(startup?.unmetText).toEqual([
      "须首次创业（申请人：未填写）",
      "须正常经营月数不少于12个月（申请人：未填写）",
      "须已缴纳社会保险（申请人：未填写）",
    ]);
    // one text per unmet condition, every program, in the same order
    for (const p of byCode.values()) expect(p.unmetText).toHaveLength(p.unmet.length);
    const skill = byCode.get("skill_upgrade_subsidy");
    expect(skill?.unmetText).toContain("第1档：须职业资格证书等级为高级（申请人：未填写）");
  });

  it("describe Changchun's catalogue in Chinese: each condition, and each parameter beside the provincial one", async () => {
    const res = await t.call("GET", "/v1/public/tenants/changchun/subsidies?date=2019-06-15");
    expect(res.status, res.text).toBe(200);
    expect(res.body.tenantName).toBe("长春市");
    type Parameter = { path: string; label: string; baseline: number | null; value: number; raised: boolean };
    type Entry = {
      code: string;
      source: string;
      eligibility: unknown[];
      eligibilityText: string[];
      parameters: Parameter[];
    };
    const programs: Entry[] = res.body.programs;
    for (const p of programs) expect(p.eligibilityText).toHaveLength(p.eligibility.length);
    const loan = programs.find((p) => p.code === "guarantee_loan");
    expect(loan?.parameters.map((p) => p.path)).toEqual([
      "tiers.enterprise",
      "tiers.graduate",
      "tiers.individual",
      "terms.fullInterestSubsidyYears",
      "terms.interestSubsidyMarginPp",
    ]);
    expect(loan?.parameters.find((p) => p.path === "tiers.graduate")).toEqual({
      path: "tiers.graduate",
      label: "人员类别为高校毕业生，且毕业日期在申请日前24个月内（含）的贷款额度",
      unit: "元",
      money: true,
      baseline: 150000,
      value: 300000,
      limit: null,
      raised: true,
      note: null,
    });
    const startup = programs.find((p) => p.code === "startup_subsidy");
    expect(startup?.eligibilityText).toEqual([
      "人员类别为高校毕业生或就业困难人员",
      "首次创业",
      "正常经营月数不少于12个月",
      "已缴纳社会保险",
    ]);
    const local = programs.find((p) => p.code === "settling_in_allowance");
    expect(local?.parameters).toEqual([
      expect.objectContaining({
        path: "amount",
        label: "补贴金额",
        baseline: null,
        value: 80000,
        raised: false,
      }),
    ]);
    // Tonghua raised a term: shown raised beside the province's 0
    const tonghua = await t.call("GET", "/v1/public/tenants/tonghua/subsidies?date=2019-06-15");
    const years = tonghua.body.programs
      .find((p: Entry) => p.code === "guarantee_loan")
      .parameters.find((p: Parameter) => p.path === "terms.fullInterestSubsidyYears");
    expect(years).toMatchObject({
      label: "全额贴息年限",
      unit: "年",
      money: false,
      baseline: 0,
      value: 3,
      raised: true,
    });
  });
});
