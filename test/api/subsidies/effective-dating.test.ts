/**
 * Subsidy effective dating at the boundaries, over HTTP: raises for next year, top-ups and local
 * programs from effectiveFrom through effectiveTo.
 */
import { describe, expect, it } from "vitest";
import { setNow } from "../../../shared/lib/clock";
import { demoProgram, NOW } from "../../support/subsidies-data";
import { as, entitlements, program, t, useSubsidiesStack } from "../../support/subsidies-stack";

useSubsidiesStack();

describe("effective dating at the boundaries", () => {
  it("a raise entered now with next year's effectiveFrom leaves this year's answers unchanged", async () => {
    const admin = as("jl/province-admin");
    const raise = await t.call("PUT", "/v1/provinces/jl/subsidy-programs/startup_subsidy", {
      ...admin,
      body: { ...demoProgram("startup_subsidy"), params: { amount: 6000 }, effectiveFrom: "2020-01-01" },
    });
    expect(raise.status, raise.text).toBe(200);
    const founder = {
      category: "graduate",
      firstBusiness: true,
      businessOperatingMonths: 12,
      socialInsurancePaid: true,
    };
    const amountOn = async (date?: string) =>
      program(await entitlements("jilin", founder, date), "startup_subsidy").amount;
    expect(await amountOn("2019-06-15")).toBe("5000.00");
    expect(await amountOn("2019-12-31")).toBe("5000.00");
    expect(await amountOn("2020-01-01")).toBe("6000.00");
    // the default date is today in Asia/Shanghai
    setNow("2019-12-31T15:59:59.000Z"); // 23:59:59 on 2019-12-31 in Shanghai
    expect(await amountOn()).toBe("5000.00");
    setNow("2019-12-31T16:00:00.000Z"); // 00:00 on 2020-01-01 in Shanghai (still 2019 in UTC)
    expect(await amountOn()).toBe("6000.00");
    const catalogue = await t.call("GET", "/v1/public/tenants/jilin/subsidies");
    expect(catalogue.body.date).toBe("2020-01-01");
    expect(
      catalogue.body.programs.find((p: { code: string }) => p.code === "startup_subsidy").params.amount,
    ).toBe(6000);
    setNow(NOW);
    const list = await t.call(
      "GET",
      "/v1/provinces/jl/subsidy-programs?date=2019-06-15",
      as("jilin/city-admin"),
    );
    expect(list.body.programs.find((p: { code: string }) => p.code === "startup_subsidy").params.amount).toBe(
      5000,
    );
  });

  it("a top-up applies from its effectiveFrom through its effectiveTo, and not a day outside", async () => {
    const put = await t.call("PUT", "/v1/tenants/jilin/subsidy-top-ups/skill_upgrade_subsidy", {
      ...as("jilin/city-admin"),
      body: {
        overrides: { "tiers.senior": 2500 },
        basis: { document: "吉市人社发〔2019〕5号", clause: "三" },
        effectiveFrom: "2019-07-01",
        effectiveTo: "2019-09-30",
      },
    });
    expect(put.status, put.text).toBe(201);
    const employee = {
      category: "employee",
      unemploymentInsuranceYears: 4,
      certificateLevel: "senior",
      certificateDate: "2019-05-01",
    };
    const on = async (date: string) =>
      program(await entitlements("jilin", employee, date), "skill_upgrade_subsidy");
    const cases: Array<[string, string, string]> = [
      ["2019-06-30", "2000.00", "0.00"],
      ["2019-07-01", "2500.00", "500.00"],
      ["2019-09-30", "2500.00", "500.00"],
      ["2019-10-01", "2000.00", "0.00"],
    ];
    for (const [date, amount, topUp] of cases) {
      const result = await on(date);
      expect([date, result.amount, result.topUpAmount]).toEqual([date, amount, topUp]);
      expect(result.basis.length, date).toBe(topUp === "0.00" ? 1 : 2);
    }
  });

  it("a local program exists only from its effectiveFrom through its effectiveTo", async () => {
    const put = await t.call("PUT", "/v1/tenants/jilin/local-programs/summer_bonus", {
      ...as("jilin/city-admin"),
      body: {
        name: "暑期见习补贴",
        basis: { document: "吉市人社发〔2019〕6号" },
        kind: "fixed",
        benefit: "grant",
        params: { amount: 600.5 },
        eligibility: [],
        effectiveFrom: "2019-07-01",
        effectiveTo: "2019-08-31",
      },
    });
    expect(put.status, put.text).toBe(201);
    const listed = async (date: string) => {
      const res = await t.call("GET", `/v1/public/tenants/jilin/subsidies?date=${date}`);
      return res.body.programs.some((p: { code: string }) => p.code === "summer_bonus");
    };
    expect(await listed("2019-06-30")).toBe(false);
    expect(await listed("2019-07-01")).toBe(true);
    expect(await listed("2019-08-31")).toBe(true);
    expect(await listed("2019-09-01")).toBe(false);
    const result = await entitlements("jilin", {}, "2019-08-31");
    expect(program(result, "summer_bonus")).toMatchObject({
      eligible: true,
      amount: "600.50",
      baselineAmount: "0.00",
    });
  });

  it("is closed-open nowhere: a province version ending on a date yields to the next one the day after", async () => {
    const admin = as("jl/province-admin");
    const base = {
      name: "阶段补贴",
      basis: { document: "测试〔2019〕3号" },
      kind: "fixed",
      benefit: "grant",
      eligibility: [],
    };
    await t.call("PUT", "/v1/provinces/jl/subsidy-programs/phased", {
      ...admin,
      body: { ...base, params: { amount: 100 }, effectiveFrom: "2019-01-01", effectiveTo: "2019-06-30" },
    });
    await t.call("PUT", "/v1/provinces/jl/subsidy-programs/phased", {
      ...admin,
      body: { ...base, params: { amount: 200 }, effectiveFrom: "2019-07-01" },
    });
    const amount = async (date: string) =>
      program(await entitlements("changchun", {}, date), "phased").amount;
    expect(await amount("2019-06-30")).toBe("100.00");
    expect(await amount("2019-07-01")).toBe("200.00");
    const before = await entitlements("changchun", {}, "2018-12-31");
    expect(before.programs.some((p) => p.code === "phased")).toBe(false);
  });
});
