/** The circular (通报): canonical document, builder, numbering and the text / HTML renderers. */
export {
  applyProseEdits,
  type BuildCircularInput,
  buildCircularDocument,
  type CircularProse,
  type CircularProseEdits,
  type CityHighlights,
  circularProseEditsSchema,
  circularProseSchema,
  circularProseShape,
  circularTitle,
  defaultPreamble,
  HIGHLIGHT_KINDS,
  type HighlightKind,
  type UnitScore,
} from "./builder";
export {
  CIRCULAR_SCHEMA_VERSION,
  type CircularColophon,
  type CircularDisclosure,
  type CircularDocument,
  type CircularGradeResult,
  type CircularHighlight,
  CircularInputError,
  type CircularResultUnit,
  type CircularUnit,
  circularColophonSchema,
  circularDocumentSchema,
  circularSha256,
  parseCircularDocument,
} from "./document";
export {
  type CircularBlock,
  type CircularBlockGroup,
  DISCLOSURE_TEXT,
  gradeLabel,
  layoutCircular,
  type RenderOptions,
  type SupersededBy,
  supersessionNotice,
} from "./layout";
export { chineseDate, chineseNumeral, isIsoDate, sectionNumber, subsectionNumber } from "./numbering";
export {
  DRAFT_MARK,
  DRAFT_NOTE,
  type PrintBlock,
  type PrintFormat,
  type PrintModel,
  type PrintOptions,
  printFormatOf,
  printModel,
  printTitle,
  printTitleLines,
} from "./print";
export { BODY_FONT_STACK, escapeHtml, PAGE_CSS, renderHtml, TITLE_FONT_STACK } from "./render-html";
export { INDENT, renderText } from "./render-text";
export { shortUnitName, withCityPrefix } from "./text";
