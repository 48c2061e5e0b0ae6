/**
 * The circular's DOCX type: the 公文 fonts with their fallbacks, the page's measures (twips, the
 * 28.95 pt line, the condensed 三号 character) and the runs and paragraphs the page is set in.
 */
import { AlignmentType, LineRuleType, Paragraph, TextRun } from "docx";

/** The 公文 fonts as named in the document, each with the fallbacks written into the font table. */
export const DOCX_FONTS = {
  title: { name: "方正小标宋简体", alt: "FZXiaoBiaoSong-B05S;华文中宋;宋体" },
  body: { name: "仿宋_GB2312", alt: "仿宋;FangSong;STFangsong" },
  heading: { name: "黑体", alt: "SimHei;STHeiti" },
  lead: { name: "楷体_GB2312", alt: "楷体;KaiTi;STKaiti" },
  number: { name: "宋体", alt: "SimSun;STSong" },
  latin: { name: "Times New Roman", alt: "Liberation Serif" },
} as const;

export type FontKey = keyof typeof DOCX_FONTS;

export const MM = 1440 / 25.4; // twips per millimetre
export const twips = (mm: number) => Math.round(mm * MM);
export const EMU_PER_MM = 36000;
export const PX_PER_MM = 96 / 25.4;

export const RED = "FF0000";
/** 三号 (16pt) on the grid: 22 lines of 28.95pt in the 225 mm type area */
export const LINE = 579;
export const BODY_SIZE = 32; // half-points
/** The character pitch of 28 characters across the 156 mm type area (442.2pt). */
export const CHAR_PITCH_PT = (156 * (72 / 25.4)) / 28;
/** Condensed by 0.25pt (in twentieths of a point), 三号 characters stand 15.75pt apart: 28 to a line. */
export const CONDENSE = -5;
/** one character of body type, in twips */
export const CHAR = Math.round(CHAR_PITCH_PT * 20);

export function font(key: FontKey) {
  const name = DOCX_FONTS[key].name;
  return { ascii: DOCX_FONTS.latin.name, hAnsi: DOCX_FONTS.latin.name, eastAsia: name, cs: name };
}

export function run(
  text: string,
  key: FontKey = "body",
  extra: { size?: number; color?: string } = {},
): TextRun {
  const size = extra.size ?? BODY_SIZE;
  return new TextRun({
    text,
    font: font(key),
    size,
    ...(size === BODY_SIZE ? { characterSpacing: CONDENSE } : {}),
    ...(extra.color ? { color: extra.color } : {}),
  });
}

export const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });

export type ParagraphOptions = ConstructorParameters<typeof Paragraph>[0] & object;

/** A paragraph without the automatic space between Chinese and digits (2020年4月16日, not 2020 年 4 月 16 日). */
export function para(options: ParagraphOptions): Paragraph {
  return new Paragraph({ autoSpaceEastAsianText: false, ...options });
}

/** An indented body paragraph: two characters in, the lead in 楷体 running into the text. */
export function bodyParagraph(lead: string, text: string): Paragraph {
  return para({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    spacing: exact(LINE),
    children: [...(lead ? [run(lead, "lead")] : []), run(text)],
  });
}

export function headingParagraph(text: string): Paragraph {
  return para({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    spacing: exact(LINE),
    keepNext: true,
    children: [run(text, "heading")],
  });
}
