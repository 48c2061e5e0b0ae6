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

/**
 * Element Plus leaves the panel a date picker opens unnamed (`role="dialog"`, the panel the input's
 * `aria-controls` names), so a screen reader announces a bare "dialog". Installed once on the
 * document: when a picker's input takes the focus (before its panel opens), the panel is named
 * "选择日期". (Not after the field's label: the field's own label must find the field alone.)
 */
export function namePickerPanels(root: Document): void {
  root.addEventListener("focusin", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const panelId = input.getAttribute("aria-controls");
    const panel = panelId ? root.getElementById(panelId) : null;
    if (!panel?.classList.contains("el-picker__popper") || panel.hasAttribute("aria-label")) return;
    panel.setAttribute("aria-label", "选择日期");
  });
}
