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
  Packer,
  PageNumber,
  type Paragraph,
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
import type { CircularDocument } from "./document";
import { deterministic } from "./docx-package";
import {
  BODY_SIZE,
  bodyParagraph,
  CHAR,
  DOCX_FONTS,
  EMU_PER_MM,
  exact,
  font,
  headingParagraph,
  LINE,
  MM,
  PX_PER_MM,
  para,
  RED,
  run,
  twips,
} from "./docx-typesetting";
import { DRAFT_MARK, DRAFT_NOTE, type PrintModel, type PrintOptions, printModel, textWidth } from "./print";

export { docxPart } from "./docx-package";
export { DOCX_FONTS } from "./docx-typesetting";

export interface DocxOptions extends PrintOptions {
  /** the published hash, recorded in the custom properties */
  sha256?: string;
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
