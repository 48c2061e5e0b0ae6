/**
 * The year's rulebook (考评细则): indicators, review items, bonus/deduction limits, grades,
 * quotas and the reporting deadline. Validation follows `scoring.md` exactly; every rule failure
 * names its field path.
 */
import * as z from "zod/mini";
import { singleLineText } from "../lib/safe-text";

export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const codeSchema = z.lazy(() =>
  z.string().check(z.regex(CODE_PATTERN, "must be snake_case (a-z, 0-9, _)")),
);

const text = (max: number) => singleLineText(max);

// Every schema here is built on first use (`z.lazy`), so importing this module builds nothing.

export const indicatorSchema = z.lazy(() =>
  z.strictObject({
    code: codeSchema,
    name: text(100),
    unit: z.optional(singleLineText(20, { min: 0 })),
    weight: z.number().check(z.gt(0, "weight must be > 0")),
    method: z.enum(["ratio", "ceiling"]),
    /** ratio indicators: completion is capped at this multiple of the target; [1, 2], default 1 */
    cap: z.optional(z.number().check(z.gte(1, "cap must be in [1, 2]"), z.lte(2, "cap must be in [1, 2]"))),
    /** ceiling indicators: how far above the target the points fall to 0; > 0 */
    tolerance: z.optional(z.number().check(z.gt(0, "tolerance must be > 0"))),
    /** count (year-to-date cumulative) or rate (current value, 0–100); default: rate when unit is "%" */
    kind: z.optional(z.enum(["count", "rate"])),
  }),
);

export const reviewItemSchema = z.lazy(() =>
  z.strictObject({
    code: codeSchema,
    name: text(100),
    maxScore: z.number().check(z.gt(0, "maxScore must be > 0")),
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
      const seen = new Set<string>();
      rb.indicators.forEach((ind, i) => {
        if (seen.has(ind.code))
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "code"],
            message: `duplicate code '${ind.code}'`,
          });
        seen.add(ind.code);
        if (ind.method === "ceiling" && ind.tolerance === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "tolerance"],
            message: "a ceiling indicator needs tolerance > 0",
          });
        if (ind.method === "ceiling" && ind.cap !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "cap"],
            message: "cap applies to ratio indicators only",
          });
      });
      const seenItems = new Set<string>();
      (rb.reviewItems ?? []).forEach((item, i) => {
        if (seenItems.has(item.code))
          ctx.addIssue({
            code: "custom",
            path: ["reviewItems", i, "code"],
            message: `duplicate code '${item.code}'`,
          });
        seenItems.add(item.code);
      });
      const names = new Set<string>();
      rb.grades.forEach((g, i) => {
        if (names.has(g.name))
          ctx.addIssue({
            code: "custom",
            path: ["grades", i, "name"],
            message: `duplicate grade '${g.name}'`,
          });
        names.add(g.name);
        const prev = rb.grades[i - 1];
        if (prev && !(g.minScore < prev.minScore))
          ctx.addIssue({
            code: "custom",
            path: ["grades", i, "minScore"],
            message: "minScore must be strictly lower than the grade before",
          });
      });
      const lastIndex = rb.grades.length - 1;
      const last = rb.grades[lastIndex];
      if (last && last.minScore !== 0)
        ctx.addIssue({
          code: "custom",
          path: ["grades", lastIndex, "minScore"],
          message: "the last grade's minScore must be 0",
        });
      for (const [name, share] of Object.entries(rb.gradeQuotas ?? {})) {
        const index = rb.grades.findIndex((g) => g.name === name);
        if (index === -1)
          ctx.addIssue({ code: "custom", path: ["gradeQuotas", name], message: `no grade named '${name}'` });
        else if (index === lastIndex)
          ctx.addIssue({
            code: "custom",
            path: ["gradeQuotas", name],
            message: "the last grade cannot have a quota",
          });
        if (!(share > 0 && share <= 1))
          ctx.addIssue({
            code: "custom",
            path: ["gradeQuotas", name],
            message: "a quota share must be in (0, 1]",
          });
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
