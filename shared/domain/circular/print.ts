/**
 * The circular as printed (HTML, DOCX): the GB/T 9704-2012 (党政机关公文格式) arrangement of the
 * same blocks the plain text has. Both print renderers walk this model, so they always carry the
 * same words from the same canonical document.
 *
 * - 信函格式 for a 函 (a documentNo containing 函): the issuer's name as the mark, a red double rule
 *   (thick over thin) under it, the document number at the right edge under the rule, no page number
 *   on the first page, and a red double rule (thin over thick) at the foot of the first page.
 * - 文件格式 otherwise: the mark is the issuer's name followed by 文件, the document number centred
 *   under it, then a red rule the width of the type area.
 * - The title is 发文机关 + 事由 + 文种 (吉林省人民政府关于…的通报), broken into lines of at most
 *   20 characters of 二号 type without splitting a word.
 * - Headings 一、 in 黑体, run-in subsection leads （一） in 楷体, the signature with the seal's
 *   place, the disclosure line, and the 版记 at the end of the last page when there is one.
 */
import type { CircularDocument } from "./document";
import { type CircularBlock, layoutCircular, type RenderOptions, splitRunInHeading } from "./layout";
import { chineseDate } from "./numbering";

export type PrintFormat = "letter" | "file";

export type PrintBlock =
  /** a section heading in 黑体, e.g. 一、各地就业创业工作开展情况 */
  | { kind: "heading"; text: string }
  /** an indented paragraph; `lead` (in 楷体) runs into the text, e.g. （一）就业工作方面。 */
  | { kind: "paragraph"; lead: string; text: string };

export interface PrintColophon {
  /** 抄送：…。 (the whole line), or null */
  cc: string | null;
  /** 印发机关 (not printed in 信函格式) */
  issuedBy: string | null;
  /** 印发日期 as printed: 2020年4月16日印发 (not printed in 信函格式) */
  issuedOn: string | null;
}

export interface PrintModel {
  format: PrintFormat;
  /** a preview of a circular that is not published: marked 草稿 */
  draft: boolean;
  /** the supersession notice, when a correction replaced this circular */
  notice: string | null;
  /** 发文机关标志: 吉林省人民政府 (信函格式) or 吉林省人民政府文件 (文件格式) */
  issuerMark: string;
  documentNo: string;
  /** 发文机关 + 事由 + 文种 */
  title: string;
  titleLines: string[];
  addressees: string;
  body: PrintBlock[];
  signature: { issuer: string; date: string };
  disclosure: string;
  colophon: PrintColophon | null;
}

/** Print options: the RenderOptions of every form, and whether this is a draft's preview. */
export interface PrintOptions extends RenderOptions {
  draft?: boolean;
}

/** The 草稿 mark of a preview, and the line that explains it. */
export const DRAFT_MARK = "草稿";
export const DRAFT_NOTE = "草稿：本件尚未发布，不作为正式文件。";

/** A 函 is printed in 信函格式. */
export function printFormatOf(documentNo: string): PrintFormat {
  return documentNo.includes("函") ? "letter" : "file";
}

/** The printed title: 发文机关 + 事由 + 文种 (the issuer is not repeated when the title already names it). */
export function printTitle(doc: Pick<CircularDocument, "issuer" | "title">): string {
  return doc.title.startsWith(doc.issuer) ? doc.title : `${doc.issuer}${doc.title}`;
}

/** Width in full-width characters: ASCII letters and digits count half. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return width;
}

/** Characters of 二号 (22pt) type on one line of the 156 mm type area. */
export const TITLE_LINE_WIDTH = 20;
/** Words after which a title line may end, in reading order. */
const TITLE_BREAKS = ["关于", "年度", "就业创业工作", "目标责任制", "考评情况"];

/**
 * The title's lines: one line when it fits, else the fewest lines of at most 20 characters, broken
 * only after a whole word (关于 / 年度 / 就业创业工作 / 目标责任制 / 考评情况); among arrangements
 * with as few lines, the one whose longest line is shortest. A title without a usable break stays
 * one line (the renderer then wraps it).
 */
export function printTitleLines(title: string, width = TITLE_LINE_WIDTH): string[] {
  if (textWidth(title) <= width) return [title];
  const cuts = new Set<number>();
  for (const word of TITLE_BREAKS) {
    let at = title.indexOf(word);
    while (at >= 0) {
      const cut = at + word.length;
      if (cut < title.length) cuts.add(cut);
      at = title.indexOf(word, at + 1);
    }
  }
  const positions = [...cuts].sort((a, b) => a - b);
  let best: string[] | undefined;
  let bestLongest = Number.POSITIVE_INFINITY;
  // every subset of break positions (there are at most a handful)
  for (let mask = 1; mask < 1 << positions.length; mask++) {
    const chosen = positions.filter((_, i) => mask & (1 << i));
    const lines: string[] = [];
    let from = 0;
    for (const cut of [...chosen, title.length]) {
      lines.push(title.slice(from, cut));
      from = cut;
    }
    if (!lines.every((l) => textWidth(l) <= width)) continue;
    const longest = Math.max(...lines.map(textWidth));
    if (!best || lines.length < best.length || (lines.length === best.length && longest < bestLongest)) {
      best = lines;
      bestLongest = longest;
    }
  }
  return best ?? [title];
}

function bodyBlock(block: CircularBlock): PrintBlock[] {
  if (block.kind === "heading") return [{ kind: "heading", text: block.text }];
  if (block.kind !== "paragraph") return [];
  if (block.role === "problem") {
    // a problem carries its heading sentence in its text (（一）就业压力持续加大。…): 楷体 too
    const split = splitRunInHeading(block.text);
    return [{ kind: "paragraph", lead: block.lead + split.heading, text: split.rest }];
  }
  return [{ kind: "paragraph", lead: block.lead, text: block.text }];
}

/** The circular as printed, from its canonical document. */
export function printModel(doc: CircularDocument, options: PrintOptions = {}): PrintModel {
  const format = printFormatOf(doc.documentNo);
  const blocks = layoutCircular(doc, options).flat();
  const find = <K extends CircularBlock["kind"]>(kind: K) =>
    blocks.find((b): b is Extract<CircularBlock, { kind: K }> => b.kind === kind);
  const title = printTitle(doc);
  const c = doc.colophon;
  const colophon: PrintColophon | null = c
    ? {
        cc: c.cc ? `抄送：${c.cc}。` : null,
        issuedBy: format === "file" ? (c.issuedBy ?? null) : null,
        issuedOn: format === "file" && c.issuedOn ? `${chineseDate(c.issuedOn)}印发` : null,
      }
    : null;
  return {
    format,
    draft: options.draft === true,
    notice: find("notice")?.text ?? null,
    issuerMark: format === "letter" ? doc.issuer : `${doc.issuer}文件`,
    documentNo: doc.documentNo,
    title,
    titleLines: printTitleLines(title),
    addressees: find("addressees")?.text ?? doc.addressees,
    body: blocks.flatMap(bodyBlock),
    signature: { issuer: doc.issuer, date: chineseDate(doc.issueDate) },
    disclosure: find("disclosure")?.text ?? "",
    colophon: colophon && (colophon.cc || colophon.issuedBy || colophon.issuedOn) ? colophon : null,
  };
}
