/**
 * The circular as a Word document (DOCX) in the GB/T 9704 layout of `print.ts`, for a bureau to
 * open, edit and put through its own document system (Word, WPS, LibreOffice):
 *
 * - A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; 22 lines of 28 characters of
 *   三号 type (exact 28.95 pt lines, characters condensed to 15.75 pt — a linesAndChars grid would
 *   do the same in Word, but LibreOffice snaps larger type to two grid lines and spreads characters);
 * - the issuer mark in red 方正小标宋简体 and the red rule (a double rule under the mark and the
 *   number at the right edge for a 函; the number centred above a single rule otherwise), the
 *   title in 2号 小标宋, the body in 3号 仿宋_GB2312, headings in 黑体, run-in leads in 楷体_GB2312
 *   — each font named with its common fallbacks in the font table (w:altName), so that Word and
 *   WPS substitute a font the machine has and LibreOffice its own;
 * - the signature four characters from the right margin with the issuer centred over the date and
 *   the seal's place drawn as a dashed red circle behind them; the disclosure line; the 版记 at the
 *   foot of the last page;
 * - page numbers — 1 — in the footer at the outside edges (odd pages right, even pages left, one
 *   character in); a 函's first page has none but the red double rule at its foot;
 * - a draft's preview carries a 草稿 watermark and note.
 *
 * Pure: the same document and options give the same bytes (zip entries and document properties are
 * dated by the circular's issue date, never by the clock). `sha256`, when given, is recorded in the
 * document's custom properties.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HorizontalPositionRelativeFrom,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  TextRun,
  VerticalPositionRelativeFrom,
  WidthType,
} from "docx";
import { ShapeRun } from "docx/shapes";
import { TextWatermark } from "docx/watermarks";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { CircularDocument } from "./document";
import { DRAFT_MARK, DRAFT_NOTE, type PrintModel, type PrintOptions, printModel, textWidth } from "./print";

export interface DocxOptions extends PrintOptions {
  /** the published hash, recorded in the custom properties */
  sha256?: string;
}

/** The 公文 fonts as named in the document, each with the fallbacks written into the font table. */
export const DOCX_FONTS = {
  title: { name: "方正小标宋简体", alt: "FZXiaoBiaoSong-B05S;华文中宋;宋体" },
  body: { name: "仿宋_GB2312", alt: "仿宋;FangSong;STFangsong" },
  heading: { name: "黑体", alt: "SimHei;STHeiti" },
  lead: { name: "楷体_GB2312", alt: "楷体;KaiTi;STKaiti" },
  number: { name: "宋体", alt: "SimSun;STSong" },
  latin: { name: "Times New Roman", alt: "Liberation Serif" },
} as const;

type FontKey = keyof typeof DOCX_FONTS;

const MM = 1440 / 25.4; // twips per millimetre
const twips = (mm: number) => Math.round(mm * MM);
const EMU_PER_MM = 36000;
const PX_PER_MM = 96 / 25.4;

const RED = "FF0000";
/** 三号 (16pt) on the grid: 22 lines of 28.95pt in the 225 mm type area */
const LINE = 579;
const BODY_SIZE = 32; // half-points
/** The character pitch of 28 characters across the 156 mm type area (442.2pt). */
const CHAR_PITCH_PT = (156 * (72 / 25.4)) / 28;
/** Condensed by 0.25pt (in twentieths of a point), 三号 characters stand 15.75pt apart: 28 to a line. */
const CONDENSE = -5;
/** one character of body type, in twips */
const CHAR = Math.round(CHAR_PITCH_PT * 20);

function font(key: FontKey) {
  const name = DOCX_FONTS[key].name;
  return { ascii: DOCX_FONTS.latin.name, hAnsi: DOCX_FONTS.latin.name, eastAsia: name, cs: name };
}

function run(text: string, key: FontKey = "body", extra: { size?: number; color?: string } = {}): TextRun {
  const size = extra.size ?? BODY_SIZE;
  return new TextRun({
    text,
    font: font(key),
    size,
    ...(size === BODY_SIZE ? { characterSpacing: CONDENSE } : {}),
    ...(extra.color ? { color: extra.color } : {}),
  });
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });

type ParagraphOptions = ConstructorParameters<typeof Paragraph>[0] & object;

/** A paragraph without the automatic space between Chinese and digits (2020年4月16日, not 2020 年 4 月 16 日). */
function para(options: ParagraphOptions): Paragraph {
  return new Paragraph({ autoSpaceEastAsianText: false, ...options });
}

/** An indented body paragraph: two characters in, the lead in 楷体 running into the text. */
function bodyParagraph(lead: string, text: string): Paragraph {
  return para({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    spacing: exact(LINE),
    children: [...(lead ? [run(lead, "lead")] : []), run(text)],
  });
}

function headingParagraph(text: string): Paragraph {
  return para({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    spacing: exact(LINE),
    keepNext: true,
    children: [run(text, "heading")],
  });
}

/** The red head: issuer mark, rule(s) and document number, as GB/T 9704 places them. */
function headParagraphs(model: PrintModel): Paragraph[] {
  const mark = para({
    alignment: AlignmentType.CENTER,
    spacing: exact(960),
    children: [run(model.issuerMark, "title", { size: 72, color: RED })],
  });
  if (model.format === "letter") {
    return [
      mark,
      // the double rule, thick over thin, 170 mm wide (7 mm past each edge of the type area), 4 mm under the mark
      para({
        spacing: { before: twips(4) - 40, ...exact(40) },
        indent: { left: -twips(7), right: -twips(7) },
        border: { bottom: { style: BorderStyle.THICK_THIN_MEDIUM_GAP, size: 24, color: RED, space: 0 } },
        children: [],
      }),
      para({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 280, ...exact(LINE) },
        children: [run(model.documentNo)],
      }),
    ];
  }
  return [
    mark,
    para({
      alignment: AlignmentType.CENTER,
      spacing: { before: 2 * LINE, ...exact(LINE) },
      // the red rule the width of the type area, 4 mm under the number
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: [run(model.documentNo)],
    }),
  ];
}

function titleParagraph(model: PrintModel): Paragraph {
  const children: TextRun[] = model.titleLines.map(
    (line, i) =>
      new TextRun({
        text: line,
        font: font("title"),
        size: 44,
        snapToGrid: false,
        ...(i > 0 ? { break: 1 } : {}),
      }),
  );
  return para({
    alignment: AlignmentType.CENTER,
    spacing: { before: 2 * LINE, after: LINE, ...exact(LINE) },
    children,
  });
}

/** The seal's place: a dashed red circle (42 mm) centred on the signature, a little above its middle. */
function sealRun(centreFromLeftMm: number): ShapeRun {
  const size = 42;
  return new ShapeRun({
    type: "ellipse",
    transformation: { width: Math.round(size * PX_PER_MM), height: Math.round(size * PX_PER_MM) },
    line: { color: RED, width: 1, dash: "dash" },
    floating: {
      horizontalPosition: {
        relative: HorizontalPositionRelativeFrom.MARGIN,
        offset: Math.round((centreFromLeftMm - size / 2) * EMU_PER_MM),
      },
      // the paragraph starts two lines (20.4 mm) above the issuer's name: the seal's top 14 mm above the name
      verticalPosition: {
        relative: VerticalPositionRelativeFrom.PARAGRAPH,
        offset: Math.round(((2 * LINE) / MM - 14) * EMU_PER_MM),
      },
      behindDocument: true,
      allowOverlap: true,
    },
    altText: { name: "印章位置", description: "盖章处", title: "印章位置" },
  });
}

/** 署名 centred over 成文日期, the date four characters from the right margin (GB/T 9704 7.3.5.1). */
function signatureParagraphs(model: PrintModel): Paragraph[] {
  const issuerWidth = textWidth(model.signature.issuer);
  const dateWidth = textWidth(model.signature.date);
  const issuerRight = Math.max(0, 4 + (dateWidth - issuerWidth) / 2);
  const centreChars = 4 + dateWidth / 2;
  const centreFromLeftMm = 156 - centreChars * (156 / 28);
  return [
    para({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(issuerRight * CHAR) },
      spacing: { before: 2 * LINE, ...exact(LINE) },
      keepNext: true,
      keepLines: true,
      children: [sealRun(centreFromLeftMm), run(model.signature.issuer)],
    }),
    para({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      spacing: exact(LINE),
      keepNext: true,
      children: [run(model.signature.date)],
    }),
    para({
      indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
      spacing: exact(LINE),
      children: [run(model.disclosure)],
    }),
  ];
}

/**
 * The 版记 as a table anchored to the foot of the last page: a thick rule above its first line and
 * under its last, a thin one between 抄送 and 印发; 4号 仿宋, one character in from each side.
 */
function colophonTable(model: PrintModel): Table | undefined {
  const c = model.colophon;
  if (!c) return undefined;
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const thick = { style: BorderStyle.SINGLE, size: 8, color: "000000" };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: "000000" };
  const cell = (children: Paragraph[], top: typeof thick | typeof none, bottom: typeof thick | typeof none) =>
    new TableCell({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top, bottom, left: none, right: none },
      children,
    });
  const small = (text: string) => new TextRun({ text, font: font("body"), size: 28 });
  const rows: TableRow[] = [];
  const letter = model.format === "letter";
  if (c.cc)
    rows.push(
      new TableRow({
        children: [
          cell(
            [para({ indent: { left: 280, right: 280 }, spacing: exact(LINE), children: [small(c.cc)] })],
            letter ? none : thick,
            letter ? none : c.issuedBy || c.issuedOn ? thin : thick,
          ),
        ],
      }),
    );
  if (c.issuedBy || c.issuedOn)
    rows.push(
      new TableRow({
        children: [
          cell(
            [
              para({
                indent: { left: 280, right: 280 },
                spacing: exact(LINE),
                tabStops: [{ type: "right", position: twips(156) - 280 }],
                children: [
                  small(c.issuedBy ?? ""),
                  new TextRun({ text: "\t", size: 28 }),
                  small(c.issuedOn ?? ""),
                ],
              }),
            ],
            c.cc ? none : thick,
            thick,
          ),
        ],
      }),
    );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
    rows,
  });
}

function pageNumberFooter(side: "right" | "left"): Footer {
  return new Footer({
    children: [
      para({
        alignment: side === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "right" ? { right: 280 } : { left: 280 },
        spacing: exact(280),
        children: [
          new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font("number"), size: 28 }),
        ],
      }),
    ],
  });
}

/** A 函's first page: no page number; the red double rule, thin over thick, 20 mm above the page's foot. */
function letterFirstFooter(): Footer {
  return new Footer({
    children: [
      para({
        indent: { left: -twips(7), right: -twips(7) },
        spacing: { before: twips(35 - 20) - 340, ...exact(40) },
        border: { top: { style: BorderStyle.THIN_THICK_MEDIUM_GAP, size: 24, color: RED, space: 0 } },
        children: [],
      }),
    ],
  });
}

function draftHeader(): Header {
  return new Header({
    children: [
      para({
        children: [
          new TextWatermark({
            text: DRAFT_MARK,
            font: DOCX_FONTS.heading.name,
            color: "F0B8B8",
            opacity: 0.4,
          }),
        ],
      }),
    ],
  });
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The font table: every font the document names, with its fallbacks (w:altName) and the GB2312 charset. */
function fontTableXml(): string {
  const entries = Object.values(DOCX_FONTS).map((f) => {
    const cjk = f.name !== DOCX_FONTS.latin.name;
    return (
      `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.alt)}"/>` +
      `<w:charset w:val="${cjk ? "86" : "00"}"/><w:family w:val="${cjk ? "modern" : "roman"}"/>` +
      `<w:pitch w:val="${cjk ? "fixed" : "variable"}"/></w:font>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${entries.join("")}</w:fonts>`
  );
}

function corePropertiesXml(model: PrintModel, at: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(model.title)}</dc:title>` +
    `<dc:subject>${xmlEscape(model.documentNo)}</dc:subject>` +
    `<dc:creator>${xmlEscape(model.signature.issuer)}</dc:creator>` +
    `<cp:keywords>${model.draft ? DRAFT_MARK : "公文"}</cp:keywords>` +
    `<cp:lastModifiedBy>${xmlEscape(model.signature.issuer)}</cp:lastModifiedBy>` +
    "<cp:revision>1</cp:revision>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/** The DOCX form (a zip), the same bytes for the same document and options. */
export async function renderDocx(doc: CircularDocument, options: DocxOptions = {}): Promise<Uint8Array> {
  const model = printModel(doc, options);
  const letter = model.format === "letter";
  const children: (Paragraph | Table)[] = [];
  if (model.draft)
    children.push(
      para({ spacing: exact(LINE), children: [run(DRAFT_NOTE, "heading", { size: 24, color: "CC0000" })] }),
    );
  if (model.notice)
    children.push(
      para({
        spacing: { after: LINE, ...exact(480) },
        border: {
          top: { style: BorderStyle.SINGLE, size: 12, color: "CC0000", space: 4 },
          bottom: { style: BorderStyle.SINGLE, size: 12, color: "CC0000", space: 4 },
          left: { style: BorderStyle.SINGLE, size: 12, color: "CC0000", space: 4 },
          right: { style: BorderStyle.SINGLE, size: 12, color: "CC0000", space: 4 },
        },
        children: [run(model.notice, "heading", { size: 28, color: "CC0000" })],
      }),
    );
  children.push(...headParagraphs(model), titleParagraph(model));
  children.push(para({ spacing: exact(LINE), children: [run(model.addressees)] }));
  for (const block of model.body)
    children.push(
      block.kind === "heading" ? headingParagraph(block.text) : bodyParagraph(block.lead, block.text),
    );
  children.push(...signatureParagraphs(model));
  const colophon = colophonTable(model);
  // a table is followed by a paragraph (Word needs one at the end; LibreOffice anchors the floating table to it)
  if (colophon) children.push(colophon, para({ spacing: exact(LINE), children: [] }));

  const header = model.draft ? draftHeader() : undefined;
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: twips(210), height: twips(297) },
        margin: {
          top: twips(37),
          bottom: twips(35),
          left: twips(28),
          right: twips(26),
          header: twips(15),
          footer: twips(35 - 7) - 280,
        },
      },
      // no snapping grid: exact 28.95pt lines give the 22 lines (LibreOffice would snap larger type to two grid lines)
      grid: { linePitch: LINE },
      titlePage: letter,
    },
    ...(header ? { headers: { default: header, even: header, first: header } } : {}),
    footers: {
      default: pageNumberFooter("right"),
      even: pageNumberFooter("left"),
      ...(letter ? { first: letterFirstFooter() } : {}),
    },
    children,
  };
  const document = new Document({
    title: model.title,
    creator: model.signature.issuer,
    evenAndOddHeaderAndFooters: true,
    ...(options.sha256 ? { customProperties: [{ name: "sha256", value: options.sha256 }] } : {}),
    styles: {
      default: {
        document: {
          run: { font: font("body"), size: BODY_SIZE, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { spacing: exact(LINE) },
        },
      },
    },
    sections: [section],
  });
  const packed = await Packer.toBuffer(document);
  return deterministic(new Uint8Array(packed), model, doc.issueDate);
}

/** Re-zips the package with the font table and document properties set and every entry dated `issueDate`. */
function deterministic(zip: Uint8Array, model: PrintModel, issueDate: string): Uint8Array {
  const files = unzipSync(zip);
  // drawing ids come from a counter of the process: number them per document instead
  let drawing = 0;
  for (const name of Object.keys(files).sort()) {
    const data = files[name];
    if (!data || !/^word\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(data);
    if (xml.includes("<wp:docPr id="))
      files[name] = strToU8(xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`));
  }
  const at = `${issueDate}T00:00:00Z`;
  files["word/fontTable.xml"] = strToU8(fontTableXml());
  files["docProps/core.xml"] = strToU8(corePropertiesXml(model, at));
  const mtime = new Date(`${issueDate}T12:00:00Z`);
  // [Content_Types].xml first, as Office writes it; then in name order
  const names = Object.keys(files).sort((a, b) =>
    a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const ordered: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const name of names) {
    const data = files[name];
    if (data) ordered[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(ordered);
}

/** For tests: the XML of one part of a DOCX package. */
export function docxPart(docx: Uint8Array, path: string): string | undefined {
  const file = unzipSync(docx, { filter: (f) => f.name === path })[path];
  return file ? strFromU8(file) : undefined;
}
