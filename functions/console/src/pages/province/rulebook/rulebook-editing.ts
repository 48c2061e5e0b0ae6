/**
 * 考评细则: what the form's sections and inputs (RulebookCell, RulebookField) share, provided by
 * the page — whether the form is read-only, the error at an API path, and what the page does when
 * a field is edited or rows are added, removed or moved.
 */
import { computed, type InjectionKey, inject, provide, type Ref } from "vue";
import { rulebookErrorId } from "../../../lib/rulebook-form";

export interface RulebookEditing {
  readonly: Readonly<Ref<boolean>>;
  errorAt: (path: string) => string | undefined;
  edited: (path: string) => void;
  restructured: () => void;
}

const key: InjectionKey<RulebookEditing> = Symbol("rulebook-editing");

export function provideRulebookEditing(editing: RulebookEditing) {
  provide(key, editing);
}

export function useRulebookEditing(): RulebookEditing {
  const editing = inject(key);
  if (!editing) throw new Error("a rulebook section or input outside the 考评细则 form");
  return editing;
}

/** An input of the form at an API path: its error, the error's id, and the input's own bindings. */
export function useRulebookInput(path: () => string) {
  const { readonly, errorAt, edited } = useRulebookEditing();
  const error = computed(() => errorAt(path()));
  const errorId = computed(() => rulebookErrorId(path()));
  const bindings = computed(() => ({
    disabled: readonly.value,
    "aria-invalid": error.value ? "true" : undefined,
    "aria-describedby": errorId.value,
    onInput: () => edited(path()),
  }));
  return { error, errorId, bindings };
}
