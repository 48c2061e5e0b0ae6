/**
 * Where the keyboard focus goes after a navigation that re-creates the page (a page keyed by its
 * URL is mounted afresh when its query changes): the page asks before navigating, the new page
 * takes it once mounted. Module state, so it survives the page being re-created.
 */
let pending: string | undefined;

export function focusAfterNavigation(id: string): void {
  pending = id;
}

export function takePendingFocus(): string | undefined {
  const id = pending;
  pending = undefined;
  return id;
}
