/**
 * The circular laid out as blocks, in the order of `shared/domain/circular/circular.md`. Both renderers (plain text and
 * HTML) walk these blocks, so the two forms always carry the same words from the same document.
 *
 * Numbering: sections are numbered consecutively by the numbering helpers, and a section with no
 * content is left out (no opening and no highlights → no 一、; no problems → 考评结果 becomes
 * 二、). Inside 一、, a subsection with no highlight at all is left out and the other is （一）.
 */
import type { CircularDocument, CircularResultUnit } from "./document";
import { chineseDate, sectionNumber, subsectionNumber } from "./numbering";
import { addresseesLine, endSentence } from "./text";

export type CircularBlock =
  | { kind: "notice"; text: string }
  | { kind: "issuer"; text: string }
  | { kind: "title"; text: string }
  | { kind: "documentNo"; text: string }
  | { kind: "addressees"; text: string }
  /** 一、各地就业创业工作开展情况 */
  | { kind: "heading"; section: SectionKey; text: string }
  /** an indented paragraph; `lead` is its run-in subsection heading, e.g. （一）就业工作方面。 */
  | { kind: "paragraph"; role: ParagraphRole; lead: string; text: string }
  | { kind: "signature"; issuer: string; date: string }
  | { kind: "disclosure"; text: string };

export type SectionKey = "situation" | "problems" | "results";
export type ParagraphRole =
  | "preamble"
  | "supersedes"
  | "opening"
  | "highlights"
  | "problem"
  | "grade"
  | "closing";

/** A run of blocks printed without a blank line between them; the plain text separates groups by one. */
export type CircularBlockGroup = CircularBlock[];

export type SupersededBy = string | { circularId: string; documentNo?: string | null };

export interface RenderOptions {
  /** the circular that corrects this one: a notice goes on top (not part of the hashed document) */
  supersededBy?: SupersededBy | null;
}

export const SECTION_TITLES = {
  situation: "各地就业创业工作开展情况",
  problems: "存在的主要问题",
  results: "考评结果",
} as const;

export const SUBSECTION_TITLES = {
  employment: "就业工作方面。",
  entrepreneurship: "创业工作方面。",
} as const;

export const DISCLOSURE_TEXT = {
  public: "（此件公开发布）",
  restricted: "（此件不公开）",
} as const;

/** The notice printed on top of a superseded circular. */
export function supersessionNotice(by: SupersededBy): string {
  const circularId = typeof by === "string" ? by : by.circularId;
  const documentNo = typeof by === "string" ? null : (by.documentNo ?? null);
  const named = documentNo ? `${documentNo}，编号${circularId}` : `编号${circularId}`;
  return `本通报已被更正通报（${named}）取代，请以更正通报为准。`;
}

/** The paragraph of a correcting circular that names the circular it replaces. */
export function supersedesSentence(circularId: string): string {
  return `本通报更正并取代此前印发的通报（编号${circularId}），原通报同时废止。`;
}

/** A grade as printed: 优秀 → 优秀等次 (a name already ending in 等次 is kept). */
export function gradeLabel(grade: string): string {
  return grade.endsWith("等次") ? grade : `${grade}等次`;
}

function unitLabel(unit: CircularResultUnit, showScores: boolean): string {
  if (!showScores || unit.total === undefined || unit.rank === undefined) return unit.authorityName;
  return `${unit.authorityName}（${unit.total}分，第${unit.rank}名）`;
}

/**
 * The heading sentence of a problem, for the HTML's 楷体 run-in heading: the first sentence when
 * it is short (≤ 40 characters) and more text follows it, e.g. 就业压力持续加大。
 */
export function splitRunInHeading(text: string): { heading: string; rest: string } {
  const stop = text.indexOf("。");
  if (stop < 0 || stop >= 40 || stop === text.length - 1) return { heading: "", rest: text };
  return { heading: text.slice(0, stop + 1), rest: text.slice(stop + 1) };
}

type Paragraph = { role: ParagraphRole; lead: string; text: string };

/** The circular as groups of blocks, in print order. */
export function layoutCircular(doc: CircularDocument, options: RenderOptions = {}): CircularBlockGroup[] {
  const groups: CircularBlockGroup[] = [];
  if (options.supersededBy) groups.push([{ kind: "notice", text: supersessionNotice(options.supersededBy) }]);

  groups.push([
    { kind: "issuer", text: doc.issuer },
    { kind: "title", text: doc.title },
    { kind: "documentNo", text: doc.documentNo },
    { kind: "addressees", text: addresseesLine(doc.addressees) },
  ]);
  groups.push([{ kind: "paragraph", role: "preamble", lead: "", text: doc.preamble }]);
  if (doc.supersedes !== null)
    groups.push([
      { kind: "paragraph", role: "supersedes", lead: "", text: supersedesSentence(doc.supersedes) },
    ]);

  let section = 0;
  /** A section: its heading runs straight into its first paragraph, then one paragraph per group. */
  const addSection = (key: SectionKey, paragraphs: Paragraph[]) => {
    if (paragraphs.length === 0) return;
    section += 1;
    const heading: CircularBlock = {
      kind: "heading",
      section: key,
      text: `${sectionNumber(section)}${SECTION_TITLES[key]}`,
    };
    paragraphs.forEach((p, i) => {
      const block: CircularBlock = { kind: "paragraph", ...p };
      groups.push(i === 0 ? [heading, block] : [block]);
    });
  };

  const situation: Paragraph[] = [];
  if (doc.opening !== "") situation.push({ role: "opening", lead: "", text: endSentence(doc.opening) });
  let sub = 0;
  for (const kind of ["employment", "entrepreneurship"] as const) {
    const highlights = doc.highlights[kind];
    if (highlights.length === 0) continue;
    sub += 1;
    situation.push({
      role: "highlights",
      lead: `${subsectionNumber(sub)}${SUBSECTION_TITLES[kind]}`,
      text: highlights.map((h) => endSentence(h.text)).join(""),
    });
  }
  addSection("situation", situation);

  addSection(
    "problems",
    doc.problems.map((p, i) => ({ role: "problem", lead: subsectionNumber(i + 1), text: endSentence(p) })),
  );

  addSection(
    "results",
    doc.results.map((group, i) => ({
      role: "grade",
      lead: `${subsectionNumber(i + 1)}${gradeLabel(group.grade)}：`,
      text: `${group.units.map((u) => unitLabel(u, doc.showScores)).join("、")}。`,
    })),
  );

  if (doc.closing !== "")
    groups.push([{ kind: "paragraph", role: "closing", lead: "", text: endSentence(doc.closing) }]);

  groups.push([
    { kind: "signature", issuer: doc.issuer, date: chineseDate(doc.issueDate) },
    { kind: "disclosure", text: DISCLOSURE_TEXT[doc.disclosure] },
  ]);
  return groups;
}
