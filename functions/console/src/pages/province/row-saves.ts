/** The save of the province's grids: each changed row written on its own (目标任务, 考评打分). */
import { ElMessage } from "element-plus";
import { computed, ref } from "vue";

/** What a grid's save row shows. */
export interface SaveRowState {
  /** some row is being written */
  saving: boolean;
  /** what the last 保存 (or import) came to */
  note: string | undefined;
  /** the note in the warning colour: some rows did not save */
  withFailures: boolean;
  /** how many rows have changes not saved yet */
  dirtyCount: number;
}

/**
 * The rows being written and the note of the last save of a grid whose rows are `dirty` (in the
 * grid's order) and of which some may be `failing` (their last save did not go through).
 */
export function useRowSaves(grid: { dirty: () => string[]; failing: () => boolean }) {
  /** the rows being written: replaced, not changed in place, so that Vue sees each change */
  const saving = ref<ReadonlySet<string>>(new Set());
  const savedNote = ref<string>();
  const saves = computed<SaveRowState>(() => ({
    saving: saving.value.size > 0,
    note: savedNote.value,
    withFailures: grid.failing(),
    dirtyCount: grid.dirty().length,
  }));

  /** `write` row `t` (true: it saved), the row marked as being written until it has answered. */
  async function writing(t: string, write: () => Promise<boolean>): Promise<boolean> {
    saving.value = new Set([...saving.value, t]);
    try {
      return await write();
    } finally {
      const rest = new Set(saving.value);
      rest.delete(t);
      saving.value = rest;
    }
  }

  /**
   * 保存: every dirty row at once by `saveRow`, but a row that is `invalid` is not sent and `refuse`
   * marks it failed instead. Once all have answered, the page can `settle`; then the `note` of how
   * many rows saved and how many did not stands beside the button and as a message.
   */
  async function saveChanged(how: {
    invalid: (t: string) => boolean;
    refuse: (t: string) => void;
    saveRow: (t: string) => Promise<boolean>;
    settle: () => void | Promise<void>;
    note: (ok: number, failed: number) => string;
  }) {
    savedNote.value = undefined;
    const changed = grid.dirty();
    if (changed.length === 0) {
      savedNote.value = "没有需要保存的修改";
      return;
    }
    const invalid = changed.filter(how.invalid);
    for (const t of invalid) how.refuse(t);
    const results = await Promise.all(changed.filter((t) => !invalid.includes(t)).map(how.saveRow));
    const ok = results.filter(Boolean).length;
    const failed = changed.length - ok;
    await how.settle();
    savedNote.value = how.note(ok, failed);
    if (failed) ElMessage.warning(savedNote.value);
    else ElMessage.success(savedNote.value);
  }

  return { saving, savedNote, saves, writing, saveChanged };
}
