import { describe, expect, it } from "vitest";
import { keys } from "../../../../shared/data/keys";

describe("key formats (pinned: changing one orphans stored data)", () => {
  it("pins every key string", () => {
    expect(keys.province("jl")).toEqual({ pk: "PROV#jl", sk: "PROFILE" });
    expect(keys.yearState("jl", 2019)).toEqual({ pk: "PROV#jl", sk: "YEAR#2019#STATE" });
    expect(keys.tenant("changchun")).toEqual({ pk: "TENANT#changchun", sk: "PROFILE" });
    expect(keys.cursorSecret()).toEqual({ pk: "PLATFORM", sk: "CURSOR_SECRET" });
    expect(keys.tenantsOfProvince("jl")).toBe("PROV#jl#TENANTS");
    expect(keys.tenantOrder(12, "gongzhuling")).toBe("000012#gongzhuling");
    expect(keys.apiKey("changchun", "k1")).toEqual({ pk: "TENANT#changchun", sk: "APIKEY#k1" });
    expect(keys.rateWindow("changchun", "k1", 42)).toEqual({ pk: "TENANT#changchun", sk: "RATE#k1#42" });
    expect(keys.rulebook("jl", 2019)).toEqual({ pk: "PROV#jl", sk: "RULEBOOK#2019" });
    expect(keys.rulebookVersion("jl", 2019, 3)).toEqual({ pk: "PROV#jl", sk: "RULEBOOKV#2019#000003" });
    expect(keys.targets("changchun", 2019)).toEqual({ pk: "TENANT#changchun", sk: "TARGETS#2019" });
    expect(keys.targetsVersion("changchun", 2019, 2)).toEqual({
      pk: "TENANT#changchun",
      sk: "TARGETSV#2019#000002",
    });
    expect(keys.targetsOfProvinceYear("jl", 2019)).toBe("PROV#jl#Y#2019#TARGETS");
    expect(keys.report("changchun", 2019, "2019-03")).toEqual({
      pk: "TENANT#changchun",
      sk: "REPORT#2019#2019-03",
    });
    expect(keys.reportVersion("changchun", 2019, "2019-03", 1)).toEqual({
      pk: "TENANT#changchun",
      sk: "REPORTV#2019#2019-03#000001",
    });
    expect(keys.reportsOfProvinceYear("jl", 2019)).toBe("PROV#jl#Y#2019#REPORTS");
    expect(keys.reportsHead("changchun", 2019)).toEqual({ pk: "TENANT#changchun", sk: "REPORT#2019#~HEAD" });
    // the head sorts after every period, so the year's Query reads it last
    expect(keys.reportsHead("t", 2019).sk > keys.report("t", 2019, "2019-12").sk).toBe(true);
    expect(keys.unlock("changchun", 2019, "2019-03", "2019-04-20T00:00:00.000Z")).toEqual({
      pk: "TENANT#changchun",
      sk: "UNLOCK#2019#2019-03#2019-04-20T00:00:00.000Z",
    });
    expect(keys.highlights("changchun", 2019)).toEqual({ pk: "TENANT#changchun", sk: "HIGHLIGHTS#2019" });
    expect(keys.review("jl", 2019, "changchun")).toEqual({ pk: "PROV#jl", sk: "REVIEW#2019#changchun" });
    expect(keys.scoringRun("jl", 2019, "r1")).toEqual({ pk: "PROV#jl", sk: "RUN#2019#r1" });
    expect(keys.scoringRunChunk("jl", 2019, "r1", 2)).toEqual({ pk: "PROV#jl", sk: "RUNCHUNK#2019#r1#0002" });
    expect(keys.circular("jl", "c1")).toEqual({ pk: "PROV#jl", sk: "CIRCULAR#c1" });
    expect(keys.publishedCircularsOfProvince("jl")).toBe("PROV#jl#PUBLISHED");
    expect(keys.program("jl", "startup_subsidy", 1)).toEqual({
      pk: "PROV#jl",
      sk: "PROGRAM#startup_subsidy#000001",
    });
    expect(keys.topUp("changchun", "guarantee_loan", 1)).toEqual({
      pk: "TENANT#changchun",
      sk: "TOPUP#guarantee_loan#000001",
    });
    expect(keys.localProgram("changchun", "settling_in_allowance", 1)).toEqual({
      pk: "TENANT#changchun",
      sk: "LOCALPROG#settling_in_allowance#000001",
    });
  });

  it("starts every partition key with its owner", () => {
    const all = [
      keys.province("p"),
      keys.tenant("t"),
      keys.apiKey("t", "k"),
      keys.rulebook("p", 2019),
      keys.targets("t", 2019),
      keys.report("t", 2019, "2019-01"),
      keys.review("p", 2019, "t"),
      keys.circular("p", "c"),
      keys.program("p", "c", 1),
      keys.topUp("t", "c", 1),
    ];
    for (const key of all) expect(key.pk).toMatch(/^(PROV#p|TENANT#t)$/);
  });

  it("keeps current items and their versions apart under begins_with", () => {
    const current = keys.reportPrefix(2019);
    expect(keys.reportVersion("t", 2019, "2019-01", 1).sk.startsWith(current)).toBe(false);
    expect(keys.rulebookVersion("p", 2019, 1).sk.startsWith(keys.rulebook("p", 2019).sk)).toBe(false);
    expect(keys.programHead("p", "x").sk.startsWith(keys.programPrefix())).toBe(false);
    expect(keys.topUpHead("t", "x").sk.startsWith(keys.topUpPrefix())).toBe(false);
    expect(keys.localProgramHead("t", "x").sk.startsWith(keys.localProgramPrefix())).toBe(false);
    expect(keys.scoringRunChunk("p", 2019, "r", 0).sk.startsWith(keys.scoringRunPrefix(2019))).toBe(false);
  });
});
