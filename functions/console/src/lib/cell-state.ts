/**
 * The state a grid cell shows: 未修改 (pristine), 未保存 (unsaved), 保存中 (saving), 已保存
 * (saved), 有误 (invalid, with the message) or 已锁定 (locked, with the reason). Derived from what
 * is stored, what is typed and what the last save said — never stored on its own. Pure, no DOM.
 */
import { parseNumber } from "./numbers";

export type CellStateKind = "pristine" | "unsaved" | "saving" | "saved" | "invalid" | "locked";

export interface CellInput {
  /** the stored value (null when none) */
  saved: number | null;
  /** what the cell holds now */
  text: string;
  /** a save of this cell is in flight */
  saving?: boolean;
  /** the last save wrote this cell's current value */
  justSaved?: boolean;
  /** why the cell cannot be edited, if it cannot */
  lockedReason?: string | undefined;
  /** the server's message for this cell from the last save (422/400 `errors[].path`) */
  serverError?: string | undefined;
  /** a check of the page's own (e.g. "required") */
  localError?: string | undefined;
}

export interface CellState {
  kind: CellStateKind;
  label: string;
  message?: string;
  /** the typed value, when it is a number */
  value: number | null;
  /** the cell differs from what is stored */
  dirty: boolean;
}

const LABELS: Record<CellStateKind, string> = {
  pristine: "",
  unsaved: "未保存",
  saving: "保存中",
  saved: "已保存",
  invalid: "有误",
  locked: "已锁定",
};

export function cellState(input: CellInput): CellState {
  const parsed = parseNumber(input.text);
  const value = parsed.kind === "number" ? parsed.value : null;
  const dirty = parsed.kind === "invalid" || value !== input.saved;
  const make = (kind: CellStateKind, message?: string): CellState => ({
    kind,
    label: LABELS[kind],
    ...(message !== undefined ? { message } : {}),
    value,
    dirty,
  });
  if (input.lockedReason !== undefined) return make("locked", input.lockedReason);
  if (parsed.kind === "invalid") return make("invalid", parsed.message);
  if (input.localError) return make("invalid", input.localError);
  if (input.serverError && dirty) return make("invalid", input.serverError);
  if (input.saving && dirty) return make("saving");
  if (!dirty) return make(input.justSaved ? "saved" : "pristine");
  return make("unsaved");
}
