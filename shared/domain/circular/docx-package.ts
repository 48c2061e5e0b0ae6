/**
 * The DOCX package made deterministic: drawing ids numbered per document, the font table with every
 * font's fallbacks, document properties and every zip entry dated by the circular's issue date.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { DOCX_FONTS } from "./docx-typesetting";
import { DRAFT_MARK, type PrintModel } from "./print";

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

/** Re-zips the package with the font table and document properties set and every entry dated `issueDate`. */
export function deterministic(zip: Uint8Array, model: PrintModel, issueDate: string): Uint8Array {
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
