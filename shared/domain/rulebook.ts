/**
 * The year's rulebook (考评细则): indicators, review items, bonus/deduction limits, grades,
 * quotas and the reporting deadline. Validation follows `shared/domain/scoring/scoring.md` exactly; every rule failure
 * names its field path.
 */
import * as z from "zod/mini";
import { singleLineText } from "../lib/safe-text";
import { customIssue, repeatCheck, zodMessage } from "../lib/zod-text";
import { codeString } from "./codes";

export const codeSchema = z.lazy(() =>
  codeString({ en: "must be snake_case (a-z, 0-9, _)", zh: "须为小写字母开头的代码（仅含 a-z、0-9 和 _）" }),
);

const text = (max: number) => singleLineText(max);

// Every schema here is built on first use (`z.lazy`), so importing this module builds nothing.

export const indicatorSchema = z.lazy(() =>
  z.strictObject({
    code: codeSchema,
    name: text(100),
    unit: z.optional(singleLineText(20, { min: 0 })),
    weight: z.number().check(z.gt(0, zodMessage("weight must be > 0", "须大于0"))),
    method: z.enum(["ratio", "ceiling"]),
    /** ratio indicators: completion is capped at this multiple of the target; [1, 2], default 1 */
    cap: z.optional(
      z
        .number()
        .check(
          z.gte(1, zodMessage("cap must be in [1, 2]", "须在1至2之间")),
          z.lte(2, zodMessage("cap must be in [1, 2]", "须在1至2之间")),
        ),
    ),
    /** ceiling indicators: how far above the target the points fall to 0; > 0 */
    tolerance: z.optional(z.number().check(z.gt(0, zodMessage("tolerance must be > 0", "须大于0")))),
    /** count (year-to-date cumulative) or rate (current value, 0–100); default: rate when unit is "%" */
    kind: z.optional(z.enum(["count", "rate"])),
  }),
);

export const reviewItemSchema = z.lazy(() =>
  z.strictObject({
    code: codeSchema,
    name: text(100),
    maxScore: z.number().check(z.gt(0, zodMessage("maxScore must be > 0", "须大于0"))),
  }),
);

export const gradeSchema = z.lazy(() =>
  z.strictObject({
    name: text(20),
    minScore: z.number().check(z.gte(0)),
  }),
);

/**
 * The fields of a rulebook, built fresh on each call: `rulebookSchema` checks them strictly with
 * the rules below, and the API's rulebook response extends them.
 */
export function rulebookShape() {
  return {
    documentNo: text(100),
    title: text(200),
    indicators: z.array(indicatorSchema).check(z.minLength(1), z.maxLength(50)),
    reviewItems: z.optional(z.array(reviewItemSchema).check(z.maxLength(50))),
    bonusMax: z.optional(z.number().check(z.gte(0))),
    deductionMax: z.optional(z.number().check(z.gte(0))),
    grades: z.array(gradeSchema).check(z.minLength(1), z.maxLength(10)),
    gradeQuotas: z.optional(z.record(z.string(), z.number())),
    reportingDeadlineDay: z.int().check(z.gte(1), z.lte(31)),
  };
}

export const rulebookSchema = z.lazy(() =>
  z.strictObject(rulebookShape()).check(
    z.superRefine((rb, ctx) => {
      const indicatorCode = repeatCheck(ctx, { en: "code", zh: "与前面的指标" });
      rb.indicators.forEach((ind, i) => {
        indicatorCode(ind.code, ["indicators", i, "code"]);
        if (ind.method === "ceiling" && ind.tolerance === undefined)
          ctx.addIssue(
            customIssue(["indicators", i, "tolerance"], {
              en: "a ceiling indicator needs tolerance > 0",
              zh: "为必填项：控制类（ceiling）指标须设置大于0的容差",
            }),
          );
        if (ind.method === "ceiling" && ind.cap !== undefined)
          ctx.addIssue(
            customIssue(["indicators", i, "cap"], {
              en: "cap applies to ratio indicators only",
              zh: "只适用于完成率类（ratio）指标",
            }),
          );
      });
      const reviewItemCode = repeatCheck(ctx, { en: "code", zh: "与前面的评审项目" });
      (rb.reviewItems ?? []).forEach((item, i) => {
        reviewItemCode(item.code, ["reviewItems", i, "code"]);
      });
      const gradeName = repeatCheck(ctx, { en: "grade", zh: "与前面的等次" });
      rb.grades.forEach((g, i) => {
        gradeName(g.name, ["grades", i, "name"]);
        const prev = rb.grades[i - 1];
        if (prev && !(g.minScore < prev.minScore))
          ctx.addIssue(
            customIssue(["grades", i, "minScore"], {
              en: "minScore must be strictly lower than the grade before",
              zh: `须低于上一等次“${prev.name}”的最低分${prev.minScore}`,
            }),
          );
      });
      const lastIndex = rb.grades.length - 1;
      const last = rb.grades[lastIndex];
      if (last && last.minScore !== 0)
        ctx.addIssue(
          customIssue(["grades", lastIndex, "minScore"], {
            en: "the last grade's minScore must be 0",
            zh: "须为0（最后一个等次的最低分为0）",
          }),
        );
      for (const [name, share] of Object.entries(rb.gradeQuotas ?? {})) {
        const index = rb.grades.findIndex((g) => g.name === name);
        if (index === -1)
          ctx.addIssue(
            customIssue(["gradeQuotas", name], {
              en: `no grade named '${name}'`,
              zh: `无效：没有名为“${name}”的等次`,
            }),
          );
        else if (index === lastIndex)
          ctx.addIssue(
            customIssue(["gradeQuotas", name], {
              en: "the last grade cannot have a quota",
              zh: "无效：最后一个等次不能设置比例",
            }),
          );
        if (!(share > 0 && share <= 1))
          ctx.addIssue(
            customIssue(["gradeQuotas", name], {
              en: "a quota share must be in (0, 1]",
              zh: "须大于0且不超过1",
            }),
          );
      }
    }),
  ),
);

export type Rulebook = z.infer<typeof rulebookSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type ReviewItem = z.infer<typeof reviewItemSchema>;
export type Grade = z.infer<typeof gradeSchema>;

/** Count indicators are reported year-to-date cumulative; rates as the current value (0–100). */
export function indicatorKind(indicator: Pick<Indicator, "kind" | "unit">): "count" | "rate" {
  if (indicator.kind) return indicator.kind;
  const unit = indicator.unit?.trim();
  // ASCII % or the full-width ％ common in Chinese documents
  return unit === "%" || unit === "％" ? "rate" : "count";
}

export function indicatorCodes(rulebook: Pick<Rulebook, "indicators">): string[] {
  return rulebook.indicators.map((i) => i.code);
}
