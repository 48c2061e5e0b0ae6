/**
 * The canonical circular (通报) document: the JSON that is hashed on publishing and from which
 * the plain-text and HTML forms are rendered. JSON values only (strings, numbers, booleans,
 * arrays, objects, null). Structure and rules: `shared/domain/circular/circular.md`.
 */
import * as z from "zod/mini";
import { canonicalHash } from "../../lib/canonical-json";
import type { Bilingual, FieldIssue } from "../../lib/errors";
import { customIssue, repeatCheck, zhIssue, zodMessage } from "../../lib/zod-text";
import { isIsoDate } from "./numbering";
import { LINE_BREAK } from "./text";

export const CIRCULAR_SCHEMA_VERSION = 1;

export const MAX_HIGHLIGHT_LENGTH = 2000;
/** A highlight may grow by the city name put in front of it. */
const MAX_HIGHLIGHT_TEXT = MAX_HIGHLIGHT_LENGTH + 100;
export const MAX_PROBLEMS = 99;
export const MAX_PROBLEM_LENGTH = 2000;
export const MAX_PARAGRAPH_LENGTH = 5000;

// Every schema here is built on first use (`z.lazy`), so importing this module builds nothing.

const noBreaks = () =>
  z.refine<string>((s) => !LINE_BREAK.test(s), zodMessage("must be a single line", "须为单行文本，不能换行"));
/** A non-empty single-line string of at most `max` characters. */
export const lineSchema = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), noBreaks());
/** A possibly empty single-line string of at most `max` characters. */
export const optionalLineSchema = (max: number) => z.string().check(z.maxLength(max), noBreaks());

export const isoDateSchema = z.lazy(() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, {
      message: zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期"),
      abort: true,
    }),
    z.refine(isIsoDate, zodMessage("must be a date YYYY-MM-DD", "须为YYYY-MM-DD格式的有效日期")),
  ),
);
export const disclosureSchema = z.lazy(() => z.enum(["public", "restricted"]));
/** A scoring-run total: a non-negative decimal string, e.g. "100.20". */
export const totalSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(
        /^\d+(\.\d+)?$/,
        zodMessage("must be a decimal string like 100.20", "须为小数形式的字符串，如100.20"),
      ),
    ),
);

/** An assessed unit (a city tenant that has a result in the run), in `displayOrder`. */
export const circularUnitSchema = z.lazy(() =>
  z.strictObject({
    tenantId: lineSchema(100),
    name: lineSchema(100),
    authorityName: lineSchema(100),
    displayOrder: z.int(),
  }),
);

export const circularHighlightSchema = z.lazy(() =>
  z.strictObject({
    tenantId: lineSchema(100),
    /** the city's name (延边朝鲜族自治州), for display and editing */
    name: lineSchema(100),
    /** the paragraph as printed, starting with the city's name or short form */
    text: lineSchema(MAX_HIGHLIGHT_TEXT),
  }),
);

export const circularResultUnitSchema = z.lazy(() =>
  z.strictObject({
    tenantId: lineSchema(100),
    authorityName: lineSchema(100),
    /** present exactly when `showScores` is on, so the published JSON never carries unprinted scores */
    total: z.optional(totalSchema),
    rank: z.optional(z.int().check(z.gte(1))),
  }),
);

/** 版记 (printed forms only): 抄送, 印发机关, 印发日期 — each optional, at least one given. */
export const circularColophonSchema = z.lazy(() =>
  z
    .strictObject({
      /** 抄送: the units that receive a copy, e.g. 省委各部门，省人大常委会办公厅 */
      cc: z.optional(lineSchema(500)),
      /** 印发机关, e.g. 吉林省人民政府办公厅 */
      issuedBy: z.optional(lineSchema(100)),
      /** 印发日期 */
      issuedOn: z.optional(isoDateSchema),
    })
    .check(
      z.refine(
        (c) => c.cc !== undefined || c.issuedBy !== undefined || c.issuedOn !== undefined,
        zodMessage("name at least one of cc, issuedBy, issuedOn", "抄送、印发机关、印发日期至少填写一项"),
      ),
    ),
);

export const circularGradeResultSchema = z.lazy(() =>
  z.strictObject({
    /** the rulebook's grade name, e.g. 优秀 (printed 优秀等次) */
    grade: lineSchema(20),
    units: z.array(circularResultUnitSchema).check(z.minLength(1)),
  }),
);

export const circularDocumentSchema = z.lazy(() =>
  z
    .strictObject({
      schemaVersion: z.literal(CIRCULAR_SCHEMA_VERSION),
      circularId: lineSchema(100),
      provinceId: lineSchema(100),
      year: z.int().check(z.gte(2000), z.lte(2100)),
      /** 发文机关: the province's authorityName, e.g. 吉林省人民政府 */
      issuer: lineSchema(100),
      /** 关于{year}年度就业创业工作目标责任制考评情况的通报 */
      title: lineSchema(200),
      /** 文号, e.g. 吉政函〔2020〕33号 */
      documentNo: lineSchema(100),
      /** 主送, one line ending with ： */
      addressees: lineSchema(500).check(
        z.refine(
          (s: string) => s.endsWith("：") && s.length > 1,
          zodMessage("must end with a full-width colon ：", "须以全角冒号“：”结尾"),
        ),
      ),
      /** the rulebook cited by the preamble */
      rulebook: z.strictObject({ title: lineSchema(200), documentNo: lineSchema(100) }),
      /** 按照…根据《细则》（文号），…现将考评情况通报如下： */
      preamble: lineSchema(MAX_PARAGRAPH_LENGTH),
      /** the opening sentence of 一、各地就业创业工作开展情况 (empty: none) */
      opening: optionalLineSchema(MAX_PARAGRAPH_LENGTH),
      /** the assessed units in displayOrder */
      units: z.array(circularUnitSchema).check(z.minLength(1)),
      /** each city's highlight, cities in displayOrder, cities without one left out */
      highlights: z.strictObject({
        employment: z.array(circularHighlightSchema),
        entrepreneurship: z.array(circularHighlightSchema),
      }),
      /** 二、存在的主要问题, printed （一）（二）… */
      problems: z.array(lineSchema(MAX_PROBLEM_LENGTH)).check(z.maxLength(MAX_PROBLEMS)),
      /** 三、考评结果: grades with members only, highest first; units in displayOrder (not by score) */
      results: z.array(circularGradeResultSchema).check(z.minLength(1)),
      /** print each unit's total and rank after its name */
      showScores: z.boolean(),
      /** the closing paragraph (empty: none) */
      closing: optionalLineSchema(MAX_PARAGRAPH_LENGTH),
      /** 成文日期, printed 2020年4月16日 */
      issueDate: isoDateSchema,
      /** public: （此件公开发布）; restricted: （此件不公开） */
      disclosure: disclosureSchema,
      /** the circularId of the circular this one corrects, or null */
      supersedes: z.nullable(lineSchema(100)),
      /** 版记, printed at the end of the last page; absent when there is none (so older documents hash as before) */
      colophon: z.optional(circularColophonSchema),
    })
    .check(
      z.superRefine((doc, ctx) => {
        const order = new Map<string, number>();
        const unitId = repeatCheck(ctx, { en: "unit", zh: "" });
        doc.units.forEach((unit, i) => {
          unitId(unit.tenantId, ["units", i, "tenantId"]);
          order.set(unit.tenantId, i);
          const prev = doc.units[i - 1];
          if (prev && prev.displayOrder > unit.displayOrder)
            ctx.addIssue(
              customIssue(["units", i, "displayOrder"], {
                en: "units must be in displayOrder",
                zh: "有误：单位须按排序排列",
              }),
            );
        });
        for (const kind of ["employment", "entrepreneurship"] as const) {
          let last = -1;
          doc.highlights[kind].forEach((h, i) => {
            const at = order.get(h.tenantId);
            if (at === undefined)
              ctx.addIssue(
                customIssue(["highlights", kind, i, "tenantId"], {
                  en: `'${h.tenantId}' is not an assessed unit`,
                  zh: `“${h.tenantId}”不是本次考评的单位`,
                }),
              );
            else if (at <= last)
              ctx.addIssue(
                customIssue(["highlights", kind, i, "tenantId"], {
                  en: "highlights must be in displayOrder, one per unit",
                  zh: "有误：工作亮点须按单位排序排列，每个单位一条",
                }),
              );
            else last = at;
          });
        }
        const graded = new Set<string>();
        const grade = repeatCheck(ctx, { en: "grade", zh: "" });
        doc.results.forEach((group, g) => {
          grade(group.grade, ["results", g, "grade"]);
          let last = -1;
          group.units.forEach((unit, i) => {
            const path = ["results", g, "units", i];
            const at = order.get(unit.tenantId);
            if (at === undefined || graded.has(unit.tenantId))
              ctx.addIssue(
                customIssue([...path, "tenantId"], {
                  en: `'${unit.tenantId}' must be an assessed unit listed once`,
                  zh: `“${unit.tenantId}”须为本次考评的单位，且只能列出一次`,
                }),
              );
            else if (at < last)
              ctx.addIssue(
                customIssue([...path, "tenantId"], {
                  en: "units must be in displayOrder",
                  zh: "有误：单位须按排序排列",
                }),
              );
            else last = at;
            graded.add(unit.tenantId);
            if (doc.showScores !== (unit.total !== undefined) || doc.showScores !== (unit.rank !== undefined))
              ctx.addIssue(
                customIssue(path, {
                  en: "total and rank are present exactly when showScores is on",
                  zh: "有误：显示得分时须列出总分和名次，不显示得分时不得列出",
                }),
              );
          });
        });
        doc.units.forEach((unit, i) => {
          if (!graded.has(unit.tenantId))
            ctx.addIssue(
              customIssue(["units", i, "tenantId"], {
                en: `'${unit.tenantId}' has no result`,
                zh: `“${unit.tenantId}”没有考评结果`,
              }),
            );
        });
      }),
    ),
);

export type CircularDocument = z.infer<typeof circularDocumentSchema>;
export type CircularUnit = z.infer<typeof circularUnitSchema>;
export type CircularHighlight = z.infer<typeof circularHighlightSchema>;
export type CircularGradeResult = z.infer<typeof circularGradeResultSchema>;
export type CircularResultUnit = z.infer<typeof circularResultUnitSchema>;
export type CircularDisclosure = z.infer<typeof disclosureSchema>;
export type CircularColophon = z.infer<typeof circularColophonSchema>;

/** A failing field of a circular's input: its path, and what is wrong in English (`message`) and Chinese. */
export type CircularIssue = FieldIssue;

/** Thrown when a circular cannot be built or edited from the given input (→ 422 at the API). */
export class CircularInputError extends Error {
  override readonly name = "CircularInputError";
  /** the message in Chinese */
  readonly zh: string;
  constructor(
    text: Bilingual,
    readonly issues: ReadonlyArray<CircularIssue> = [],
  ) {
    super(text.en);
    this.zh = text.zh;
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): CircularIssue[] {
  return issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
    zh: zhIssue(i, "body", i.path),
  }));
}

/** Validates a stored or built document; throws `CircularInputError` naming each failing path. */
export function parseCircularDocument(value: unknown): CircularDocument {
  const result = circularDocumentSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = formatIssues(result.error.issues);
  throw new CircularInputError(
    {
      en: `invalid circular document: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
      zh: `通报文稿不符合要求：${issues.map((i) => i.zh).join("；")}。`,
    },
    issues,
  );
}

/** The SHA-256 (hex) of the document's canonical JSON: identifies the JSON, text, HTML and DOCX forms. */
export function circularSha256(doc: CircularDocument): string {
  return canonicalHash(doc);
}
