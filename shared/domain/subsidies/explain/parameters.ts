/** The parameters of a program a city may top up (amount, rate, cap, tiers, terms), named and valued in Chinese. */
import type { Benefit, KindParams, Program } from "../program";
import { resolvePath } from "../program";
import { tierText } from "./conditions";
import { numberText, TERM_LABELS, unitOf, yuanText } from "./values";

/** One parameter of a program in a city's catalogue: the provincial value, the value in force here, the limit. */
export interface CatalogueParameter {
  /** the top-up path: `amount`, `rate`, `cap`, `tiers.<key>`, `terms.<name>` */
  path: string;
  /** Chinese name: 补贴金额, 每学时补贴标准, 档次“人员类别为高校毕业生…”的贷款额度, 全额贴息年限 */
  label: string;
  /** 元, 元/学时, 年, 个百分点, or "" */
  unit: string;
  /** money (yuan, at most 2 decimals) or a plain number (a term) */
  money: boolean;
  /** the provincial value (`null` for a local program) */
  baseline: number | null;
  /** the value in force in this city (the top-up applied) */
  value: number;
  /** `topUpLimits[path].max` of the provincial program, `null` when none is set (always for local programs) */
  limit: number | null;
  /** the city raised this value above the provincial one */
  raised: boolean;
  /** why the city's written value does not apply as written (clamped to the baseline or limit), else `null` */
  note: string | null;
}

type ProgramShape = KindParams & { benefit: Benefit; terms?: Readonly<Record<string, number>> | undefined };

/** Every top-up path of a program: amount | rate, cap | tiers.<key>… in tier order, then terms.<name>… by name. */
export function parameterPaths(
  program: KindParams & { terms?: Readonly<Record<string, number>> | undefined },
) {
  const paths: string[] = [];
  switch (program.kind) {
    case "fixed":
      paths.push("amount");
      break;
    case "per_unit":
      paths.push("rate");
      if (program.params.cap !== undefined) paths.push("cap");
      break;
    case "tiered":
      for (const tier of program.params.tiers) paths.push(`tiers.${tier.key}`);
      break;
  }
  // terms are a map (its order is not kept by storage): by name
  for (const name of Object.keys(program.terms ?? {}).sort()) paths.push(`terms.${name}`);
  return paths;
}

/** The Chinese name and unit of a parameter path in a program. */
export function parameterNameAndUnit(program: ProgramShape, path: string): { label: string; unit: string } {
  const what = program.benefit === "loan" ? "贷款额度" : "补贴金额";
  if (path === "amount") return { label: what, unit: "元" };
  if (path === "rate" && program.kind === "per_unit") {
    const unit = unitOf(program.params.unitsField) || "单位";
    return { label: `每${unit}补贴标准`, unit: `元/${unit}` };
  }
  if (path === "cap") return { label: `${what}封顶`, unit: "元" };
  if (path.startsWith("tiers.") && program.kind === "tiered") {
    const key = path.slice("tiers.".length);
    const tier = program.params.tiers.find((t) => t.key === key);
    return { label: `${tier ? tierText(tier.when) : `“${key}”档`}的${what}`, unit: "元" };
  }
  if (path.startsWith("terms.")) {
    const name = path.slice("terms.".length);
    const known = Object.hasOwn(TERM_LABELS, name) ? TERM_LABELS[name] : undefined;
    return known ? { label: known.label, unit: known.unit } : { label: `附加条款“${name}”`, unit: "" };
  }
  return { label: `“${path}”`, unit: "" };
}

function valueAt(program: ProgramShape, path: string): number | undefined {
  const resolved = resolvePath(program, path);
  return resolved.ok ? resolved.value : undefined;
}

function amountWithUnit(value: number, unit: string, money: boolean): string {
  return money && unit === "元" ? yuanText(value) : `${numberText(value)}${unit}`;
}

/**
 * The parameters of a catalogue entry. `effective`: the program's kind, params and terms in force
 * in the city (top-up applied); `baseline`: the provincial ones (`null` for a local program);
 * `limits`: the provincial program's `topUpLimits`; `written`: the city's overrides as written.
 */
export function describeParameters(input: {
  benefit: Benefit;
  effective: KindParams & { terms: Readonly<Record<string, number>> };
  baseline: (KindParams & { terms: Readonly<Record<string, number>> }) | null;
  limits: Program["topUpLimits"];
  written: Readonly<Record<string, number>> | null;
}): CatalogueParameter[] {
  const effective: ProgramShape = { ...input.effective, benefit: input.benefit };
  const baseline: ProgramShape | null = input.baseline ? { ...input.baseline, benefit: input.benefit } : null;
  const out: CatalogueParameter[] = [];
  for (const path of parameterPaths(baseline ?? effective)) {
    const value = valueAt(effective, path);
    if (value === undefined) continue;
    const base = baseline ? (valueAt(baseline, path) ?? null) : null;
    const money = !path.startsWith("terms.");
    const { label, unit } = parameterNameAndUnit(baseline ?? effective, path);
    const limits = baseline ? (input.limits ?? {}) : {};
    const limit = Object.hasOwn(limits, path) ? (limits[path]?.max ?? null) : null;
    const written = input.written && Object.hasOwn(input.written, path) ? input.written[path] : undefined;
    let note: string | null = null;
    if (written !== undefined && written !== value)
      note =
        written > value
          ? `本市提标至${amountWithUnit(written, unit, money)}，高于省级规定的提标上限，按上限${amountWithUnit(value, unit, money)}执行`
          : `本市提标值${amountWithUnit(written, unit, money)}低于现行省级标准，按省级标准${amountWithUnit(value, unit, money)}执行`;
    out.push({
      path,
      label,
      unit,
      money,
      baseline: base,
      value,
      limit,
      raised: base !== null && value > base,
      note,
    });
  }
  return out;
}
