/**
 * A stored circular's renderings, all from its canonical document: text and HTML (province
 * previews and the public forms), what the DOCX renderer needs with the download's file names, and
 * the public JSON envelope.
 */
import type { StoredCircular } from "../../data/stores/circulars";
import {
  type CircularDocument,
  DRAFT_MARK,
  type PrintOptions,
  parseCircularDocument,
  printTitle,
  renderHtml,
  renderText,
} from "../../domain/circular";
import { canonicalJson } from "../../lib/canonical-json";

export type CircularFormat = "json" | "txt" | "html" | "docx";

/** How a stored circular is rendered: a supersession notice when corrected, 草稿 until published. */
function renderOptions(c: StoredCircular): PrintOptions {
  return {
    ...(c.supersededBy
      ? { supersededBy: { circularId: c.supersededBy, documentNo: c.supersededByDocumentNo ?? null } }
      : {}),
    ...(c.status !== "published" ? { draft: true } : {}),
  };
}

export interface Rendered {
  raw: string;
  contentType: string;
}

/** The text or HTML form of any circular (province preview of drafts; the public form of published ones). */
export function renderCircular(c: StoredCircular, format: "txt" | "html"): Rendered {
  const document = parseCircularDocument(c.document);
  return format === "txt"
    ? { raw: renderText(document, renderOptions(c)), contentType: "text/plain; charset=utf-8" }
    : { raw: renderHtml(document, renderOptions(c)), contentType: "text/html; charset=utf-8" };
}

/** What a DOCX renderer needs of a stored circular, and the download's file names. */
export interface PrintableCircular {
  document: CircularDocument;
  options: PrintOptions & { sha256?: string };
  /** 吉林省人民政府关于…的通报（吉政函〔2020〕33号）.docx; a draft's starts with 【草稿】 */
  filename: string;
  /** the ASCII name for clients that cannot read `filename*` */
  fallbackFilename: string;
}

export function printableCircular(c: StoredCircular): PrintableCircular {
  const document = parseCircularDocument(c.document);
  const draft = c.status !== "published";
  const name = `${draft ? `【${DRAFT_MARK}】` : ""}${printTitle(document)}（${document.documentNo}）`;
  return {
    document,
    options: { ...renderOptions(c), ...(c.sha256 && !draft ? { sha256: c.sha256 } : {}) },
    filename: `${name.replace(/[\\/:*?"<>|]/g, "_")}.docx`,
    fallbackFilename: `circular-${c.provinceId}-${c.year}-${c.circularId}${draft ? "-draft" : ""}.docx`,
  };
}

/** A published circular's public form: the canonical JSON envelope, or the text / HTML form. */
export interface PublicCircular {
  sha256: string;
  /** the canonical JSON envelope, or the text / HTML form */
  raw: string;
  contentType: string;
}

/**
 * A published circular for anyone, byte-identical on every read: JSON is the canonical JSON of
 * `{circularId, provinceId, year, status, sha256, publishedAt, supersedes, supersededBy, document}`
 * (`canonicalHash(document) = sha256`), text and HTML are rendered from that document.
 */
export function renderPublicCircular(
  circular: StoredCircular & { sha256: string; publishedAt: string },
  format: Exclude<CircularFormat, "docx">,
): PublicCircular {
  const document = parseCircularDocument(circular.document);
  if (format !== "json") return { sha256: circular.sha256, ...renderCircular(circular, format) };
  const envelope = {
    circularId: circular.circularId,
    provinceId: circular.provinceId,
    year: circular.year,
    status: "published",
    sha256: circular.sha256,
    publishedAt: circular.publishedAt,
    supersedes: circular.supersedes,
    supersededBy: circular.supersededBy ?? null,
    document,
  };
  return {
    sha256: circular.sha256,
    raw: canonicalJson(envelope),
    contentType: "application/json; charset=utf-8",
  };
}
