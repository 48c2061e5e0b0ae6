import { describe, expect, it } from "vitest";
import { cellState } from "../../../../../functions/console/src/lib/cell-state";

describe("cellState", () => {
  it("is pristine when the text is the stored value, however it is written", () => {
    expect(cellState({ saved: 1234, text: "1234" }).kind).toBe("pristine");
    expect(cellState({ saved: 1234, text: "1,234" }).kind).toBe("pristine");
    expect(cellState({ saved: null, text: "" }).kind).toBe("pristine");
  });

  it("is unsaved when it differs, with the typed value", () => {
    const state = cellState({ saved: 1234, text: "１，２３５" });
    expect(state).toMatchObject({ kind: "unsaved", label: "未保存", value: 1235, dirty: true });
    expect(cellState({ saved: 5, text: "" })).toMatchObject({ kind: "unsaved", value: null });
  });

  it("is saving while its save is in flight, and saved once it landed", () => {
    expect(cellState({ saved: 1, text: "2", saving: true }).kind).toBe("saving");
    expect(cellState({ saved: 2, text: "2", saving: true }).kind).toBe("pristine");
    expect(cellState({ saved: 2, text: "2", justSaved: true })).toMatchObject({
      kind: "saved",
      label: "已保存",
    });
  });

  it("is invalid with the parser's message, before anything else but a lock", () => {
    const state = cellState({ saved: 1, text: "abc", saving: true });
    expect(state.kind).toBe("invalid");
    expect(state.message).toMatch(/不是有效的数字/);
    expect(cellState({ saved: 1, text: "abc", lockedReason: "本期已锁定" })).toMatchObject({
      kind: "locked",
      message: "本期已锁定",
    });
  });

  it("shows the server's message while the refused value is still in the cell", () => {
    const refused = cellState({ saved: 100, text: "90", serverError: "不能低于上期累计值" });
    expect(refused).toMatchObject({ kind: "invalid", message: "不能低于上期累计值" });
    expect(cellState({ saved: 90, text: "90", serverError: "旧消息" }).kind).toBe("pristine");
  });

  it("shows a page's own check", () => {
    expect(cellState({ saved: null, text: "", localError: "必填" })).toMatchObject({
      kind: "invalid",
      message: "必填",
    });
  });
});
