/**
 * The circular as a print-ready A4 HTML page in the GB/T 9704 (党政机关公文格式) manner: page
 * margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; the issuer in red 小标宋 over a red
 * rule; the title centred in 小标宋 (二号, 22pt); the body in 仿宋 三号 (16pt) on a 28.9pt line
 * (22 lines a page), paragraphs indented two characters; section headings in 黑体, run-in
 * subsection headings in 楷体; the signature right-aligned, four characters from the margin, with
 * the issuer centred over the date. All text is HTML-escaped.
 */
import type { CircularDocument } from "./document";
import { type CircularBlock, layoutCircular, type RenderOptions, splitRunInHeading } from "./layout";

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
export const BODY_FONT_STACK = '"FangSong", "仿宋", "STFangsong", "FangSong_GB2312", serif';
export const HEADING_FONT_STACK = '"SimHei", "黑体", "STHeiti", "Heiti SC", sans-serif';
export const LEAD_FONT_STACK = '"KaiTi", "楷体", "STKaiti", "KaiTi_GB2312", serif';

export const PAGE_CSS = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }`;

const STYLE = `${PAGE_CSS}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${BODY_FONT_STACK}; font-size: 16pt; line-height: 28.9pt; }
.circular { box-sizing: border-box; }
p, h1, h2 { margin: 0; font-weight: normal; }
p { text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.notice { margin: 0 0 28.9pt; padding: 4pt 8pt; border: 1.5pt solid #c00; color: #c00; text-indent: 0; font-family: ${HEADING_FONT_STACK}; font-size: 14pt; line-height: 24pt; }
.issuer { text-indent: 0; text-align: center; color: #e00; font-family: ${TITLE_FONT_STACK}; font-size: 26pt; line-height: 36pt; letter-spacing: 0.1em; }
.rule { height: 0; margin: 8pt 0 28.9pt; border: 0; border-top: 2pt solid #e00; }
.title { text-align: center; font-family: ${TITLE_FONT_STACK}; font-size: 22pt; line-height: 34pt; margin-bottom: 14pt; }
.document-no { text-indent: 0; text-align: center; margin-bottom: 28.9pt; }
.addressees { text-indent: 0; }
.heading { text-indent: 2em; font-family: ${HEADING_FONT_STACK}; font-size: 16pt; line-height: 28.9pt; break-after: avoid; }
.lead { font-family: ${LEAD_FONT_STACK}; }
.signature { margin-top: 57.8pt; text-align: right; padding-right: 4em; break-inside: avoid; }
.signature-block { display: inline-block; text-align: center; }
.signature-block p { text-indent: 0; text-align: center; }
.disclosure { margin-top: 0; }
@media screen {
  body { background: #e8e8e8; }
  .circular { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 0 4mm rgba(0, 0, 0, 0.2); }
}
@media print {
  .circular { width: auto; margin: 0; padding: 0; }
}`;

/** Characters of 二号 type on one line of the 156 mm type area. */
const TITLE_LINE_CHARS = 20;
const TITLE_BREAK_AFTER = "就业创业工作";

/**
 * The title's lines: broken after 就业创业工作 when it does not fit on one line, as in the 2019
 * circular (关于2019年度就业创业工作 / 目标责任制考评情况的通报), so a word is never split.
 */
export function titleLines(title: string): string[] {
  const at = title.indexOf(TITLE_BREAK_AFTER);
  if (title.length <= TITLE_LINE_CHARS || at < 0) return [title];
  const cut = at + TITLE_BREAK_AFTER.length;
  const lines = [title.slice(0, cut), title.slice(cut)];
  return lines.every((l) => l.length > 0 && l.length <= TITLE_LINE_CHARS) ? lines : [title];
}

function paragraphHtml(lead: string, text: string, splitLead: boolean): string {
  let head = lead;
  let body = text;
  if (splitLead) {
    const split = splitRunInHeading(text);
    head += split.heading;
    body = split.rest;
  }
  const leadHtml = head === "" ? "" : `<span class="lead">${escapeHtml(head)}</span>`;
  return `<p>${leadHtml}${escapeHtml(body)}</p>`;
}

function blockHtml(block: CircularBlock): string {
  switch (block.kind) {
    case "notice":
      return `<p class="notice" role="note">${escapeHtml(block.text)}</p>`;
    case "issuer":
      return `<header>\n<p class="issuer">${escapeHtml(block.text)}</p>\n<hr class="rule">`;
    case "title":
      return `<h1 class="title">${titleLines(block.text).map(escapeHtml).join("<br>")}</h1>`;
    case "documentNo":
      return `<p class="document-no">${escapeHtml(block.text)}</p>\n</header>`;
    case "addressees":
      return `<p class="addressees">${escapeHtml(block.text)}</p>`;
    case "heading":
      return `<h2 class="heading">${escapeHtml(block.text)}</h2>`;
    case "paragraph":
      // a problem carries its heading sentence in its text (（一）就业压力持续加大。…): 楷体 too
      return paragraphHtml(block.lead, block.text, block.role === "problem");
    case "signature":
      return (
        `<div class="signature"><div class="signature-block">\n` +
        `<p class="signature-issuer">${escapeHtml(block.issuer)}</p>\n` +
        `<p class="signature-date">${escapeHtml(block.date)}</p>\n</div></div>`
      );
    case "disclosure":
      return `<p class="disclosure">${escapeHtml(block.text)}</p>`;
  }
}

/** The HTML form: a complete page; the same document always gives the same string. */
export function renderHtml(doc: CircularDocument, options: RenderOptions = {}): string {
  const parts = layoutCircular(doc, options).flat().map(blockHtml);
  const pageTitle = `${doc.title}（${doc.documentNo}）`;
  return [
    "<!doctype html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(pageTitle)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    '<article class="circular">',
    ...parts,
    "</article>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
