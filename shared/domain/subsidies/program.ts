/**
 * A subsidy program (provincial baseline or a city's local program), per `shared/domain/subsidies/subsidies.md`:
 *
 * - `fixed`: `params.amount`;
 * - `tiered`: `params.tiers[]` of `{key, when[], amount}` — unique keys; the first tier whose
 *   conditions all hold gives the amount (an empty `when` always holds: a catch-all last tier);
 *   no tier holds → not eligible;
 * - `per_unit`: `params.rate` yuan per unit of the numeric profile field `params.unitsField`,
 *   optional `params.cap`: amount = min(rate × units, cap), rounded half-up to the fen.
 *
 * Money is yuan ≥ 0 with at most 2 decimals (and ≤ 1,000,000,000 to keep nonsense out).
 * `terms` are non-money numbers shown with a result, never summed (e.g. interest-subsidy years).
 * `topUpLimits[path].max` caps what a city may raise the value at `path` to; it must be ≥ the
 * program's own value there.
 */
import * as z from "zod/mini";
import { dec } from "../../lib/decimal";
import { singleLineText } from "../../lib/safe-text";
import { customIssue, zodMessage } from "../../lib/zod-text";
import { codeString } from "../codes";
import type { Condition } from "./conditions";
import { conditionSchema } from "./conditions";
import { dateSchema } from "./dates";
import { PROFILE_FIELD_NAMES, PROFILE_FIELDS } from "./profile";
import { versionMetaShape } from "./versions";

export const MONEY_MAX = 1_000_000_000;

/** Like every schema here, built on first use (`z.lazy`): importing this module builds nothing. */
export const codeSchema = z.lazy(() =>
  codeString({
    en: "must be snake_case (a-z, 0-9, _), ≤ 64 characters",
    zh: "须为小写字母开头的代码（仅含 a-z、0-9 和 _，不超过64个字符）",
  }),
);

/** Term names: identifiers such as `interestSubsidyMarginPp`. */
export const TERM_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

const text = (max: number) => singleLineText(max);

/** Does a number have at most 2 decimals (exactly, not by floating-point arithmetic)? */
export function hasAtMostTwoDecimals(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const exact = dec(value);
  return exact.round(2).eq(exact);
}

export function isMoney(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= MONEY_MAX && hasAtMostTwoDecimals(value);
}

export const moneySchema = z.lazy(() =>
  z
    .number()
    .check(
      z.gte(0, zodMessage("money must be ≥ 0", "不能小于0元")),
      z.lte(MONEY_MAX, zodMessage(`money must be ≤ ${MONEY_MAX}`, `不能超过${MONEY_MAX}元`)),
      z.refine(
        hasAtMostTwoDecimals,
        zodMessage("money has at most 2 decimals", "最多保留两位小数（精确到分）"),
      ),
    ),
);

export const termValueSchema = z.lazy(() =>
  z.number().check(z.gte(0, zodMessage("a term must be ≥ 0", "不能小于0"))),
);

/** The legal source of a program or top-up: document number (文号) or title, and the clause. */
export const basisSchema = z.lazy(() =>
  z.strictObject({
    document: text(200),
    clause: z.optional(text(50)),
  }),
);
export type Basis = z.infer<typeof basisSchema>;

export const tierSchema = z.lazy(() =>
  z.strictObject({
    key: codeSchema,
    when: z.array(conditionSchema).check(z.maxLength(20)),
    amount: moneySchema,
  }),
);
export type Tier = z.infer<typeof tierSchema>;

export const fixedParamsSchema = z.lazy(() => z.strictObject({ amount: moneySchema }));
export const tieredParamsSchema = z.lazy(() =>
  z.strictObject({
    tiers: z
      .array(tierSchema)
      .check(
        z.minLength(1, zodMessage("a tiered program needs at least one tier", "至少须有一档（分档类项目）")),
        z.maxLength(20),
      ),
  }),
);
export const perUnitParamsSchema = z.lazy(() =>
  z.strictObject({
    rate: moneySchema,
    unitsField: z.enum(PROFILE_FIELD_NAMES),
    cap: z.optional(moneySchema),
  }),
);
export type FixedParams = z.infer<typeof fixedParamsSchema>;
export type TieredParams = z.infer<typeof tieredParamsSchema>;
export type PerUnitParams = z.infer<typeof perUnitParamsSchema>;

export const KINDS = ["fixed", "tiered", "per_unit"] as const;
export type Kind = (typeof KINDS)[number];
export const BENEFITS = ["grant", "loan"] as const;
/** `grant`: money paid; `loan`: maximum principal of a guaranteed loan (never added to grants). */
export type Benefit = (typeof BENEFITS)[number];

/** The fields every kind of program has (see `programShapes`). */
function commonShape() {
  return {
    code: codeSchema,
    name: text(100),
    basis: basisSchema,
    benefit: z.enum(BENEFITS),
    terms: z.optional(
      z.record(
        z
          .string()
          .check(
            z.regex(
              TERM_NAME_PATTERN,
              zodMessage("must be an identifier", "须为字母开头的标识（仅含字母、数字和 _）"),
            ),
          ),
        termValueSchema,
      ),
    ),
    eligibility: z.array(conditionSchema).check(z.maxLength(50)),
    topUpLimits: z.optional(
      z.record(
        z.string().check(z.minLength(1), z.maxLength(100)),
        z.strictObject({ max: z.number().check(z.gte(0)) }),
      ),
    ),
    effectiveFrom: dateSchema,
    effectiveTo: z.optional(z.nullable(dateSchema)),
  };
}

/** Kind and params of a program, correlated (narrow on `kind` to type `params`). */
export type KindParams =
  | { kind: "fixed"; params: FixedParams }
  | { kind: "tiered"; params: TieredParams }
  | { kind: "per_unit"; params: PerUnitParams };

/** The value a parameter path resolves to in a program, or why it does not resolve (`zh`: the same in Chinese). */
export type PathResolution =
  | { ok: true; value: number; money: boolean }
  | { ok: false; message: string; zh: string };

/** Each kind of program as bureau staff name it. */
export const KIND_ZH: Readonly<Record<Kind, string>> = {
  fixed: "定额类（fixed）",
  tiered: "分档类（tiered）",
  per_unit: "按量计补类（per_unit）",
};

/** A top-up path as bureau staff name it: 补贴金额, “graduate”档的金额, 附加条款“years”. */
export function parameterLabel(path: string): string {
  if (path === "amount") return "补贴金额";
  if (path === "rate") return "补贴单价";
  if (path === "cap") return "补贴封顶金额";
  if (path.startsWith("tiers.")) return `“${path.slice("tiers.".length)}”档的金额`;
  if (path.startsWith("terms.")) return `附加条款“${path.slice("terms.".length)}”`;
  return `“${path}”`;
}

/**
 * Resolve a top-up path (`amount`, `rate`, `cap`, `tiers.<key>`, `terms.<name>`) in a program.
 * A path that does not fit the program's kind, an unknown tier key or term, and `cap` on a
 * per-unit program without a cap (no cap = unlimited; a city may not introduce one) do not
 * resolve.
 */
export function resolvePath(
  program: KindParams & { terms?: Readonly<Record<string, number>> | undefined },
  path: string,
): PathResolution {
  if (path === "amount") {
    return program.kind === "fixed"
      ? { ok: true, value: program.params.amount, money: true }
      : {
          ok: false,
          message: `amount applies to fixed programs; this one is ${program.kind}`,
          zh: `补贴金额（amount）只适用于${KIND_ZH.fixed}项目，该项目为${KIND_ZH[program.kind]}`,
        };
  }
  if (path === "rate" || path === "cap") {
    if (program.kind !== "per_unit")
      return {
        ok: false,
        message: `${path} applies to per_unit programs; this one is ${program.kind}`,
        zh: `${parameterLabel(path)}（${path}）只适用于${KIND_ZH.per_unit}项目，该项目为${KIND_ZH[program.kind]}`,
      };
    if (path === "rate") return { ok: true, value: program.params.rate, money: true };
    return program.params.cap === undefined
      ? {
          ok: false,
          message: "the provincial program has no cap (unlimited); a cap cannot be added",
          zh: "省级项目未设封顶金额（不封顶），不能增设封顶",
        }
      : { ok: true, value: program.params.cap, money: true };
  }
  if (path.startsWith("tiers.")) {
    if (program.kind !== "tiered")
      return {
        ok: false,
        message: `tiers apply to tiered programs; this one is ${program.kind}`,
        zh: `档次金额只适用于${KIND_ZH.tiered}项目，该项目为${KIND_ZH[program.kind]}`,
      };
    const key = path.slice("tiers.".length);
    const tier = program.params.tiers.find((t) => t.key === key);
    const keys = program.params.tiers.map((t) => t.key);
    return tier
      ? { ok: true, value: tier.amount, money: true }
      : {
          ok: false,
          message: `no tier '${key}'; tiers: ${keys.join(", ")}`,
          zh: `没有“${key}”档；现有档次：${keys.join("、")}`,
        };
  }
  if (path.startsWith("terms.")) {
    const name = path.slice("terms.".length);
    const terms = program.terms ?? {};
    const value = Object.hasOwn(terms, name) ? terms[name] : undefined;
    const names = Object.keys(terms);
    return value === undefined
      ? {
          ok: false,
          message: `no term '${name}'; terms: ${names.join(", ") || "(none)"}`,
          zh: `没有附加条款“${name}”；现有附加条款：${names.join("、") || "（无）"}`,
        }
      : { ok: true, value, money: false };
  }
  return {
    ok: false,
    message: "unknown path; use amount, rate, cap, tiers.<key> or terms.<name>",
    zh: "无法识别的参数路径；可用 amount（补贴金额）、rate（补贴单价）、cap（补贴封顶金额）、tiers.<档次代码> 或 terms.<附加条款名>",
  };
}

type RefinementContext = {
  addIssue: (issue: ReturnType<typeof customIssue>) => void;
};

interface ProgramLike extends Record<string, unknown> {
  terms?: Record<string, number> | undefined;
  topUpLimits?: Record<string, { max: number }> | undefined;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  eligibility: Condition[];
}

/** effectiveTo before effectiveFrom (a program's, a top-up's). */
export const EFFECTIVE_DATES = {
  en: "effectiveTo must be on or after effectiveFrom",
  zh: "不能早于生效日期",
} as const;

function checkProgram(program: ProgramLike & KindParams, ctx: RefinementContext): void {
  if (
    program.effectiveTo !== undefined &&
    program.effectiveTo !== null &&
    program.effectiveTo < program.effectiveFrom
  )
    ctx.addIssue(customIssue(["effectiveTo"], EFFECTIVE_DATES));
  if (program.kind === "tiered") {
    const seen = new Set<string>();
    program.params.tiers.forEach((tier, i) => {
      if (seen.has(tier.key))
        ctx.addIssue(
          customIssue(["params", "tiers", i, "key"], {
            en: `duplicate tier key '${tier.key}'`,
            zh: `“${tier.key}”与前面的档次重复`,
          }),
        );
      seen.add(tier.key);
    });
  }
  if (program.kind === "per_unit" && PROFILE_FIELDS[program.params.unitsField].type !== "number")
    ctx.addIssue(
      customIssue(["params", "unitsField"], {
        en: `unitsField must be a numeric profile field; ${program.params.unitsField} is not`,
        zh: `须为数值型的申请人字段，“${program.params.unitsField}”不是`,
      }),
    );
  for (const [path, limit] of Object.entries(program.topUpLimits ?? {})) {
    const resolved = resolvePath(program, path);
    if (!resolved.ok) {
      ctx.addIssue(customIssue(["topUpLimits", path], { en: resolved.message, zh: `无效：${resolved.zh}` }));
      continue;
    }
    if (limit.max < resolved.value)
      ctx.addIssue(
        customIssue(["topUpLimits", path, "max"], {
          en: `the limit must be ≥ the program's own value ${resolved.value}`,
          zh: `不能低于该项目本身的标准${resolved.value}`,
        }),
      );
    if (resolved.money && !isMoney(limit.max))
      ctx.addIssue(
        customIssue(["topUpLimits", path, "max"], {
          en: "money has at most 2 decimals",
          zh: "须为不小于0的金额，最多保留两位小数（精确到分）",
        }),
      );
  }
}

/**
 * The fields of each kind of program — fixed, tiered, per_unit — built fresh on each call. A
 * discriminated union needs its options as object schemas, so the unions of programs (here and in
 * the API) build them from these shapes inside their lazy builders.
 */
export function programShapes() {
  const common = commonShape();
  return [
    { ...common, kind: z.literal("fixed"), params: fixedParamsSchema },
    { ...common, kind: z.literal("tiered"), params: tieredParamsSchema },
    { ...common, kind: z.literal("per_unit"), params: perUnitParamsSchema },
  ] as const;
}

export const programSchema = z.lazy(() => {
  const [fixed, tiered, perUnit] = programShapes();
  return z
    .discriminatedUnion("kind", [z.strictObject(fixed), z.strictObject(tiered), z.strictObject(perUnit)])
    .check(z.superRefine((program, ctx) => checkProgram(program, ctx)));
});

/** A stored version of a program: the program plus `version` and `writtenAt` (still strict). */
export const programVersionSchema = z.lazy(() => {
  const [fixed, tiered, perUnit] = programShapes();
  const meta = versionMetaShape();
  return z
    .discriminatedUnion("kind", [
      z.strictObject({ ...fixed, ...meta }),
      z.strictObject({ ...tiered, ...meta }),
      z.strictObject({ ...perUnit, ...meta }),
    ])
    .check(z.superRefine((program, ctx) => checkProgram(program, ctx)));
});

export type Program = z.infer<typeof programSchema>;
export type ProgramVersion = z.infer<typeof programVersionSchema>;
export type FixedProgram = Extract<Program, { kind: "fixed" }>;
export type TieredProgram = Extract<Program, { kind: "tiered" }>;
export type PerUnitProgram = Extract<Program, { kind: "per_unit" }>;

/** A program's `{kind, params}`, typed together. */
export function kindParamsOf(program: Program): KindParams {
  switch (program.kind) {
    case "fixed":
      return { kind: "fixed", params: program.params };
    case "tiered":
      return { kind: "tiered", params: program.params };
    case "per_unit":
      return { kind: "per_unit", params: program.params };
  }
}
