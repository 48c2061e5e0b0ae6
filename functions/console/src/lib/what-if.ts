/**
 * 模拟测算 on 考评结果: what the user typed over a run's rules and units, the overrides the API's
 * dry run takes from it (only what was typed, as numbers), and the comparison of the dry run with
 * the run. Everything computed of the score is the API's; this only shapes input and output.
 */
import type { Body, Response } from "../api/contract";
import { parseNumber } from "./numbers";

export type Run = Response<"getScoringRun">;
export type RunResult = Run["results"][number];
export type DryRun = Extract<Response<"createScoringRun">, { dryRun: true }>;
export type Overrides = NonNullable<NonNullable<Body<"createScoringRun">>["overrides"]>;

/** the rulebook a run was computed with, as its inputs hold it */
export interface RunRulebook {
  indicators: Array<{
    code: string;
    name: string;
    unit?: string;
    weight: number;
    method: "ratio" | "ceiling";
    cap?: number;
    tolerance?: number;
  }>;
  reviewItems?: Array<{ code: string; name: string; maxScore: number }>;
  grades: Array<{ name: string; minScore: number }>;
  gradeQuotas?: Record<string, number>;
  bonusMax?: number;
  deductionMax?: number;
  title: string;
  documentNo: string;
}

export function runRulebook(run: Run | undefined): RunRulebook | undefined {
  return run?.inputs.rulebook.rulebook as RunRulebook | undefined;
}

/** the rules as typed (empty: as the run had them) */
export interface RuleEdits {
  weights: Record<string, string>;
  caps: Record<string, string>;
  tolerances: Record<string, string>;
  thresholds: Record<string, string>;
  quotas: Record<string, string>;
  noQuota: Record<string, boolean>;
  bonusMax: string;
  deductionMax: string;
}

/** one unit's figures as typed, by indicator and review item code */
export interface UnitEdits {
  targets: Record<string, string>;
  actuals: Record<string, string>;
  items: Record<string, string>;
}

export function emptyRuleEdits(): RuleEdits {
  return {
    weights: {},
    caps: {},
    tolerances: {},
    thresholds: {},
    quotas: {},
    noQuota: {},
    bonusMax: "",
    deductionMax: "",
  };
}

export function hasUnitEdits(e: UnitEdits): boolean {
  return [e.targets, e.actuals, e.items].some((m) => Object.values(m).some((v) => v.trim() !== ""));
}

function numberOf(text: string | undefined): number | undefined {
  const parsed = parseNumber(text ?? "");
  return parsed.kind === "number" ? parsed.value : undefined;
}

/** The id of the field for an API error path (`body.overrides.weights.X` → `wi-body-overrides-weights-X`). */
export function whatIfFieldId(path: string): string {
  return `wi-${path.replace(/[^\w]+/g, "-")}`;
}

/** Only what was typed, as numbers (what is not a number is sent as typed: the API names it). */
export function overridesOf(rules: RuleEdits, unitEdits: Record<string, UnitEdits>): Overrides {
  const out: Overrides = {};
  const pick = (m: Record<string, string>) => {
    const entries = Object.entries(m).filter(([, v]) => v.trim() !== "");
    return entries.length
      ? Object.fromEntries(entries.map(([k, v]) => [k, numberOf(v) ?? (v as unknown as number)]))
      : undefined;
  };
  const weights = pick(rules.weights);
  const caps = pick(rules.caps);
  const tolerances = pick(rules.tolerances);
  const thresholds = pick(rules.thresholds);
  if (weights) out.weights = weights;
  if (caps) out.caps = caps;
  if (tolerances) out.tolerances = tolerances;
  if (thresholds) out.thresholds = thresholds;
  const quotas: Record<string, number | null> = {};
  for (const [name, v] of Object.entries(rules.quotas)) {
    const n = numberOf(v);
    if (v.trim() !== "")
      quotas[name] = n === undefined ? (v as unknown as number) : Number((n / 100).toFixed(6));
  }
  for (const [name, off] of Object.entries(rules.noQuota)) if (off) quotas[name] = null;
  if (Object.keys(quotas).length) out.quotas = quotas;
  if (rules.bonusMax.trim()) out.bonusMax = numberOf(rules.bonusMax) ?? (rules.bonusMax as unknown as number);
  if (rules.deductionMax.trim())
    out.deductionMax =
      rules.deductionMax.trim() === "不限"
        ? null
        : (numberOf(rules.deductionMax) ?? (rules.deductionMax as unknown as number));
  const targets: NonNullable<Overrides["targets"]> = {};
  const actuals: NonNullable<Overrides["actuals"]> = {};
  const reviews: NonNullable<Overrides["reviews"]> = {};
  for (const [t, e] of Object.entries(unitEdits)) {
    const tg = pick(e.targets);
    const ac = pick(e.actuals);
    const it = pick(e.items);
    if (tg) targets[t] = tg;
    if (ac) actuals[t] = ac;
    if (it) reviews[t] = { items: it };
  }
  if (Object.keys(targets).length) out.targets = targets;
  if (Object.keys(actuals).length) out.actuals = actuals;
  if (Object.keys(reviews).length) out.reviews = reviews;
  return out;
}

export interface ComparisonRow {
  base: RunResult;
  whatIf: DryRun["results"][number] | undefined;
  changed: boolean;
  rankMoved: boolean;
  gradeMoved: boolean;
  totalMoved: boolean;
}

/** every unit of the run in its rank order, beside its dry-run result, with what moved */
export function compareDryRun(results: readonly RunResult[], dry: DryRun): ComparisonRow[] {
  const after = new Map(dry.results.map((r) => [r.tenantId, r]));
  const moved = new Set(dry.changes.map((c) => c.tenantId));
  return [...results]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => {
      const w = after.get(r.tenantId);
      const rankMoved = w !== undefined && w.rank !== r.rank;
      const gradeMoved = w !== undefined && w.grade !== r.grade;
      const totalMoved = w !== undefined && (w.exactTotal ?? w.total) !== (r.exactTotal ?? r.total);
      return { base: r, whatIf: w, changed: moved.has(r.tenantId), rankMoved, gradeMoved, totalMoved };
    });
}

export function changeText(row: ComparisonRow): string {
  if (!row.whatIf) return "";
  const parts: string[] = [];
  if (row.totalMoved) parts.push(`总分 ${row.base.total} → ${row.whatIf.total}`);
  if (row.rankMoved) parts.push(`名次 ${row.base.rank} → ${row.whatIf.rank}`);
  if (row.gradeMoved) parts.push(`等次 ${row.base.grade} → ${row.whatIf.grade}`);
  return parts.join("；");
}

export function gradeCountText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([g, n]) => `${g} ${n}`)
    .join(" · ");
}
