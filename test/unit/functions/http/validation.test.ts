import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { parseWith } from "../../../../functions/http/validation";
import { rulebookSchema } from "../../../../shared/domain/rulebook";
import { formatPath } from "../../../../shared/lib/errors";
import { loadFixture } from "../../../support/fixture";

describe("field paths", () => {
  it("formats nested paths readably", () => {
    expect(formatPath("body", ["indicators", 0, "weight"])).toBe("body.indicators[0].weight");
    expect(formatPath("body", ["gradeQuotas", "优秀"])).toBe('body.gradeQuotas["优秀"]');
    expect(formatPath("query", ["period"])).toBe("query.period");
  });

  it("names each unknown field separately", () => {
    const schema = z.strictObject({ a: z.number() });
    const result = parseWith(schema, { a: 1, b: 2, c: 3 }, "body");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["body.b", "body.c"]);
  });

  it("writes a readable message for each failure", () => {
    const schema = z.strictObject({
      n: z.number().check(z.gt(0)),
      s: z.string().check(z.maxLength(3)),
      e: z.enum(["x"]),
    });
    const result = parseWith(schema, { n: 0, s: "long", e: "y" }, "body");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { path: "body.n", message: "must be more than 0", zh: "“n”须大于0" },
        { path: "body.s", message: "must be at most 3 characters", zh: "“s”不能超过3个字符" },
        { path: "body.e", message: 'must be one of: "x"', zh: '“e”须为"x"' },
      ]);
    }
  });

  it("rejects non-finite numbers", () => {
    const result = parseWith(z.strictObject({ n: z.number() }), { n: Number.POSITIVE_INFINITY }, "body");
    expect(result.ok).toBe(false);
  });
});

describe("rulebook validation (shared/domain/scoring/scoring.md)", () => {
  const valid = () => structuredClone(loadFixture().rulebook) as any;

  it("accepts the demo rulebook", () => {
    expect(parseWith(rulebookSchema, valid(), "body").ok).toBe(true);
  });

  it.each([
    ["weight 0", (r: any) => (r.indicators[0].weight = 0), "body.indicators[0].weight"],
    ["cap above 2", (r: any) => (r.indicators[0].cap = 2.5), "body.indicators[0].cap"],
    [
      "ceiling without tolerance",
      (r: any) => delete r.indicators[4].tolerance,
      "body.indicators[4].tolerance",
    ],
    ["duplicate grade", (r: any) => (r.grades[1].name = "优秀"), "body.grades[1].name"],
    ["minScore not decreasing", (r: any) => (r.grades[1].minScore = 95), "body.grades[1].minScore"],
    ["last grade not 0", (r: any) => (r.grades[3].minScore = 10), "body.grades[3].minScore"],
    ["quota on unknown grade", (r: any) => (r.gradeQuotas = { 特优: 0.2 }), 'body.gradeQuotas["特优"]'],
    ["quota on the last grade", (r: any) => (r.gradeQuotas = { 不合格: 0.2 }), 'body.gradeQuotas["不合格"]'],
    ["quota share above 1", (r: any) => (r.gradeQuotas = { 优秀: 1.5 }), 'body.gradeQuotas["优秀"]'],
    ["review maxScore 0", (r: any) => (r.reviewItems[0].maxScore = 0), "body.reviewItems[0].maxScore"],
    [
      "duplicate indicator code",
      (r: any) => (r.indicators[1].code = r.indicators[0].code),
      "body.indicators[1].code",
    ],
    ["unknown field", (r: any) => (r.colour = "red"), "body.colour"],
  ])("refuses %s with its field path", (_name, mutate, path) => {
    const rulebook = valid();
    mutate(rulebook);
    const result = parseWith(rulebookSchema, rulebook, "body");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });
});
