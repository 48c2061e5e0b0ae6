/**
 * The rulebook (考评细则) as the console's form holds it — every number as the text typed — and
 * back: the form of a stored rulebook, the request body of a form, and the live checks that
 * answer while typing (weights, duplicate codes, thresholds strictly decreasing, …). The API's
 * 400 field errors remain the authority; these only answer sooner. Pure, no DOM.
 */
import type { Body, Response } from "../api/contract";
import { parseNumber } from "./numbers";

export type Rulebook = Response<"getRulebook">;
export type RulebookBody = Body<"putRulebook">;

export interface IndicatorRow {
  key: string;
  code: string;
  name: string;
  unit: string;
  /** "auto" = from the unit (％ → rate) */
  kind: "auto" | "count" | "rate";
  method: "ratio" | "ceiling";
  weight: string;
  cap: string;
  tolerance: string;
}

export interface ReviewItemRow {
  key: string;
  code: string;
  name: string;
  maxScore: string;
}

export interface GradeRow {
  key: string;
  name: string;
  minScore: string;
  /** the quota share as a percentage of the units scored ("40" = at most 40 %), "" = none */
  quota: string;
}

export interface RulebookForm {
  title: string;
  documentNo: string;
  reportingDeadlineDay: string;
  bonusMax: string;
  deductionMax: string;
  indicators: IndicatorRow[];
  reviewItems: ReviewItemRow[];
  grades: GradeRow[];
}

let counter = 0;
export const rowKey = (prefix: string) => `${prefix}${++counter}`;

const text = (n: number | undefined) => (n === undefined ? "" : String(n));
/** 0.4 → "40" (no binary noise: at most 4 decimals) */
const sharePercent = (share: number) => String(Number((share * 100).toFixed(4)));

export function emptyForm(): RulebookForm {
  return {
    title: "",
    documentNo: "",
    reportingDeadlineDay: "10",
    bonusMax: "",
    deductionMax: "",
    indicators: [emptyIndicator()],
    reviewItems: [],
    grades: [
      { key: rowKey("g"), name: "优秀", minScore: "90", quota: "" },
      { key: rowKey("g"), name: "良好", minScore: "80", quota: "" },
      { key: rowKey("g"), name: "合格", minScore: "60", quota: "" },
      { key: rowKey("g"), name: "不合格", minScore: "0", quota: "" },
    ],
  };
}

export function emptyIndicator(): IndicatorRow {
  return {
    key: rowKey("i"),
    code: "",
    name: "",
    unit: "",
    kind: "auto",
    method: "ratio",
    weight: "",
    cap: "",
    tolerance: "",
  };
}

export function emptyReviewItem(): ReviewItemRow {
  return { key: rowKey("r"), code: "", name: "", maxScore: "" };
}

export function emptyGrade(): GradeRow {
  return { key: rowKey("g"), name: "", minScore: "", quota: "" };
}

export function formOf(rb: Pick<Rulebook, keyof RulebookBody>): RulebookForm {
  return {
    title: rb.title,
    documentNo: rb.documentNo,
    reportingDeadlineDay: String(rb.reportingDeadlineDay),
    bonusMax: text(rb.bonusMax),
    deductionMax: text(rb.deductionMax),
    indicators: rb.indicators.map((i) => ({
      key: rowKey("i"),
      code: i.code,
      name: i.name,
      unit: i.unit ?? "",
      kind: i.kind ?? "auto",
      method: i.method,
      weight: String(i.weight),
      cap: text(i.cap),
      tolerance: text(i.tolerance),
    })),
    reviewItems: (rb.reviewItems ?? []).map((r) => ({
      key: rowKey("r"),
      code: r.code,
      name: r.name,
      maxScore: String(r.maxScore),
    })),
    grades: rb.grades.map((g) => ({
      key: rowKey("g"),
      name: g.name,
      minScore: String(g.minScore),
      quota: rb.gradeQuotas?.[g.name] !== undefined ? sharePercent(rb.gradeQuotas[g.name] as number) : "",
    })),
  };
}

function num(value: string): number | undefined {
  const parsed = parseNumber(value);
  return parsed.kind === "number" ? parsed.value : undefined;
}

/** The request body of the form (numbers parsed as typed; the checks say what is wrong). */
export function bodyOf(form: RulebookForm): RulebookBody {
  const quotas: Record<string, number> = {};
  for (const g of form.grades) {
    const q = num(g.quota);
    if (q !== undefined && g.name.trim()) quotas[g.name.trim()] = Number((q / 100).toFixed(6));
  }
  const bonusMax = num(form.bonusMax);
  const deductionMax = num(form.deductionMax);
  return {
    title: form.title.trim(),
    documentNo: form.documentNo.trim(),
    reportingDeadlineDay: num(form.reportingDeadlineDay) ?? Number.NaN,
    indicators: form.indicators.map((i) => {
      const cap = num(i.cap);
      const tolerance = num(i.tolerance);
      return {
        code: i.code.trim(),
        name: i.name.trim(),
        ...(i.unit.trim() ? { unit: i.unit.trim() } : {}),
        ...(i.kind !== "auto" ? { kind: i.kind } : {}),
        method: i.method,
        weight: num(i.weight) ?? Number.NaN,
        ...(i.method === "ratio" && cap !== undefined ? { cap } : {}),
        ...(i.method === "ceiling" && tolerance !== undefined ? { tolerance } : {}),
      };
    }),
    ...(form.reviewItems.length
      ? {
          reviewItems: form.reviewItems.map((r) => ({
            code: r.code.trim(),
            name: r.name.trim(),
            maxScore: num(r.maxScore) ?? Number.NaN,
          })),
        }
      : {}),
    ...(bonusMax !== undefined ? { bonusMax } : {}),
    ...(deductionMax !== undefined ? { deductionMax } : {}),
    grades: form.grades.map((g) => ({ name: g.name.trim(), minScore: num(g.minScore) ?? Number.NaN })),
    ...(Object.keys(quotas).length ? { gradeQuotas: quotas } : {}),
  };
}

/** Problems by field path in the API's own form (`body.indicators.2.weight`), so both show alike. */
export type FormErrors = Record<string, string>;

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** What is wrong with row `i`'s code: missing, malformed, or an earlier row's (`seen` collects the codes so far). */
function codeError(raw: string, i: number, seen: Map<string, number>, missing: string): string | undefined {
  const code = raw.trim();
  if (!code) return missing;
  if (!CODE.test(code)) return "代码须以小写字母开头，只含小写字母、数字和下划线";
  const earlier = seen.get(code);
  if (earlier !== undefined) return `代码与第 ${earlier + 1} 项重复`;
  seen.set(code, i);
  return undefined;
}

/** A rule that a number is above zero. */
const positive = (what: string) => (n: number) => (n > 0 ? undefined : `${what}须大于 0`);

/** What is wrong with a number typed for `what`: empty (when required), not a number, or against `rule`. */
function numberError(
  value: string,
  what: string,
  rule: (n: number) => string | undefined,
  { required = true }: { required?: boolean } = {},
) {
  const parsed = parseNumber(value);
  if (parsed.kind === "empty") return required ? `请填写${what}` : undefined;
  if (parsed.kind === "invalid") return parsed.message;
  return rule(parsed.value);
}

export function checkForm(form: RulebookForm): FormErrors {
  const errors: FormErrors = {};
  const put = (path: string, message: string | undefined) => {
    if (message && !errors[path]) errors[path] = message;
  };
  if (!form.title.trim()) put("body.title", "请填写细则标题");
  if (!form.documentNo.trim()) put("body.documentNo", "请填写细则文号");
  put(
    "body.reportingDeadlineDay",
    numberError(form.reportingDeadlineDay, "报送截止日", (n) =>
      Number.isInteger(n) && n >= 1 && n <= 31 ? undefined : "截止日须为 1 至 31 的整数",
    ),
  );
  put(
    "body.bonusMax",
    numberError(form.bonusMax, "加分上限", (n) => (n >= 0 ? undefined : "不能为负数"), { required: false }),
  );
  put(
    "body.deductionMax",
    numberError(form.deductionMax, "扣分上限", (n) => (n >= 0 ? undefined : "不能为负数"), {
      required: false,
    }),
  );

  /** A row's code and name, `what` naming the kind of row (指标, 评审项目). */
  const putCodeAndName = (
    at: string,
    row: { code: string; name: string },
    i: number,
    seen: Map<string, number>,
    what: string,
  ) => {
    put(`${at}.code`, codeError(row.code, i, seen, `请填写${what}代码`));
    if (!row.name.trim()) put(`${at}.name`, `请填写${what}名称`);
  };

  if (form.indicators.length === 0) put("body.indicators", "至少需要一项考核指标");
  const codes = new Map<string, number>();
  form.indicators.forEach((ind, i) => {
    const at = `body.indicators.${i}`;
    putCodeAndName(at, ind, i, codes, "指标");
    put(`${at}.weight`, numberError(ind.weight, "权重", positive("权重")));
    if (ind.method === "ratio")
      put(
        `${at}.cap`,
        numberError(ind.cap, "封顶倍数", (n) => (n >= 1 && n <= 2 ? undefined : "封顶倍数须在 1 至 2 之间"), {
          required: false,
        }),
      );
    else put(`${at}.tolerance`, numberError(ind.tolerance, "容差（上限法指标必填）", positive("容差")));
  });

  const items = new Map<string, number>();
  form.reviewItems.forEach((item, i) => {
    const at = `body.reviewItems.${i}`;
    putCodeAndName(at, item, i, items, "评审项目");
    put(`${at}.maxScore`, numberError(item.maxScore, "满分", positive("满分")));
  });

  if (form.grades.length === 0) put("body.grades", "至少需要一个等次");
  const names = new Map<string, number>();
  let previous: number | undefined;
  form.grades.forEach((g, i) => {
    const at = `body.grades.${i}`;
    const name = g.name.trim();
    if (!name) put(`${at}.name`, "请填写等次名称");
    else if (names.has(name)) put(`${at}.name`, `与第 ${(names.get(name) ?? 0) + 1} 个等次同名`);
    else names.set(name, i);
    const parsed = parseNumber(g.minScore);
    if (parsed.kind === "empty") put(`${at}.minScore`, "请填写分数线");
    else if (parsed.kind === "invalid") put(`${at}.minScore`, parsed.message);
    else {
      if (parsed.value < 0) put(`${at}.minScore`, "分数线不能为负数");
      else if (previous !== undefined && !(parsed.value < previous))
        put(`${at}.minScore`, "分数线须低于上一个等次（从高到低排列）");
      else if (i === form.grades.length - 1 && parsed.value !== 0)
        put(`${at}.minScore`, "最后一个等次的分数线须为 0");
      previous = parsed.value;
    }
    const quota = numberError(
      g.quota,
      "名额比例",
      (n) => (n > 0 && n <= 100 ? undefined : "名额比例须大于 0 且不超过 100%"),
      { required: false },
    );
    if (quota) put(`body.gradeQuotas.${name || i}`, quota);
    else if (g.quota.trim() && i === form.grades.length - 1)
      put(`body.gradeQuotas.${name || i}`, "最后一个等次不能设名额比例");
  });
  return errors;
}

/** Σ indicator weights, Σ review maxScores (exact to 4 decimals), and their sum. */
export function weightSums(form: RulebookForm): { indicators: number; review: number; total: number } {
  const sum = (values: string[]) =>
    Number(values.reduce((n, v) => n + Math.round((num(v) ?? 0) * 10_000), 0)) / 10_000;
  const indicators = sum(form.indicators.map((i) => i.weight));
  const review = sum(form.reviewItems.map((r) => r.maxScore));
  return { indicators, review, total: Number((indicators + review).toFixed(4)) };
}

/** The id of the error shown for an API path (`body.indicators.0.code` → `err-body-indicators-0-code`). */
export function rulebookErrorId(path: string): string {
  return `err-${path.replace(/[^\w]+/g, "-")}`;
}

/** Move a row one place up (-1) or down (1); false when it is already at that end. */
export function moveRow<T>(list: T[], index: number, step: -1 | 1): boolean {
  const target = index + step;
  if (target < 0 || target >= list.length) return false;
  const [item] = list.splice(index, 1);
  if (item !== undefined) list.splice(target, 0, item);
  return true;
}
