/**
 * `v-input-aria` on an element that wraps one Element Plus control: sets ARIA attributes
 * (`aria-invalid`, `aria-describedby`) on the control's own input. el-select, el-date-picker and
 * el-checkbox put such attributes on a wrapper (or nowhere), where a screen reader does not
 * connect them with the field; the error beside a field must be announced with it.
 */
import type { Directive } from "vue";

/** What describes a field when it is wrong: the id of its error's element and the message (none while it is fine). */
export interface FieldError {
  id: string;
  message: string | undefined;
}

export type AriaAttributes = Record<string, string | undefined | null>;

function apply(el: HTMLElement, attrs: AriaAttributes | undefined): void {
  const input = el.matches("input, textarea") ? el : el.querySelector("input, textarea");
  if (!input) return;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === "") input.removeAttribute(name);
    else input.setAttribute(name, value);
  }
}

export const vInputAria: Directive<HTMLElement, AriaAttributes | undefined> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
};
