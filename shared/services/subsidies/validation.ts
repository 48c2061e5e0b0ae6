/**
 * The subsidies service's checks of a PUT body: what DynamoDB can store (400), a body `code` that
 * differs from the path's (400), the domain's cross-field rules of a program or a top-up
 * (`programSchema`, `topUpSchema` → 422), and a top-up against the provincial program it raises.
 */
import * as z from "zod/mini";
import type { StoredProgram } from "../../data/stores/subsidies";
import {
  type Program,
  pickInForce,
  programSchema,
  type TopUp,
  topUpSchema,
  validateTopUp,
} from "../../domain/subsidies";
import { BusinessRuleError, type FieldError, formatPath, ValidationError } from "../../lib/errors";
import { fieldLabel, ROUTE_LABELS, zhDate } from "../../lib/labels";
import { zhIssue } from "../../lib/zod-text";

function issuesAsErrors(
  issues: readonly z.core.$ZodIssue[],
  labels?: Readonly<Record<string, string>>,
): FieldError[] {
  return issues.map((issue) => ({
    path: formatPath("body", issue.path),
    message: issue.message && issue.message !== "Invalid input" ? issue.message : "not allowed",
    zh: zhIssue(issue, "body", issue.path, labels),
  }));
}

/** 422 for a body the domain's schema refuses: `what` names the entity in the first error's summary. */
function brokenRule(what: { en: string; zh: string }, errors: FieldError[]): BusinessRuleError {
  return new BusinessRuleError(
    {
      en: `the ${what.en} breaks a rule: ${errors[0]?.path}: ${errors[0]?.message}`,
      zh: `${what.zh}不符合规则：${errors[0]?.zh ?? ""}。`,
    },
    { errors },
  );
}

const DYNAMO_MIN = 1e-130;
const DYNAMO_MAX = 1e126;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * 400 when a value holds a number DynamoDB cannot store or a string that is not well-formed
 * UTF-16 (the request schemas allow both; the table does not).
 */
export function assertStorable(
  value: unknown,
  path = "body",
  labels?: Readonly<Record<string, string>>,
): void {
  const errors: FieldError[] = [];
  const walk = (v: unknown, at: string, segments: PropertyKey[]): void => {
    const label = () => fieldLabel(path, segments, labels);
    if (typeof v === "number") {
      const magnitude = Math.abs(v);
      if (!Number.isFinite(v) || (magnitude !== 0 && (magnitude < DYNAMO_MIN || magnitude >= DYNAMO_MAX)))
        errors.push({
          path: at,
          message: "the number is out of range (0, or 1e-130 ≤ |n| < 1e126)",
          zh: `${label()}超出可保存的数值范围（须为0，或绝对值在1e-130至1e126之间）`,
        });
    } else if (typeof v === "string") {
      if (LONE_SURROGATE.test(v))
        errors.push({
          path: at,
          message: "not well-formed Unicode text",
          zh: `${label()}含有无效的 Unicode 字符`,
        });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${at}[${i}]`, [...segments, i]);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(key))
          errors.push({
            path: at,
            message: "a key is not well-formed Unicode text",
            zh: `${label()}的键含有无效的 Unicode 字符`,
          });
        walk(item, `${at}.${key}`, [...segments, key]);
      }
    }
  };
  walk(value, path, []);
  if (errors.length > 0) {
    const first = errors[0];
    throw new ValidationError(
      { en: `${first?.path}: ${first?.message}`, zh: `${first?.zh ?? ""}。` },
      { errors: errors.slice(0, 20) },
    );
  }
}

/**
 * The program of a PUT: the body with the path's code, checked by the domain's `programSchema`
 * (its cross-field rules → 422).
 */
export function parseProgram(code: string, candidate: object): Program {
  const bodyCode = (candidate as { code?: unknown }).code;
  if (bodyCode !== undefined && bodyCode !== code) {
    const zh = `项目代码须与路径中的代码“${code}”一致（或不填）`;
    throw new ValidationError(
      { en: `body.code: must equal the path's code ${code} (or be left out)`, zh: `${zh}。` },
      { errors: [{ path: "body.code", message: `must equal the path's code ${code} (or be left out)`, zh }] },
    );
  }
  assertStorable(candidate);
  const parsed = z.safeParse(programSchema, { ...candidate, code });
  if (!parsed.success)
    throw brokenRule({ en: "program", zh: "补贴项目" }, issuesAsErrors(parsed.error.issues));
  return parsed.data;
}

/** A top-up as sent (the program code comes from the path). */
export type TopUpInput = Omit<TopUp, "programCode">;

/** The top-up of a PUT: the body with the path's program code, checked by the domain's `topUpSchema` (→ 422). */
export function parseTopUp(code: string, candidate: TopUpInput): TopUp {
  const labels = ROUTE_LABELS.putTopUp;
  assertStorable(candidate, "body", labels);
  const parsed = z.safeParse(topUpSchema, { ...candidate, programCode: code });
  if (!parsed.success) {
    const errors = issuesAsErrors(parsed.error.issues, labels).map((e) => ({
      ...e,
      baseline: null,
      limit: null,
    }));
    throw brokenRule({ en: "top-up", zh: "提标方案" }, errors);
  }
  return parsed.data;
}

/** A refused top-up value, as a 422 error item. */
export interface TopUpFieldError extends FieldError {
  baseline: number | null;
  limit: number | null;
}

/**
 * Check a top-up against the province's versions of its program: the version in force on the
 * top-up's `effectiveFrom` (the domain's `checkTopUp` rule), each override named
 * `body.overrides.<path>` with the baseline and limit.
 */
export function topUpErrors(
  provinceVersions: readonly StoredProgram[],
  topUp: TopUp,
  provinceId: string,
): TopUpFieldError[] {
  if (provinceVersions.length === 0)
    return [
      {
        path: "path.code",
        message: `province ${provinceId} has no subsidy program ${topUp.programCode}`,
        zh: `省份“${provinceId}”没有补贴项目“${topUp.programCode}”`,
        baseline: null,
        limit: null,
      },
    ];
  const program = pickInForce(provinceVersions, topUp.effectiveFrom);
  if (!program)
    return [
      {
        path: "body.effectiveFrom",
        message: `no version of ${topUp.programCode} is in force on ${topUp.effectiveFrom}`,
        zh: `${provinceVersions[0]?.name ?? topUp.programCode}在${zhDate(topUp.effectiveFrom)}没有有效的省级版本（提标方案不能早于省级项目生效）`,
        baseline: null,
        limit: null,
      },
    ];
  return validateTopUp(program, topUp.overrides).map((e) => ({
    path: `body.overrides.${e.path}`,
    message: e.message,
    zh: e.zh,
    baseline: e.baseline,
    limit: e.limit,
  }));
}
