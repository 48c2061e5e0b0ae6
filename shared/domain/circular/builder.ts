/**
 * Building a draft circular from a scoring run (results, the cities' highlights, the rulebook)
 * and the province's prose, and applying prose edits to a draft. Pure: no I/O, no clock.
 */
import * as z from "zod/mini";
import type { Bilingual } from "../../lib/errors";
import { multiLineText } from "../../lib/safe-text";
import { zhIssue } from "../../lib/zod-text";
import {
  CIRCULAR_SCHEMA_VERSION,
  type CircularColophon,
  type CircularDocument,
  type CircularHighlight,
  CircularInputError,
  type CircularResultUnit,
  type CircularUnit,
  disclosureSchema,
  isoDateSchema,
  MAX_HIGHLIGHT_LENGTH,
  MAX_PARAGRAPH_LENGTH,
  MAX_PROBLEM_LENGTH,
  MAX_PROBLEMS,
  parseCircularDocument,
} from "./document";
import {
  addresseesLine,
  stripBookTitleMarks,
  stripLeadingEnumeration,
  toParagraph,
  withCityPrefix,
} from "./text";

/** Prose as typed: may be empty, may hold line breaks (joined into one paragraph), never unsafe characters. */
const prose = (max: number) => multiLineText(max, { min: 0, trim: false });

/** 版记 as the province types it: any field may be left out or empty. */
const colophonProse = () =>
  z.strictObject({
    cc: z.optional(prose(500)),
    issuedBy: z.optional(prose(100)),
    issuedOn: z.optional(isoDateSchema),
  });

/**
 * The fields of the province's prose for a new circular, built fresh on each call:
 * `circularProseSchema` checks them strictly (schemas are built on first use, so importing this
 * module builds nothing) and the API's POST body extends them.
 */
export function circularProseShape() {
  return {
    documentNo: prose(100),
    issueDate: isoDateSchema,
    addressees: prose(500),
    opening: prose(MAX_PARAGRAPH_LENGTH),
    problems: z.array(prose(MAX_PROBLEM_LENGTH)).check(z.maxLength(MAX_PROBLEMS)),
    closing: prose(MAX_PARAGRAPH_LENGTH),
    disclosure: disclosureSchema,
    showScores: z.optional(z.boolean()),
    /** overrides the preamble generated from the rulebook */
    preamble: z.optional(prose(MAX_PARAGRAPH_LENGTH)),
    /** 版记 (抄送, 印发机关, 印发日期), printed at the end of the last page */
    colophon: z.optional(colophonProse()),
  };
}

/** The province's prose for a new circular (the POST body of `functions/api.md`, minus runId). */
export const circularProseSchema = z.lazy(() => z.strictObject(circularProseShape()));
export type CircularProse = z.infer<typeof circularProseSchema>;

/**
 * The editable fields of a draft (the PATCH body). `highlights` is merged per city: a string sets
 * that highlight (the city-prefix rule applies), `null` or an empty string removes it, an absent
 * key leaves it as it is.
 */
export const circularProseEditsSchema = z.lazy(() => {
  const highlightEdit = z.optional(z.nullable(prose(MAX_HIGHLIGHT_LENGTH)));
  return z.strictObject({
    documentNo: z.optional(prose(100)),
    issueDate: z.optional(isoDateSchema),
    addressees: z.optional(prose(500)),
    opening: z.optional(prose(MAX_PARAGRAPH_LENGTH)),
    problems: z.optional(z.array(prose(MAX_PROBLEM_LENGTH)).check(z.maxLength(MAX_PROBLEMS))),
    closing: z.optional(prose(MAX_PARAGRAPH_LENGTH)),
    disclosure: z.optional(disclosureSchema),
    showScores: z.optional(z.boolean()),
    /** replaces the 版记; null removes it */
    colophon: z.optional(z.nullable(colophonProse())),
    highlights: z.optional(
      z.record(z.string(), z.strictObject({ employment: highlightEdit, entrepreneurship: highlightEdit })),
    ),
  });
});
export type CircularProseEdits = z.infer<typeof circularProseEditsSchema>;

export type HighlightKind = "employment" | "entrepreneurship";
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ["employment", "entrepreneurship"];

export type CityHighlights = { employment?: string | null; entrepreneurship?: string | null };

export interface BuildCircularInput {
  circularId: string;
  province: { id: string; authorityName: string };
  year: number;
  rulebook: { title: string; documentNo: string; grades: ReadonlyArray<{ name: string; minScore: number }> };
  tenants: ReadonlyArray<{ id: string; name: string; authorityName: string; displayOrder: number }>;
  results: ReadonlyArray<{ tenantId: string; total: string; rank: number; grade: string }>;
  /** by tenantId; cities that are not assessed units of the run are ignored */
  highlights?: Readonly<Record<string, CityHighlights | undefined>>;
  prose: CircularProse;
  supersedes?: string | null;
}

/** A unit's score as printed when `showScores` is on. */
export type UnitScore = { tenantId: string; total: string; rank: number };

/** 关于2019年度就业创业工作目标责任制考评情况的通报 */
export function circularTitle(year: number): string {
  return `关于${year}年度就业创业工作目标责任制考评情况的通报`;
}

/** How the issuer speaks of itself and its territory: 省政府 / 全省, 自治区政府 / 全区, 市政府 / 全市. */
function jurisdiction(issuer: string): { government: string; whole: string; level: string } {
  if (issuer.includes("自治区")) return { government: "自治区政府", whole: "全区", level: "自治区" };
  if (/市(人民)?政府$/.test(issuer)) return { government: "市政府", whole: "全市", level: "市" };
  return { government: "省政府", whole: "全省", level: "省" };
}

/**
 * The preamble of the 2019 circular, with the rulebook, year and level filled in:
 * 按照省政府安排部署，根据《…细则》（吉就组办〔2020〕1号），省就业工作领导小组办公室对2019年全省
 * 就业创业工作目标责任制完成情况进行了考评，现将考评情况通报如下：
 */
export function defaultPreamble(input: {
  issuer: string;
  year: number;
  rulebook: { title: string; documentNo: string };
}): string {
  const j = jurisdiction(input.issuer);
  const title = stripBookTitleMarks(toParagraph(input.rulebook.title));
  const documentNo = toParagraph(input.rulebook.documentNo);
  return (
    `按照${j.government}安排部署，根据《${title}》（${documentNo}），${j.level}就业工作领导小组办公室` +
    `对${input.year}年${j.whole}就业创业工作目标责任制完成情况进行了考评，现将考评情况通报如下：`
  );
}

/** The 版记 as stored: text normalised, empty fields left out; none at all when nothing is left. */
function colophonOf(
  input: z.infer<ReturnType<typeof colophonProse>> | null | undefined,
): CircularColophon | undefined {
  if (!input) return undefined;
  const cc = toParagraph(input.cc ?? "").replace(/[\s。．.，,、；;：:]+$/u, "");
  const issuedBy = toParagraph(input.issuedBy ?? "");
  const out: CircularColophon = {
    ...(cc !== "" ? { cc } : {}),
    ...(issuedBy !== "" ? { issuedBy } : {}),
    ...(input.issuedOn !== undefined ? { issuedOn: input.issuedOn } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Problems as numbered items: one paragraph each, typed numbers removed, empty ones dropped. */
function problemItems(problems: readonly string[]): string[] {
  return problems.map((p) => toParagraph(stripLeadingEnumeration(toParagraph(p)))).filter((p) => p !== "");
}

function fail(path: string, text: Bilingual): never {
  throw new CircularInputError({ en: `${path}: ${text.en}`, zh: `${text.zh}。` }, [
    { path, message: text.en, zh: text.zh },
  ]);
}

function validated<T>(schema: z.ZodMiniType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: [root, ...i.path.map(String)].join("."),
    message: i.message,
    zh: zhIssue(i, "body", i.path),
  }));
  throw new CircularInputError(
    {
      en: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
      zh: `${issues.map((i) => i.zh).join("；")}。`,
    },
    issues,
  );
}

function highlightsFor(
  units: readonly CircularUnit[],
  texts: (tenantId: string, kind: HighlightKind) => string | null | undefined,
): CircularDocument["highlights"] {
  const list = (kind: HighlightKind): CircularHighlight[] =>
    units.flatMap((unit) => {
      const text = toParagraph(texts(unit.tenantId, kind) ?? "");
      return text === ""
        ? []
        : [{ tenantId: unit.tenantId, name: unit.name, text: withCityPrefix(unit, text) }];
    });
  return { employment: list("employment"), entrepreneurship: list("entrepreneurship") };
}

function scoredUnit(
  unit: { tenantId: string; authorityName: string },
  score: UnitScore | undefined,
  showScores: boolean,
): CircularResultUnit {
  const base = { tenantId: unit.tenantId, authorityName: unit.authorityName };
  if (!showScores) return base;
  if (!score)
    return fail(`results.${unit.tenantId}`, {
      en: "showScores needs every unit's total and rank",
      zh: "显示得分须有每个单位的总分和名次",
    });
  return { ...base, total: score.total, rank: score.rank };
}

/**
 * Builds the canonical document of a draft circular. The assessed units are the tenants that have
 * a result, in `displayOrder` (ties by tenantId). Grades come in the rulebook's order, highest
 * `minScore` first, and only grades with members appear; each grade lists its units in
 * `displayOrder`, never by score. Throws `CircularInputError` for inconsistent input (a result for
 * an unknown tenant, a grade the rulebook does not have, a tenant scored twice, invalid prose).
 */
export function buildCircularDocument(input: BuildCircularInput): CircularDocument {
  const proseIn = validated(circularProseSchema, input.prose, "prose");
  const showScores = proseIn.showScores ?? false;

  const tenants = new Map<string, BuildCircularInput["tenants"][number]>();
  input.tenants.forEach((t, i) => {
    if (tenants.has(t.id))
      fail(`tenants.${i}.id`, { en: `duplicate tenant '${t.id}'`, zh: `单位“${t.id}”重复` });
    tenants.set(t.id, t);
  });

  const gradeOrder = input.rulebook.grades
    .map((g, i) => ({ name: g.name, minScore: g.minScore, i }))
    .sort((a, b) => b.minScore - a.minScore || a.i - b.i)
    .map((g) => g.name);

  const resultByTenant = new Map<string, BuildCircularInput["results"][number]>();
  input.results.forEach((r, i) => {
    if (!tenants.has(r.tenantId))
      fail(`results.${i}.tenantId`, {
        en: `unknown tenant '${r.tenantId}'`,
        zh: `考评结果中的单位“${r.tenantId}”不存在`,
      });
    if (resultByTenant.has(r.tenantId))
      fail(`results.${i}.tenantId`, {
        en: `'${r.tenantId}' has two results`,
        zh: `单位“${r.tenantId}”有两条考评结果`,
      });
    if (!gradeOrder.includes(r.grade))
      fail(`results.${i}.grade`, {
        en: `the rulebook has no grade '${r.grade}'`,
        zh: `考评细则中没有等次“${r.grade}”`,
      });
    resultByTenant.set(r.tenantId, r);
  });
  if (resultByTenant.size === 0)
    fail("results", { en: "a circular needs at least one result", zh: "通报至少须有一个单位的考评结果" });

  const units: CircularUnit[] = [...tenants.values()]
    .filter((t) => resultByTenant.has(t.id))
    .sort((a, b) => a.displayOrder - b.displayOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => ({
      tenantId: t.id,
      name: toParagraph(t.name),
      authorityName: toParagraph(t.authorityName),
      displayOrder: t.displayOrder,
    }));

  const results = gradeOrder.flatMap((grade) => {
    const members = units
      .filter((u) => resultByTenant.get(u.tenantId)?.grade === grade)
      .map((u) => scoredUnit(u, resultByTenant.get(u.tenantId), showScores));
    return members.length === 0 ? [] : [{ grade, units: members }];
  });

  const issuer = toParagraph(input.province.authorityName);
  const rulebook = {
    title: stripBookTitleMarks(toParagraph(input.rulebook.title)),
    documentNo: toParagraph(input.rulebook.documentNo),
  };
  const preambleOverride = toParagraph(proseIn.preamble ?? "");

  const colophon = colophonOf(proseIn.colophon);
  const doc = {
    schemaVersion: CIRCULAR_SCHEMA_VERSION,
    circularId: input.circularId,
    provinceId: input.province.id,
    year: input.year,
    issuer,
    title: circularTitle(input.year),
    documentNo: toParagraph(proseIn.documentNo),
    addressees: addresseesLine(proseIn.addressees),
    rulebook,
    preamble: preambleOverride || defaultPreamble({ issuer, year: input.year, rulebook }),
    opening: toParagraph(proseIn.opening),
    units,
    highlights: highlightsFor(units, (tenantId, kind) => input.highlights?.[tenantId]?.[kind]),
    problems: problemItems(proseIn.problems),
    results,
    showScores,
    closing: toParagraph(proseIn.closing),
    issueDate: proseIn.issueDate,
    disclosure: proseIn.disclosure,
    supersedes: input.supersedes ?? null,
    ...(colophon ? { colophon } : {}),
  };
  return parseCircularDocument(doc);
}

/**
 * Applies edits to a draft's prose and returns a new document; fields not in `edits` are left
 * exactly as they were. Text is normalised as in `buildCircularDocument`. Turning `showScores` on
 * for a document built without scores needs the run's `scores`; turning it off removes them.
 */
export function applyProseEdits(
  doc: CircularDocument,
  edits: CircularProseEdits,
  scores?: ReadonlyArray<UnitScore>,
): CircularDocument {
  const e = validated(circularProseEditsSchema, edits, "edits");
  const next: CircularDocument = structuredClone(doc);

  if (e.documentNo !== undefined) next.documentNo = toParagraph(e.documentNo);
  if (e.issueDate !== undefined) next.issueDate = e.issueDate;
  if (e.addressees !== undefined) next.addressees = addresseesLine(e.addressees);
  if (e.opening !== undefined) next.opening = toParagraph(e.opening);
  if (e.problems !== undefined) next.problems = problemItems(e.problems);
  if (e.closing !== undefined) next.closing = toParagraph(e.closing);
  if (e.disclosure !== undefined) next.disclosure = e.disclosure;
  if (e.colophon !== undefined) {
    const colophon = colophonOf(e.colophon);
    if (colophon) next.colophon = colophon;
    else delete next.colophon;
  }

  if (e.highlights !== undefined) {
    const known = new Set(doc.units.map((u) => u.tenantId));
    for (const tenantId of Object.keys(e.highlights))
      if (!known.has(tenantId))
        fail(`edits.highlights.${tenantId}`, {
          en: `'${tenantId}' is not an assessed unit`,
          zh: `“${tenantId}”不是本次考评的单位`,
        });
    const current = (tenantId: string, kind: HighlightKind) => {
      const existing = doc.highlights[kind].find((h) => h.tenantId === tenantId)?.text;
      const edit = e.highlights?.[tenantId];
      return edit && edit[kind] !== undefined ? edit[kind] : existing;
    };
    next.highlights = highlightsFor(doc.units, current);
  }

  if (e.showScores !== undefined && e.showScores !== doc.showScores) {
    next.showScores = e.showScores;
    const byTenant = new Map((scores ?? []).map((s) => [s.tenantId, s]));
    next.results = doc.results.map((group) => ({
      grade: group.grade,
      units: group.units.map((ru) => {
        const score =
          byTenant.get(ru.tenantId) ??
          (ru.total !== undefined && ru.rank !== undefined
            ? { tenantId: ru.tenantId, total: ru.total, rank: ru.rank }
            : undefined);
        return scoredUnit(ru, score, e.showScores === true);
      }),
    }));
  }

  return parseCircularDocument(next);
}
