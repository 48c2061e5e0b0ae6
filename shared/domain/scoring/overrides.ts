/**
 * What-if overrides for a dry-run scoring run: change weights, caps, tolerances, grade thresholds,
 * quotas, targets, year-end actuals, review scores, bonuses, deductions and vetoes, and the
 * bonus/deduction limits without touching the stored inputs.
 */
import * as z from "zod/mini";
import { dec } from "../../lib/decimal";
import { fieldLabel } from "../../lib/labels";
import { zhIssue, zhProblem, zodMessage } from "../../lib/zod-text";
import { adjustmentSchema, type Review, vetoSchema } from "../review";
import type { Rulebook } from "../rulebook";
import { rulebookSchema } from "../rulebook";
import type { ScoringInput } from "./types";

/** Built on first use (`z.lazy`), so importing this module builds nothing. */
export const overridesSchema = z.lazy(() =>
  z.strictObject({
    /** indicator code -> weight */
    weights: z.optional(z.record(z.string(), z.number())),
    /** ratio indicator code -> cap */
    caps: z.optional(z.record(z.string(), z.number())),
    /** ceiling indicator code -> tolerance */
    tolerances: z.optional(z.record(z.string(), z.number())),
    /** grade name -> minScore */
    thresholds: z.optional(z.record(z.string(), z.number())),
    /** grade name -> quota share; null removes the grade's quota */
    quotas: z.optional(z.record(z.string(), z.nullable(z.number()))),
    /** tenant id -> indicator code -> target (merged into the tenant's targets) */
    targets: z.optional(
      z.record(
        z.string(),
        z.record(z.string(), z.number().check(z.gt(0, zodMessage("a target must be > 0", "须大于0")))),
      ),
    ),
    /**
     * tenant id -> indicator code -> the year-end actual: scored as the value of the year's
     * December report (merged into it, so the line is final)
     */
    actuals: z.optional(z.record(z.string(), z.record(z.string(), z.number()))),
    /**
     * tenant id -> review changes: item scores are merged into the review's; bonuses and
     * deductions, when given, replace the review's lists; a veto is set, or removed with null
     */
    reviews: z.optional(
      z.record(
        z.string(),
        z.strictObject({
          items: z.optional(
            z.record(z.string(), z.number().check(z.gte(0, zodMessage("a score must be >= 0", "须不小于0")))),
          ),
          bonuses: z.optional(z.array(adjustmentSchema).check(z.maxLength(100))),
          deductions: z.optional(z.array(adjustmentSchema).check(z.maxLength(100))),
          veto: z.optional(z.nullable(vetoSchema)),
        }),
      ),
    ),
    bonusMax: z.optional(z.number()),
    /** null removes the limit */
    deductionMax: z.optional(z.nullable(z.number())),
  }),
);

export type Overrides = z.output<typeof overridesSchema>;

export interface OverrideError {
  path: string;
  message: string;
  /** the message in Chinese, naming indicators and grades by their names */
  zh: string;
}

const joinPath = (path: ReadonlyArray<PropertyKey>): string => path.map((p) => String(p)).join(".");

/**
 * Where a rulebook issue came from: the override that set the field when there is one
 * (e.g. `indicators.2.weight` → `overrides.weights.<code>`), else `overrides.<rulebook path>`.
 */
function overridePathOf(path: ReadonlyArray<PropertyKey>, rulebook: Rulebook, overrides: Overrides): string {
  const [section, index, field] = path;
  if (section === "indicators" && typeof index === "number") {
    const code = rulebook.indicators[index]?.code;
    const key =
      field === "weight" ? "weights" : field === "cap" ? "caps" : field === "tolerance" ? "tolerances" : null;
    const set = key ? overrides[key] : undefined;
    if (key && code !== undefined && set && Object.hasOwn(set, code)) return `overrides.${key}.${code}`;
  }
  if (section === "grades" && typeof index === "number" && field === "minScore") {
    const name = rulebook.grades[index]?.name;
    if (name !== undefined && overrides.thresholds && Object.hasOwn(overrides.thresholds, name))
      return `overrides.thresholds.${name}`;
  }
  if (
    section === "gradeQuotas" &&
    typeof index === "string" &&
    overrides.quotas &&
    Object.hasOwn(overrides.quotas, index)
  )
    return `overrides.quotas.${index}`;
  if ((section === "bonusMax" || section === "deductionMax") && overrides[section] !== undefined)
    return `overrides.${section}`;
  return `overrides.${joinPath(path)}`;
}

/** The Chinese of an issue of the overridden rulebook, naming the indicator or grade it is about. */
function rulebookIssueZh(issue: z.core.$ZodIssue, rulebook: Rulebook): string {
  const [section, index, ...rest] = issue.path;
  if (section === "indicators" && typeof index === "number" && rest.length > 0) {
    const name = rulebook.indicators[index]?.name;
    if (name !== undefined) return `${name}的${fieldLabel("body", rest)}${zhProblem(issue)}`;
  }
  if (section === "grades" && typeof index === "number" && rest.length > 0) {
    const name = rulebook.grades[index]?.name;
    if (name !== undefined) return `等次“${name}”的${fieldLabel("body", rest)}${zhProblem(issue)}`;
  }
  return zhIssue(issue, "body", issue.path);
}

/**
 * The input with the overrides applied (the given input is not changed), or the errors: unknown
 * indicator codes, grade names and tenant ids (with their paths, e.g. `overrides.weights.foo`),
 * a tolerance on a ratio indicator, and every issue of the overridden rulebook under `rulebookSchema`.
 */
export function applyOverrides(
  input: ScoringInput,
  overrides: unknown,
): { input: ScoringInput } | { errors: OverrideError[] } {
  const parsed = overridesSchema.safeParse(overrides);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        path: joinPath(["overrides", ...issue.path]),
        message: issue.message,
        zh: zhIssue(issue, "body", ["overrides", ...issue.path]),
      })),
    };
  }
  const o = parsed.data;
  const errors: OverrideError[] = [];
  const rulebook: Rulebook = structuredClone(input.rulebook);
  const indicators = new Map(rulebook.indicators.map((ind) => [ind.code, ind]));
  const grades = new Map(rulebook.grades.map((g) => [g.name, g]));

  const perIndicator = (
    key: "weights" | "caps" | "tolerances",
    set: (code: string, value: number) => void,
  ) => {
    for (const [code, value] of Object.entries(o[key] ?? {})) {
      if (!indicators.has(code))
        errors.push({
          path: `overrides.${key}.${code}`,
          message: `no indicator '${code}'`,
          zh: `考评细则中没有指标“${code}”`,
        });
      else set(code, value);
    }
  };
  perIndicator("weights", (code, value) => {
    const ind = indicators.get(code);
    if (ind) ind.weight = value;
  });
  perIndicator("caps", (code, value) => {
    const ind = indicators.get(code);
    if (ind) ind.cap = value;
  });
  perIndicator("tolerances", (code, value) => {
    const ind = indicators.get(code);
    if (!ind) return;
    if (ind.method !== "ceiling")
      errors.push({
        path: `overrides.tolerances.${code}`,
        message: "tolerance applies to ceiling indicators only",
        zh: `${ind.name}不是控制类（ceiling）指标，不能设置容差`,
      });
    else ind.tolerance = value;
  });

  for (const [name, minScore] of Object.entries(o.thresholds ?? {})) {
    const grade = grades.get(name);
    if (!grade)
      errors.push({
        path: `overrides.thresholds.${name}`,
        message: `no grade '${name}'`,
        zh: `考评细则中没有等次“${name}”`,
      });
    else grade.minScore = minScore;
  }

  if (o.quotas) {
    const quotas: Record<string, number> = { ...(rulebook.gradeQuotas ?? {}) };
    for (const [name, share] of Object.entries(o.quotas)) {
      if (!grades.has(name))
        errors.push({
          path: `overrides.quotas.${name}`,
          message: `no grade '${name}'`,
          zh: `考评细则中没有等次“${name}”`,
        });
      else if (share === null) delete quotas[name];
      else quotas[name] = share;
    }
    if (Object.keys(quotas).length > 0) rulebook.gradeQuotas = quotas;
    else delete rulebook.gradeQuotas;
  }

  if (o.bonusMax !== undefined) rulebook.bonusMax = o.bonusMax;
  if (o.deductionMax === null) delete rulebook.deductionMax;
  else if (o.deductionMax !== undefined) rulebook.deductionMax = o.deductionMax;

  const tenantIds = new Set(input.tenants.map((t) => t.tenantId));
  for (const [tenantId, targets] of Object.entries(o.targets ?? {})) {
    if (!tenantIds.has(tenantId)) {
      errors.push({
        path: `overrides.targets.${tenantId}`,
        message: `no tenant '${tenantId}' in this run`,
        zh: `本次考评不包括单位“${tenantId}”`,
      });
      continue;
    }
    for (const code of Object.keys(targets)) {
      if (!indicators.has(code))
        errors.push({
          path: `overrides.targets.${tenantId}.${code}`,
          message: `no indicator '${code}'`,
          zh: `考评细则中没有指标“${code}”`,
        });
    }
  }

  errors.push(...unitOverrideErrors(o, tenantIds, indicators, rulebook));

  if (errors.length > 0) return { errors };

  const checked = rulebookSchema.safeParse(rulebook);
  if (!checked.success) {
    return {
      errors: checked.error.issues.map((issue) => ({
        path: overridePathOf(issue.path, rulebook, o),
        message: issue.message,
        zh: rulebookIssueZh(issue, rulebook),
      })),
    };
  }

  const ownEntry = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
    record && Object.hasOwn(record, key) ? record[key] : undefined;
  const december = `${input.year}-12`;
  const tenants = input.tenants.map((t) => {
    let next = t;
    const targets = ownEntry(o.targets, t.tenantId);
    if (targets) next = { ...next, targets: { ...next.targets, ...targets } };
    const actuals = ownEntry(o.actuals, t.tenantId);
    if (actuals) {
      const yearEnd = ownEntry(next.reports, december) ?? {};
      next = { ...next, reports: { ...next.reports, [december]: { ...yearEnd, ...actuals } } };
    }
    const review = ownEntry(o.reviews, t.tenantId);
    if (review) {
      const current: Review = next.review ?? { items: {}, bonuses: [], deductions: [] };
      const { veto: currentVeto, ...rest } = current;
      const veto = review.veto === undefined ? currentVeto : (review.veto ?? undefined);
      next = {
        ...next,
        review: {
          ...rest,
          items: { ...current.items, ...(review.items ?? {}) },
          bonuses: review.bonuses ?? current.bonuses,
          deductions: review.deductions ?? current.deductions,
          ...(veto ? { veto } : {}),
        },
      };
    }
    return next;
  });
  return { input: { ...input, rulebook: checked.data, tenants } };
}

/**
 * One error of the actuals and reviews overrides, in English and (`zh`) in Chinese.
 */
function overrideError(path: string, message: string, zh: string): OverrideError {
  return { path, message, zh };
}

/** An override of a tenant the run does not score. */
function notInRun(path: string, tenantId: string): OverrideError {
  return overrideError(path, `no tenant '${tenantId}' in this run`, `本次考评不包括单位“${tenantId}”`);
}

/** The errors of the year-end actuals and review overrides: unknown tenants, indicators, review items; scores above full marks. */
function unitOverrideErrors(
  o: Overrides,
  tenantIds: ReadonlySet<string>,
  indicators: ReadonlyMap<string, { name: string }>,
  rulebook: Rulebook,
): OverrideError[] {
  const errors: OverrideError[] = [];
  for (const [tenantId, actuals] of Object.entries(o.actuals ?? {})) {
    if (!tenantIds.has(tenantId)) {
      errors.push(notInRun(`overrides.actuals.${tenantId}`, tenantId));
      continue;
    }
    for (const code of Object.keys(actuals)) {
      if (!indicators.has(code))
        errors.push(
          overrideError(
            `overrides.actuals.${tenantId}.${code}`,
            `no indicator '${code}'`,
            `考评细则中没有指标“${code}”`,
          ),
        );
    }
  }
  const items = new Map((rulebook.reviewItems ?? []).map((item) => [item.code, item]));
  for (const [tenantId, review] of Object.entries(o.reviews ?? {})) {
    if (!tenantIds.has(tenantId)) {
      errors.push(notInRun(`overrides.reviews.${tenantId}`, tenantId));
      continue;
    }
    for (const [code, score] of Object.entries(review.items ?? {})) {
      const item = items.get(code);
      if (!item)
        errors.push(
          overrideError(
            `overrides.reviews.${tenantId}.items.${code}`,
            `no review item '${code}'`,
            `考评细则中没有评审项目“${code}”`,
          ),
        );
      else if (dec(score).gt(dec(item.maxScore)))
        errors.push(
          overrideError(
            `overrides.reviews.${tenantId}.items.${code}`,
            `score ${score} is above the item's maxScore ${item.maxScore}`,
            `${item.name}的得分${score}超过满分${item.maxScore}`,
          ),
        );
    }
  }
  return errors;
}
