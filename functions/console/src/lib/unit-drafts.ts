/**
 * Drafts of a grid of units (目标任务, 考评打分): the rows typed but not saved, each with the version
 * of the unit it was typed over, kept in this browser under `field` (`texts`, `rows`). A row comes
 * back only while its unit is still at that version; the others are named as dropped.
 */
import { clearDraft, loadDraft, saveDraft } from "./drafts";

export interface RestoredDraft {
  savedAt: string;
  applied: number;
  /** the units whose rows were not restored (someone saved a newer version) */
  dropped: string[];
}

/** Keep the dirty rows (none: forget the draft). */
export function keepUnitDraft<R>(
  key: string,
  field: string,
  dirty: Record<string, R>,
  versionOf: (t: string) => number,
): void {
  if (Object.keys(dirty).length === 0) {
    clearDraft(key);
    return;
  }
  const versions = Object.fromEntries(Object.keys(dirty).map((t) => [t, versionOf(t)]));
  saveDraft(key, { [field]: dirty, versions }, null);
}

/** Put back each kept row of a known unit still at the version it was typed over. */
export function restoreUnitDraft<R>(
  key: string,
  field: string,
  names: ReadonlyMap<string, string>,
  versionOf: (t: string) => number,
  apply: (t: string, row: R) => void,
): RestoredDraft | undefined {
  const draft = loadDraft<Record<string, unknown> & { versions?: Record<string, number> }>(key);
  if (!draft) return undefined;
  let applied = 0;
  const dropped: string[] = [];
  for (const [t, row] of Object.entries((draft.data[field] ?? {}) as Record<string, R>)) {
    if (!names.has(t)) continue;
    if ((draft.data.versions?.[t] ?? 0) === versionOf(t)) {
      apply(t, row);
      applied++;
    } else dropped.push(names.get(t) ?? t);
  }
  return { savedAt: draft.savedAt, applied, dropped };
}
