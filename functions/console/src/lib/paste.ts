/**
 * A block copied from Excel or WPS arrives as tab-separated text: rows by line breaks, cells by
 * tabs, a cell with a tab, a line break or a quote wrapped in double quotes (quotes doubled), and
 * usually one trailing line break. `planPaste` places a block at the focused cell, rows × columns
 * exactly as copied — a block that does not fit is refused with the reason, never cut, never
 * transposed. Pure, no DOM.
 */

/** The rows and cells of copied spreadsheet text. */
export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      continue;
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      continue;
    }
    cell += ch;
    atCellStart = false;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Excel ends a copied block with a line break; a copied empty cell is still one cell
  return rows.length === 0 ? [[""]] : rows;
}

export interface PasteTarget {
  /** the focused cell */
  row: number;
  col: number;
  /** the grid's editable size */
  rows: number;
  cols: number;
}

export type PastePlan =
  | { ok: true; cells: Array<{ row: number; col: number; text: string }>; rows: number; cols: number }
  | { ok: false; reason: string };

export function planPaste(block: string[][], target: PasteTarget): PastePlan {
  const height = block.length;
  const width = Math.max(...block.map((r) => r.length));
  const rowsLeft = target.rows - target.row;
  const colsLeft = target.cols - target.col;
  if (height > rowsLeft || width > colsLeft) {
    // a copied row offered to a one-column grid: say so instead of turning it into a column
    const hint =
      height === 1 && width > colsLeft && colsLeft === 1 && width <= rowsLeft
        ? "（复制的是一行，本表按列填写：请在 Excel 中复制一列）"
        : "";
    return {
      ok: false,
      reason: `粘贴的区域为 ${height} 行 × ${width} 列，从当前单元格起只有 ${rowsLeft} 行 × ${colsLeft} 列可填写，未粘贴${hint}`,
    };
  }
  const cells: Array<{ row: number; col: number; text: string }> = [];
  block.forEach((cellsOfRow, r) => {
    cellsOfRow.forEach((text, c) => {
      cells.push({ row: target.row + r, col: target.col + c, text });
    });
  });
  return { ok: true, cells, rows: height, cols: width };
}
