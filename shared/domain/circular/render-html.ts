/**
 * The circular as a print-ready A4 HTML page in the GB/T 9704 (党政机关公文格式) layout of
 * `print.ts`: page margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (type area 156 × 225
 * mm); the issuer mark in red 小标宋 over the red rule (a double rule and the document number at
 * the right edge for a 函, the number centred above a single rule otherwise); the title centred in
 * 小标宋 二号 (22pt); the body in 仿宋 三号 (16pt) on a 28.95pt line (22 lines of 28 characters a
 * page), paragraphs indented two characters; section headings in 黑体, run-in leads in 楷体; the
 * signature four characters from the right margin with the issuer centred over the date and the
 * seal's place marked; page numbers — 1 — at the outside edges (odd pages right, even left; none on
 * a 函's first page); the 版记 between two rules at the end. A draft's preview is marked 草稿.
 * All text is HTML-escaped.
 */
import type { CircularDocument } from "./document";
import {
  DRAFT_MARK,
  DRAFT_NOTE,
  type PrintBlock,
  type PrintModel,
  type PrintOptions,
  printModel,
} from "./print";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export const TITLE_FONT_STACK =
  '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "STZhongsong", "华文中宋", "SimSun", "宋体", serif';
export const BODY_FONT_STACK =
  '"FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif';
export const HEADING_FONT_STACK = '"SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", sans-serif';
export const LEAD_FONT_STACK =
  '"KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif';
/** page numbers: 4号 半角宋体 */
export const PAGE_NUMBER_FONT_STACK = '"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif';

export const PAGE_CSS = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }`;

/** — 1 — at the outside edge, one character in, 7 mm below the type area (GB/T 9704 7.5). */
const PAGE_NUMBER = `content: "— " counter(page) " —"; font-family: ${PAGE_NUMBER_FONT_STACK}; font-size: 14pt; vertical-align: top; padding-top: 7mm;`;

const STYLE = `${PAGE_CSS}
@page :right { @bottom-right { ${PAGE_NUMBER} text-align: right; padding-right: 14pt; } }
@page :left { @bottom-left { ${PAGE_NUMBER} text-align: left; padding-left: 14pt; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${BODY_FONT_STACK}; font-size: 16pt; line-height: 28.95pt; }
.circular { box-sizing: border-box; position: relative; }
p, h1, h2 { margin: 0; font-weight: normal; }
p { text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.notice { margin: 0 0 28.95pt; padding: 4pt 8pt; border: 1.5pt solid #c00; color: #c00; text-indent: 0; font-family: ${HEADING_FONT_STACK}; font-size: 14pt; line-height: 24pt; }
.draft-mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; color: rgba(204, 0, 0, 0.18); font-family: ${HEADING_FONT_STACK}; font-size: 120pt; line-height: 1; transform: rotate(-30deg); pointer-events: none; z-index: 10; }
.draft-note { margin: 0 0 14pt; padding: 2pt 8pt; border: 1pt dashed #c00; color: #c00; text-indent: 0; font-family: ${HEADING_FONT_STACK}; font-size: 12pt; line-height: 20pt; }
.red-head { margin: 0; }
.issuer { text-indent: 0; text-align: center; color: #e00; font-family: ${TITLE_FONT_STACK}; font-size: 36pt; line-height: 48pt; letter-spacing: 0.05em; }
.rule { height: 0; margin: 4mm 0 0; border: 0; border-top: 1.5pt solid #e00; }
.double-rule { height: 2.5pt; margin: 4mm -7mm 0; border-top: 2pt solid #e00; border-bottom: 0.75pt solid #e00; }
.document-no { text-indent: 0; text-align: center; margin-top: 28.95pt; }
.letter .document-no { text-align: right; margin-top: 14pt; }
.title { text-align: center; font-family: ${TITLE_FONT_STACK}; font-size: 22pt; line-height: 34pt; margin: 57.9pt 0 28.95pt; }
.letter .title { margin-top: 28.95pt; }
.addressees { text-indent: 0; }
.heading { text-indent: 2em; font-family: ${HEADING_FONT_STACK}; font-size: 16pt; line-height: 28.95pt; break-after: avoid; }
.lead { font-family: ${LEAD_FONT_STACK}; }
.signature { position: relative; margin-top: 57.9pt; text-align: right; padding-right: 4em; break-inside: avoid; }
.signature-block { position: relative; display: inline-block; text-align: center; }
.signature-block p { text-indent: 0; text-align: center; }
.seal { position: absolute; left: 50%; top: 50%; width: 42mm; height: 42mm; margin: -26mm 0 0 -21mm; box-sizing: border-box; border: 1pt dashed #c00; border-radius: 50%; color: #c00; font-size: 10pt; line-height: 14pt; padding-top: 3mm; text-align: center; text-indent: 0; }
.disclosure { margin-top: 0; }
.colophon { margin-top: 57.9pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt; line-height: 28.95pt; break-inside: avoid; }
.colophon p { text-indent: 0; padding: 0 14pt; }
.colophon .cc { border-bottom: 0.7pt solid #000; }
.colophon .issued { display: flex; justify-content: space-between; }
.letter .colophon { border: 0; }
.letter .colophon .cc { border: 0; }
@media screen {
  body { background: #e8e8e8; }
  .circular { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 0 4mm rgba(0, 0, 0, 0.2); }
  .draft-mark { position: absolute; top: 120mm; }
}
@media print {
  .circular { width: auto; margin: 0; padding: 0; }
}`;

/** The extra page rules of a 函: no page number on its first page, and the red double rule at its foot. */
const LETTER_STYLE = `@page :first {
  @bottom-right { content: none; }
  @bottom-center { content: ""; vertical-align: top; margin-top: 15mm; height: 0; border-top: 0.75pt solid #e00; border-bottom: 2pt solid #e00; padding-top: 1.5pt; }
}`;

function paragraphHtml(block: PrintBlock): string {
  if (block.kind === "heading") return `<h2 class="heading">${escapeHtml(block.text)}</h2>`;
  const lead = block.lead === "" ? "" : `<span class="lead">${escapeHtml(block.lead)}</span>`;
  return `<p>${lead}${escapeHtml(block.text)}</p>`;
}

function headHtml(model: PrintModel): string[] {
  const issuer = `<p class="issuer">${escapeHtml(model.issuerMark)}</p>`;
  const documentNo = `<p class="document-no">${escapeHtml(model.documentNo)}</p>`;
  return model.format === "letter"
    ? [
        '<header class="red-head">',
        issuer,
        '<div class="double-rule" role="presentation"></div>',
        documentNo,
        "</header>",
      ]
    : ['<header class="red-head">', issuer, documentNo, '<hr class="rule">', "</header>"];
}

function colophonHtml(model: PrintModel): string[] {
  const c = model.colophon;
  if (!c) return [];
  const lines = ['<footer class="colophon">'];
  if (c.cc) lines.push(`<p class="cc">${escapeHtml(c.cc)}</p>`);
  if (c.issuedBy || c.issuedOn)
    lines.push(
      `<p class="issued"><span>${escapeHtml(c.issuedBy ?? "")}</span><span>${escapeHtml(c.issuedOn ?? "")}</span></p>`,
    );
  lines.push("</footer>");
  return lines;
}

/** The HTML form: a complete page; the same document and options always give the same string. */
export function renderHtml(doc: CircularDocument, options: PrintOptions = {}): string {
  const model = printModel(doc, options);
  const pageTitle = `${model.draft ? `【${DRAFT_MARK}】` : ""}${model.title}（${model.documentNo}）`;
  return [
    "<!doctype html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(pageTitle)}</title>`,
    `<style>\n${STYLE}${model.format === "letter" ? `\n${LETTER_STYLE}` : ""}\n</style>`,
    "</head>",
    "<body>",
    `<article class="circular ${model.format}">`,
    ...(model.draft
      ? [
          `<div class="draft-mark" aria-hidden="true">${DRAFT_MARK}</div>`,
          `<p class="draft-note" role="note">${escapeHtml(DRAFT_NOTE)}</p>`,
        ]
      : []),
    ...(model.notice ? [`<p class="notice" role="note">${escapeHtml(model.notice)}</p>`] : []),
    ...headHtml(model),
    `<h1 class="title">${model.titleLines.map(escapeHtml).join("<br>")}</h1>`,
    `<p class="addressees">${escapeHtml(model.addressees)}</p>`,
    ...model.body.map(paragraphHtml),
    '<div class="signature"><div class="signature-block">',
    '<div class="seal" aria-hidden="true">印章</div>',
    `<p class="signature-issuer">${escapeHtml(model.signature.issuer)}</p>`,
    `<p class="signature-date">${escapeHtml(model.signature.date)}</p>`,
    "</div></div>",
    `<p class="disclosure">${escapeHtml(model.disclosure)}</p>`,
    ...colophonHtml(model),
    "</article>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
