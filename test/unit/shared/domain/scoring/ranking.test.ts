import { describe, expect, it } from "vitest";
import { quotaLimit, scoreYear } from "../../../../../shared/domain/scoring";
import { byId, input, rulebook, tenant } from "../../../../support/scoring-builders";

// total of tenant(id, order, jobs, review) = 0.6 × jobs + 20 + review

describe("rank", () => {
  it("sorts by total descending", () => {
    const results = scoreYear(
      input([tenant("low", 1, 50, 10), tenant("high", 2, 100, 10), tenant("mid", 3, 80, 10)]),
    );
    expect(results.map((r) => [r.tenantId, r.total, r.rank])).toEqual([
      ["high", "90.00", 1],
      ["mid", "78.00", 2],
      ["low", "60.00", 3],
    ]);
  });

  it("equal totals: more indicatorPoints first", () => {
    // a: 60 + 20 + 5 = 85; b: 54 + 20 + 11 = 85
    const results = scoreYear(input([tenant("a", 1, 100, 5), tenant("b", 2, 90, 11)]));
    expect(results.map((r) => [r.tenantId, r.total, r.indicatorPoints, r.rank])).toEqual([
      ["a", "85.00", "80.00", 1],
      ["b", "85.00", "74.00", 2],
    ]);
    const swapped = scoreYear(input([tenant("a", 2, 90, 11), tenant("b", 1, 100, 5)]));
    expect(swapped.map((r) => r.tenantId)).toEqual(["b", "a"]);
  });

  it("equal totals and indicatorPoints: displayOrder ascending, whatever the input order", () => {
    const tenants = [tenant("c", 3, 90, 10), tenant("a", 7, 90, 10), tenant("b", 5, 90, 10)];
    expect(scoreYear(input(tenants)).map((r) => [r.tenantId, r.rank])).toEqual([
      ["c", 1],
      ["b", 2],
      ["a", 3],
    ]);
    expect(scoreYear(input([...tenants].reverse())).map((r) => r.tenantId)).toEqual(["c", "b", "a"]);
  });

  it("ranks and grades on the exact total (shared/domain/scoring/scoring.md never rounds it); total shows 2 decimals", () => {
    // a: 54 + 20 + 6 + bonus 0.004 = 80.004; b: 60 + 20 + 0 = 80 with more indicator points
    const results = scoreYear(
      input([
        tenant("a", 1, 90, 6, { bonuses: [{ points: 0.004, reason: "小额" }] }),
        tenant("b", 2, 100, 0),
      ]),
    );
    expect(results.map((r) => [r.tenantId, r.total, r.exactTotal, r.indicatorPoints, r.bonusPoints])).toEqual(
      [
        ["a", "80.00", "80.004", "74.00", "0.004"],
        ["b", "80.00", undefined, "80.00", "0.00"],
      ],
    );
  });

  it("grades on the exact total: 89.996 is not 90", () => {
    const results = scoreYear(
      input([tenant("a", 1, 100, 10, { deductions: [{ points: 0.004, reason: "小额" }] })]),
    );
    // 60 + 20 + 10 − 0.004
    expect(results[0]).toMatchObject({ total: "90.00", exactTotal: "89.996" });
    expect(results[0]?.grade).not.toBe("优秀");
  });

  it("rejects duplicate tenant ids", () => {
    expect(() => scoreYear(input([tenant("a", 1, 90, 10), tenant("a", 2, 90, 10)]))).toThrow(/duplicate/);
  });
});

describe("grade", () => {
  it("is the first grade whose minScore the total reaches", () => {
    const results = scoreYear(
      input([
        tenant("a", 1, 100, 10),
        tenant("b", 2, 100, 9.99),
        tenant("c", 3, 100, 0),
        tenant("d", 4, 50, 9.99),
      ]),
    );
    expect(results.map((r) => [r.tenantId, r.total, r.grade])).toEqual([
      ["a", "90.00", "优秀"],
      ["b", "89.99", "良好"],
      ["c", "80.00", "良好"],
      ["d", "59.99", "不合格"],
    ]);
  });

  it("a vetoed tenant gets the last grade even with the top total, keeping its total and rank", () => {
    const results = scoreYear(
      input([tenant("top", 1, 100, 20, { veto: { reason: "重大责任事故" } }), tenant("next", 2, 100, 15)]),
    );
    const top = byId(results, "top");
    expect(top).toMatchObject({ total: "100.00", rank: 1, grade: "不合格", vetoed: true });
    expect(top.gradeByScore).toBeUndefined();
    expect(top.lines.at(-1)).toEqual({ kind: "veto", reason: "重大责任事故" });
    expect(byId(results, "next")).toMatchObject({ grade: "优秀", vetoed: false });
  });
});

describe("quotas", () => {
  it("floor(share × N) is exact: floor(0.57 × 100) = 57, floor(0.29 × 100) = 29", () => {
    expect(0.57 * 100).toBeLessThan(57); // why it must not be computed in floats
    expect(quotaLimit(0.57, 100)).toBe(57);
    expect(quotaLimit(0.29, 100)).toBe(29);
    expect(quotaLimit(0.4, 12)).toBe(4);
    expect(quotaLimit(1, 7)).toBe(7);
    expect(quotaLimit(0.05, 12)).toBe(0);
  });

  it("0.57 of 100 tenants all at the top: 57 stay, 43 move down", () => {
    const tenants = Array.from({ length: 100 }, (_, i) => tenant(`t${i}`, i + 1, 100, 20));
    const results = scoreYear(input(tenants, rulebook({ gradeQuotas: { 优秀: 0.57 } })));
    expect(results.filter((r) => r.grade === "优秀")).toHaveLength(57);
    expect(results.filter((r) => r.grade === "良好")).toHaveLength(43);
    // equal totals: displayOrder decides who stays
    expect(results.filter((r) => r.grade === "优秀").map((r) => r.displayOrder)).toEqual(
      Array.from({ length: 57 }, (_, i) => i + 1),
    );
  });

  it("moves the lowest-ranked surplus down exactly one grade and records gradeByScore", () => {
    const rb = rulebook({ gradeQuotas: { 优秀: 0.4 } });
    // five tenants at 95, 94, 93, 92, 91 → floor(0.4 × 5) = 2 stay 优秀, 3 move to 良好 (not further)
    const results = scoreYear(
      input(
        [95, 94, 93, 92, 91].map((t, i) => tenant(`t${t}`, i + 1, 100, t - 80)),
        rb,
      ),
    );
    expect(results.map((r) => [r.tenantId, r.grade, r.gradeByScore, r.movedByQuota])).toEqual([
      ["t95", "优秀", undefined, undefined],
      ["t94", "优秀", undefined, undefined],
      ["t93", "良好", "优秀", true],
      ["t92", "良好", "优秀", true],
      ["t91", "良好", "优秀", true],
    ]);
  });

  it("cascades: the next grade is checked with the tenants it received", () => {
    const rb = rulebook({ gradeQuotas: { 优秀: 0.2, 良好: 0.2 } });
    // totals 95, 94, 93, 85, 84; floor(0.2 × 5) = 1 per quota grade
    const tenants = [
      tenant("a", 1, 100, 15),
      tenant("b", 2, 100, 14),
      tenant("c", 3, 100, 13),
      tenant("d", 4, 100, 5),
      tenant("e", 5, 100, 4),
    ];
    const results = scoreYear(input(tenants, rb));
    expect(results.map((r) => [r.tenantId, r.total, r.grade, r.gradeByScore ?? null])).toEqual([
      ["a", "95.00", "优秀", null],
      ["b", "94.00", "良好", "优秀"],
      ["c", "93.00", "合格", "优秀"],
      ["d", "85.00", "合格", "良好"],
      ["e", "84.00", "合格", "良好"],
    ]);
  });

  it("a grade under its quota is left alone, and the grades below keep their own members", () => {
    const rb = rulebook({ gradeQuotas: { 优秀: 0.5 } });
    const results = scoreYear(
      input([tenant("a", 1, 100, 15), tenant("b", 2, 100, 5), tenant("c", 3, 50, 5)], rb),
    );
    expect(results.map((r) => r.grade)).toEqual(["优秀", "良好", "不合格"]);
    expect(results.every((r) => r.movedByQuota === undefined)).toBe(true);
  });

  it("vetoed tenants count in N", () => {
    const rb = rulebook({ gradeQuotas: { 优秀: 0.4 } });
    // N = 5 → limit 2 (with N = 4 it would be 1)
    const tenants = [
      tenant("a", 1, 100, 20),
      tenant("b", 2, 100, 19),
      tenant("c", 3, 100, 18),
      tenant("d", 4, 100, 17),
      tenant("v", 5, 100, 20, { veto: { reason: "否决" } }),
    ];
    const results = scoreYear(input(tenants, rb));
    expect(results.filter((r) => r.grade === "优秀").map((r) => r.tenantId)).toEqual(["a", "b"]);
    expect(byId(results, "v")).toMatchObject({ grade: "不合格", vetoed: true });
    expect(byId(results, "v").movedByQuota).toBeUndefined();
    expect(byId(results, "c")).toMatchObject({ grade: "良好", gradeByScore: "优秀", movedByQuota: true });
  });

  it("vetoes come first: a vetoed top tenant does not use a quota place", () => {
    const rb = rulebook({ gradeQuotas: { 优秀: 0.5 } });
    const tenants = [tenant("v", 1, 100, 20, { veto: { reason: "否决" } }), tenant("a", 2, 100, 19)];
    const results = scoreYear(input(tenants, rb));
    expect(results.map((r) => [r.tenantId, r.grade])).toEqual([
      ["v", "不合格"],
      ["a", "优秀"],
    ]);
  });
});
