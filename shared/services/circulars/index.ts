/**
 * The circular (通报) workflow of `shared/domain/circular/circular.md`: a draft built from a scoring
 * run and the cities' highlights (`drafting`); prose edits with optimistic concurrency while draft,
 * approval by a province admin other than the creator, and publishing, which hashes the canonical
 * document and freezes it and the year's rulebook (`workflow`); reads, the public ones of published
 * circulars only (`reads`), as JSON, text, HTML and DOCX rendered from the same canonical document
 * (`renderings`).
 */
export { type CreateCircularRequest, createCircular } from "./drafting";
export {
  getCircular,
  getCircularOfYear,
  getPublicCircular,
  getPublishedCircular,
  listCirculars,
  listPublicCirculars,
} from "./reads";
export {
  type CircularFormat,
  type PrintableCircular,
  type PublicCircular,
  printableCircular,
  type Rendered,
  renderCircular,
} from "./renderings";
export {
  type CircularListEntryResponse,
  type CircularResponse,
  toCircularListEntryResponse,
  toCircularResponse,
} from "./responses";
export { approveCircular, type CircularStep, editCircular, publishCircular } from "./workflow";
