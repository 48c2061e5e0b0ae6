import { describe, expect, it } from "vitest";
import { draftFromTopUp, refusalsOf, shownPaths, topUpBody } from "#console/lib/top-ups";

describe("the top-up form", () => {
  it("starts a new version from today with the latest version's basis and values", () => {
    const d = draftFromTopUp(
      { basis: { document: "长政发〔2019〕5号", clause: "第三条" }, overrides: { amount: 3000 } },
      "2019-07-03",
    );
    expect(d).toEqual({
      effectiveFrom: "2019-07-03",
      effectiveTo: "",
      document: "长政发〔2019〕5号",
      clause: "第三条",
      values: { amount: "3000" },
    });
    expect(draftFromTopUp(undefined, "2019-07-03").values).toEqual({});
  });

  it("sends the numbers typed and refuses what is not a number, leaving empty values out", () => {
    const { body, refused } = topUpBody({
      effectiveFrom: "2019-07-03",
      effectiveTo: "",
      document: " 长政发 ",
      clause: " ",
      values: { amount: "3,000", rate: "", cap: "abc" },
    });
    expect(body).toEqual({
      overrides: { amount: 3000 },
      basis: { document: "长政发" },
      effectiveFrom: "2019-07-03",
      effectiveTo: null,
    });
    expect(Object.keys(refused)).toEqual(["cap"]);
    expect(refused.cap?.baseline).toBeNull();
  });

  it("reads each refused parameter of a 422 with the standard and limit it names", () => {
    const errors = [
      { path: "body.overrides.amount", message: "低于省级标准", baseline: 3000, limit: 5000 },
      { path: "body.basis.document", message: "必填" },
    ];
    expect(refusalsOf(errors)).toEqual({ amount: { message: "低于省级标准", baseline: 3000, limit: 5000 } });
    expect(refusalsOf(undefined)).toEqual({});
  });

  it("says which problem paths the form shows beside its inputs", () => {
    const refused = {
      amount: { message: "x", baseline: null, limit: null },
      gone: { message: "y", baseline: null, limit: null },
    };
    expect(shownPaths(refused, [{ path: "amount" }], { document: "必填", clause: undefined })).toEqual([
      "body.overrides.amount",
      "body.basis.document",
      "body.basis",
    ]);
  });
});
