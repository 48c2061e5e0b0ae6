import { describe, expect, it } from "vitest";
import { parseClipboardBlock, planPaste } from "../../../../../functions/console/src/lib/paste";

describe("parseClipboardBlock", () => {
  it("reads an Excel column (CRLF, trailing line break)", () => {
    expect(parseClipboardBlock("1\r\n2\r\n3\r\n")).toEqual([["1"], ["2"], ["3"]]);
  });

  it("reads a WPS block (LF, tabs, no trailing break)", () => {
    expect(parseClipboardBlock("1\t2\n3\t4")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("keeps empty cells where they were copied", () => {
    expect(parseClipboardBlock("1\t\t3\r\n\t5\t\r\n")).toEqual([
      ["1", "", "3"],
      ["", "5", ""],
    ]);
  });

  it("reads quoted cells with tabs, line breaks and doubled quotes", () => {
    expect(parseClipboardBlock('"a\tb"\t"line1\nline2"\r\n"say ""hi"""\tx\r\n')).toEqual([
      ["a\tb", "line1\nline2"],
      ['say "hi"', "x"],
    ]);
  });

  it("reads a single copied cell", () => {
    expect(parseClipboardBlock("1,234")).toEqual([["1,234"]]);
    expect(parseClipboardBlock("1,234\r\n")).toEqual([["1,234"]]);
    expect(parseClipboardBlock("")).toEqual([[""]]);
  });
});

describe("planPaste", () => {
  const grid = { rows: 9, cols: 1 };

  it("places a column downward from the focused cell", () => {
    const plan = planPaste([["1"], ["2"], ["3"]], { ...grid, row: 2, col: 0 });
    expect(plan).toEqual({
      ok: true,
      rows: 3,
      cols: 1,
      cells: [
        { row: 2, col: 0, text: "1" },
        { row: 3, col: 0, text: "2" },
        { row: 4, col: 0, text: "3" },
      ],
    });
  });

  it("places a block rows × columns as copied, never transposed", () => {
    const plan = planPaste(
      [
        ["a", "b", "c"],
        ["d", "e", "f"],
      ],
      { row: 1, col: 1, rows: 5, cols: 4 },
    );
    expect(plan.ok && plan.cells.map((c) => `${c.row},${c.col}=${c.text}`)).toEqual([
      "1,1=a",
      "1,2=b",
      "1,3=c",
      "2,1=d",
      "2,2=e",
      "2,3=f",
    ]);
  });

  it("refuses a block taller than the rows left", () => {
    const plan = planPaste([["1"], ["2"], ["3"]], { ...grid, row: 7, col: 0 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toContain("3 行 × 1 列");
  });

  it("refuses a copied row offered to a one-column grid, saying why", () => {
    const plan = planPaste([["1", "2", "3"]], { ...grid, row: 0, col: 0 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toContain("复制的是一行");
  });

  it("refuses a block wider than the columns left", () => {
    const plan = planPaste([["1", "2"]], { row: 0, col: 3, rows: 5, cols: 4 });
    expect(plan.ok).toBe(false);
  });
});
