/**
 * The local program form: what the user types (texts, as drafts keep them) and the program body
 * the API takes, both ways. Only typing is checked here (a number that is not a number); every
 * rule of a program — dates in order, tier keys unique, a condition that fits its field — is the
 * API's, whose errors come back by path (`body.params.tiers[0].amount`) and are shown at the same
 * path's input. Pure.
 */
import type { Body, Response } from "../api/contract";
import { parseNumber } from "./numbers";
import {
  fieldLabel,
  formatParameter,
  inputOf,
  isProfileField,
  type Operator,
  operatorsFor,
  unitOf,
} from "./subsidies";

export type ProgramBody = NonNullable<Body<"putLocalProgram">>;
export type StoredProgram = Response<"listLocalPrograms">["localPrograms"][number];
type Kind = ProgramBody["kind"];
type Benefit = ProgramBody["benefit"];

export interface ConditionDraft {
  field: string;
  op: string;
  /** the value typed or chosen (eq, ne, comparisons, dates, months) */
  value: string;
  /** the values chosen for `in` */
  values: string[];
}

export interface TierDraft {
  key: string;
  amount: string;
  when: ConditionDraft[];
}

export interface TermDraft {
  name: string;
  value: string;
}

export interface ProgramDraft {
  code: string;
  name: string;
  benefit: Benefit;
  kind: Kind;
  amount: string;
  rate: string;
  unitsField: string;
  cap: string;
  tiers: TierDraft[];
  eligibility: ConditionDraft[];
  terms: TermDraft[];
  document: string;
  clause: string;
  effectiveFrom: string;
  effectiveTo: string;
}

export function emptyCondition(field = "category"): ConditionDraft {
  return { field, op: operatorsFor(field)[0] ?? "eq", value: "", values: [] };
}

export function emptyTier(): TierDraft {
  return { key: "", amount: "", when: [] };
}

export function emptyDraft(today: string): ProgramDraft {
  return {
    code: "",
    name: "",
    benefit: "grant",
    kind: "fixed",
    amount: "",
    rate: "",
    unitsField: "trainingHours",
    cap: "",
    tiers: [emptyTier()],
    eligibility: [],
    terms: [],
    document: "",
    clause: "",
    effectiveFrom: today,
    effectiveTo: "",
  };
}

const text = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

function conditionDraft(c: { field: string; op: string; value: unknown }): ConditionDraft {
  if (c.op === "in")
    return { field: c.field, op: c.op, value: "", values: Array.isArray(c.value) ? c.value.map(text) : [] };
  return { field: c.field, op: c.op, value: text(c.value), values: [] };
}

/** A stored version as the form shows it (for a new version of it). */
export function draftFromProgram(p: StoredProgram): ProgramDraft {
  const base = emptyDraft(p.effectiveFrom);
  const draft: ProgramDraft = {
    ...base,
    code: p.code,
    name: p.name,
    benefit: p.benefit,
    kind: p.kind,
    eligibility: p.eligibility.map(conditionDraft),
    terms: Object.entries(p.terms ?? {}).map(([name, value]) => ({ name, value: text(value) })),
    document: p.basis.document,
    clause: p.basis.clause ?? "",
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo ?? "",
  };
  if (p.kind === "fixed") draft.amount = text(p.params.amount);
  if (p.kind === "per_unit") {
    draft.rate = text(p.params.rate);
    draft.unitsField = p.params.unitsField;
    draft.cap = text(p.params.cap);
  }
  if (p.kind === "tiered")
    draft.tiers = p.params.tiers.map((t) => ({
      key: t.key,
      amount: text(t.amount),
      when: t.when.map(conditionDraft),
    }));
  return draft;
}

type Errors = Record<string, string>;

/** A typed number; an empty one is left out (the API says when it is required, with every other problem). */
function numberAt(value: string, path: string, errors: Errors): number | undefined {
  const parsed = parseNumber(value);
  if (parsed.kind === "number") return parsed.value;
  if (parsed.kind === "invalid") errors[path] = parsed.message;
  return undefined;
}

function conditionBody(
  c: ConditionDraft,
  path: string,
  errors: Errors,
): { field: string; op: string; value: unknown } {
  const op = c.op as Operator;
  // nothing chosen: left out, so the API names the condition's missing value
  const typed = c.value === "" ? undefined : c.value;
  if (!isProfileField(c.field)) return { field: c.field, op, value: typed };
  const input = inputOf(c.field);
  if (op === "in") return { field: c.field, op, value: [...c.values] };
  if (op === "withinMonths") return { field: c.field, op, value: numberAt(c.value, `${path}.value`, errors) };
  switch (input) {
    case "boolean":
      return { field: c.field, op, value: c.value === "true" ? true : c.value === "false" ? false : typed };
    case "number":
      return { field: c.field, op, value: numberAt(c.value, `${path}.value`, errors) };
    default:
      return { field: c.field, op, value: typed };
  }
}

/**
 * The body of the PUT for a draft (its code goes in the path), and the inputs whose text is not a
 * number (by the path the API would name). Empty numbers are left out and everything else is sent
 * as typed, so the API's answer names every missing or misfitting value at once.
 */
export function bodyFromDraft(d: ProgramDraft): { body: ProgramBody; errors: Errors } {
  const errors: Errors = {};
  const eligibility = d.eligibility.map((c, i) => conditionBody(c, `body.eligibility[${i}]`, errors));
  const terms: Record<string, number> = {};
  d.terms.forEach((term, i) => {
    const name = term.name.trim();
    const value = numberAt(term.value, name ? `body.terms.${name}` : `body.terms[${i}]`, errors);
    if (!name) errors[`body.terms[${i}]`] = "请填写条款名称";
    else if (value !== undefined) terms[name] = value;
  });
  const common = {
    name: d.name.trim(),
    benefit: d.benefit,
    basis: { document: d.document.trim(), ...(d.clause.trim() ? { clause: d.clause.trim() } : {}) },
    eligibility,
    ...(d.terms.length > 0 ? { terms } : {}),
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo || null,
  };
  let body: unknown;
  switch (d.kind) {
    case "fixed":
      body = {
        ...common,
        kind: "fixed",
        params: { amount: numberAt(d.amount, "body.params.amount", errors) },
      };
      break;
    case "per_unit": {
      const cap = numberAt(d.cap, "body.params.cap", errors);
      body = {
        ...common,
        kind: "per_unit",
        params: {
          rate: numberAt(d.rate, "body.params.rate", errors),
          unitsField: d.unitsField,
          ...(cap !== undefined ? { cap } : {}),
        },
      };
      break;
    }
    case "tiered":
      body = {
        ...common,
        kind: "tiered",
        params: {
          tiers: d.tiers.map((t, i) => ({
            key: t.key.trim(),
            amount: numberAt(t.amount, `body.params.tiers[${i}].amount`, errors),
            when: t.when.map((c, j) => conditionBody(c, `body.params.tiers[${i}].when[${j}]`, errors)),
          })),
        },
      };
      break;
  }
  // the API checks the body; the console only sends what was typed
  return { body: body as ProgramBody, errors };
}

/** The paths a condition row shows errors for: its field, its comparison, its value(s), the row itself. */
export function conditionPaths(prefix: string): { field: string; op: string; value: string; row: string } {
  return { field: `${prefix}.field`, op: `${prefix}.op`, value: `${prefix}.value`, row: prefix };
}

/** The message(s) at a path, and at the elements under it when `deep` (`body.eligibility[0].value[1]`). */
export function messagesAt(errors: Readonly<Errors>, path: string, deep = false): string[] {
  return Object.entries(errors)
    .filter(([p]) => p === path || (deep && (p.startsWith(`${path}[`) || p.startsWith(`${path}.`))))
    .map(([, m]) => m);
}

/**
 * A problem path as this form names its inputs: indices in brackets (`body.params.tiers[0].amount`),
 * from the dot form the API client gives every page (`body.params.tiers.0.amount`).
 */
export function bracketPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** A program's standard in one line: the amount, the rate per unit (with its cap) or every tier. */
export function programStandard(p: StoredProgram): string {
  switch (p.kind) {
    case "fixed":
      return `${formatParameter(p.params.amount)} 元`;
    case "per_unit": {
      const cap = p.params.cap !== undefined ? `，封顶 ${formatParameter(p.params.cap)} 元` : "";
      return `每${unitOf(p.params.unitsField) ?? ""} ${formatParameter(p.params.rate)} 元（按${fieldLabel(p.params.unitsField)}）${cap}`;
    }
    case "tiered":
      return p.params.tiers.map((x) => `${x.key}：${formatParameter(x.amount)} 元`).join("；");
  }
}
