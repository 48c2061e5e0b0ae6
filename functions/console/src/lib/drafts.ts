/**
 * Drafts: what a user typed and has not saved yet, kept in this browser's localStorage (keyed by
 * user and page), so a reload, a dropped network or an expired session loses nothing. A draft is
 * removed once the save it belongs to succeeds.
 */

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
