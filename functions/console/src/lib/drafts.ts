/**
 * Drafts: what a user typed and has not saved yet, kept in this browser's localStorage (keyed by
 * user and page), so a reload, a dropped network or an expired session loses nothing. A draft is
 * removed once the save it belongs to succeeds.
 */

import { formatDateTime } from "./format";

const PREFIX = "console-draft:v1:";

export interface Draft<T> {
  data: T;
  /** the stored version the draft was typed against (null: nothing stored yet) */
  baseVersion: number | null;
  savedAt: string;
}

export function draftKey(...parts: Array<string | number>): string {
  return PREFIX + parts.map((p) => encodeURIComponent(String(p))).join(":");
}

/** The key a local program's unsaved form is kept under (`code` "" for a new program). */
export function programDraftKey(sub: string, t: string, code: string): string {
  return draftKey("local-program", sub, t, code || "new");
}

export function loadDraft<T>(key: string): Draft<T> | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft<T>) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft<T>(key: string, data: T, baseVersion: number | null): void {
  try {
    const draft: Draft<T> = { data, baseVersion, savedAt: new Date().toISOString() };
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the page still works, the draft is just not kept
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/**
 * What a form says when it has put a kept draft back: when it was typed, and — when someone saved
 * a newer version since (`baseVersion` is no longer the draft's) — `stale`, what to check.
 */
export function restoredNote(
  draft: Draft<unknown>,
  baseVersion: number | null,
  stale = "此后他人已保存了新版本，请核对后再保存。",
): string {
  const note = `已恢复您于 ${formatDateTime(draft.savedAt)} 填写但尚未保存的内容`;
  return draft.baseVersion === baseVersion ? `${note}。` : `${note}；${stale}`;
}

/**
 * A kept draft met with the version stored now (`current`): typed against it, it is put back
 * (`stale: false`); typed against another, its `data` is kept aside for the user to use or drop.
 */
export interface DraftNote<T> {
  savedAt: string;
  stale: boolean;
  /** the version the draft was typed against */
  baseVersion: number | null;
  data?: T;
}

export function draftNoteOf<T>(draft: Draft<T>, current: number | null): DraftNote<T> {
  return draft.baseVersion === current
    ? { savedAt: draft.savedAt, stale: false, baseVersion: current }
    : { savedAt: draft.savedAt, stale: true, data: draft.data, baseVersion: draft.baseVersion };
}
