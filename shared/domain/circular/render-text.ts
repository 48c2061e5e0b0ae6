/**
 * The circular as plain text (UTF-8), line by line in the order of `shared/domain/circular/circular.md`, laid out like
 * the 2019 Jilin circular: paragraphs indented with two full-width spaces (　　), a blank line
 * between paragraphs, a section heading running straight into its first paragraph, then the
 * signature (issuer, then the date, on the lines right after the closing, not padded to the right)
 * and the disclosure line. Lines end with "\n"; the text ends with one.
 */
import type { CircularDocument } from "./document";
import { type CircularBlock, layoutCircular } from "./layout";
import { DRAFT_MARK, DRAFT_NOTE, type PrintOptions } from "./print";

export const INDENT = "\u3000\u3000";

function blockLines(block: CircularBlock): string[] {
  switch (block.kind) {
    case "notice":
      return [`【更正提示】${block.text}`];
    case "issuer":
    case "title":
    case "documentNo":
    case "addressees":
      return [block.text];
    case "heading":
      return [`${INDENT}${block.text}`];
    case "paragraph":
      return [`${INDENT}${block.lead}${block.text}`];
    case "signature":
      return [block.issuer, block.date];
    case "disclosure":
      return [`${INDENT}${block.text}`];
  }
}

/** The plain-text form; the same document always gives the same string. A draft's preview starts with 【草稿】. */
export function renderText(doc: CircularDocument, options: PrintOptions = {}): string {
  let text = options.draft ? `【${DRAFT_MARK}】${DRAFT_NOTE}\n\n` : "";
  layoutCircular(doc, options).forEach((group, i) => {
    // groups are separated by a blank line; the signature follows the closing directly, as in 2019
    if (i > 0) text += group[0]?.kind === "signature" ? "\n" : "\n\n";
    text += group.flatMap(blockLines).join("\n");
  });
  return `${text}\n`;
}
