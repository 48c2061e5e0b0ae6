/**
 * Eligibility conditions `{field, op, value}`. They are data: validated with zod against the
 * profile's field types and interpreted by a fixed `switch` — never evaluated as code.
 *
 * Operators:
 * - `eq`, `ne` — equal / not equal (a scalar that fits the field: an enum member, a boolean, a
 *   number, a date);
 * - `in` — one of a non-empty list of such scalars;
 * - `gte`, `lte`, `gt`, `lt` — numeric comparisons, numeric fields only;
 * - `onOrAfter` — a date field is ≥ the given date;
 * - `withinMonths` — a date field lies within `value` (a positive integer) months before the
 *   evaluation date, inclusive: `evaluationDate − value months ≤ date ≤ evaluationDate`, with
 *   month subtraction clamped to month end (see `subtractMonths`). A date after the evaluation
 *   date is not "within the months before" it and fails.
 *
 * Every operator fails on a field the profile lacks, with `actual: "missing"` (so `ne` is not
 * satisfied by absence: an unknown value is not evidence).
 */
import * as z from "zod/mini";
import { FIELD_LABELS } from "../../lib/labels";
import { customIssue, zodMessage } from "../../lib/zod-text";
import { dateSchema, isDate, subtractMonths } from "./dates";
import type { FieldSpec, Profile, ProfileField } from "./profile";
import { PROFILE_FIELD_NAMES, PROFILE_FIELDS } from "./profile";

export const OPERATORS = ["eq", "ne", "in", "gte", "lte", "gt", "lt", "onOrAfter", "withinMonths"] as const;
export type Operator = (typeof OPERATORS)[number];

/** `actual` of an unmet condition whose field the profile lacks. */
export const MISSING = "missing";

const MAX_WITHIN_MONTHS = 1200;

const scalarSchema = z.lazy(() =>
  z.union([z.string().check(z.minLength(1), z.maxLength(100)), z.number(), z.boolean()]),
);

const describe = (spec: FieldSpec): string =>
  spec.type === "enum"
    ? `one of ${spec.values.join(", ")}`
    : spec.type === "number" && spec.integer
      ? "an integer"
      : `a ${spec.type}`;

/** What a field's values are, in Chinese: 以下取值之一：graduate、veteran, 整数, YYYY-MM-DD格式的日期. */
const describeZh = (spec: FieldSpec): string =>
  spec.type === "enum"
    ? `以下取值之一：${spec.values.join("、")}`
    : spec.type === "number"
      ? spec.integer
        ? "整数"
        : "数字"
      : spec.type === "boolean"
        ? "布尔值（true 或 false）"
        : "YYYY-MM-DD格式的日期";

function fits(spec: FieldSpec, value: unknown): boolean {
  switch (spec.type) {
    case "enum":
      return typeof value === "string" && spec.values.includes(value);
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && (!spec.integer || Number.isInteger(value));
    case "date":
      return isDate(value);
  }
}

/** Built on first use (`z.lazy`); the union's options are built with it. */
export const conditionSchema = z.lazy(() => {
  const fieldSchema = z.enum(PROFILE_FIELD_NAMES);
  return z
    .discriminatedUnion("op", [
      z.strictObject({ field: fieldSchema, op: z.enum(["eq", "ne"]), value: scalarSchema }),
      z.strictObject({
        field: fieldSchema,
        op: z.literal("in"),
        value: z
          .array(scalarSchema)
          .check(
            z.minLength(1, zodMessage("`in` needs at least one value", "至少须有一个值（in）")),
            z.maxLength(50),
          ),
      }),
      z.strictObject({ field: fieldSchema, op: z.enum(["gte", "lte", "gt", "lt"]), value: z.number() }),
      z.strictObject({ field: fieldSchema, op: z.literal("onOrAfter"), value: dateSchema }),
      z.strictObject({
        field: fieldSchema,
        op: z.literal("withinMonths"),
        value: z
          .int()
          .check(
            z.gte(
              1,
              zodMessage("withinMonths needs a positive integer", "须为正整数（withinMonths 的月数）"),
            ),
            z.lte(MAX_WITHIN_MONTHS),
          ),
      }),
    ])
    .check(
      z.superRefine((condition, ctx) => {
        const spec = PROFILE_FIELDS[condition.field];
        const where = `field ${condition.field} is ${describe(spec)}`;
        const field = FIELD_LABELS[condition.field] ?? condition.field;
        const whereZh = `字段“${field}”（${condition.field}）应为${describeZh(spec)}`;
        const misfit = { en: `value does not fit: ${where}`, zh: `与条件字段不符：${whereZh}` };
        /** The operator needs a field of another type (`kind`: numeric / 数值, date / 日期). */
        const wrongField = (kind: { en: string; zh: string }) => ({
          en: `${condition.op} needs a ${kind.en} field; ${where}`,
          zh: `“${condition.op}”只能用于${kind.zh}字段，而${whereZh}`,
        });
        switch (condition.op) {
          case "eq":
          case "ne":
            if (!fits(spec, condition.value)) ctx.addIssue(customIssue(["value"], misfit));
            return;
          case "in":
            condition.value.forEach((v, i) => {
              if (!fits(spec, v)) ctx.addIssue(customIssue(["value", i], misfit));
            });
            return;
          case "gte":
          case "lte":
          case "gt":
          case "lt":
            if (spec.type !== "number")
              ctx.addIssue(customIssue(["op"], wrongField({ en: "numeric", zh: "数值" })));
            return;
          case "onOrAfter":
          case "withinMonths":
            if (spec.type !== "date")
              ctx.addIssue(customIssue(["op"], wrongField({ en: "date", zh: "日期" })));
            return;
        }
      }),
    );
});

export type Condition = z.infer<typeof conditionSchema>;
export type Scalar = z.infer<typeof scalarSchema>;

/** Why a condition failed: the condition itself and what the profile had (`"missing"` if nothing). */
export interface UnmetCondition {
  field: string;
  op: Operator;
  value: unknown;
  actual: unknown;
  /** tiered programs with no tier holding: the tier whose condition this is */
  tier?: string;
}

function holds(condition: Condition, actual: unknown, date: string): boolean {
  switch (condition.op) {
    case "eq":
      return actual === condition.value;
    case "ne":
      return actual !== condition.value;
    case "in":
      return condition.value.some((v) => v === actual);
    case "gte":
      return typeof actual === "number" && actual >= condition.value;
    case "lte":
      return typeof actual === "number" && actual <= condition.value;
    case "gt":
      return typeof actual === "number" && actual > condition.value;
    case "lt":
      return typeof actual === "number" && actual < condition.value;
    case "onOrAfter":
      return isDate(actual) && actual >= condition.value;
    case "withinMonths":
      return isDate(actual) && actual <= date && actual >= subtractMonths(date, condition.value);
  }
}

/** `undefined` when the condition holds for the profile on `date`, else the reason it does not. */
export function evaluateCondition(
  condition: Condition,
  profile: Profile,
  date: string,
): UnmetCondition | undefined {
  const field: ProfileField = condition.field;
  const actual: unknown = Object.hasOwn(profile, field) ? profile[field] : undefined;
  if (actual === undefined) return { field, op: condition.op, value: condition.value, actual: MISSING };
  return holds(condition, actual, date)
    ? undefined
    : { field, op: condition.op, value: condition.value, actual };
}

/** Every unmet condition (all are evaluated; none is skipped after the first failure). */
export function unmetConditions(
  conditions: readonly Condition[],
  profile: Profile,
  date: string,
): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  for (const condition of conditions) {
    const reason = evaluateCondition(condition, profile, date);
    if (reason) unmet.push(reason);
  }
  return unmet;
}
