/**
 * How a page reads what it shows: once when it mounts and again on demand, with its loading and
 * failure states, and a 404 that just means "nothing yet".
 */
import { onMounted } from "vue";
import { useAction } from "../lib/action";
import { ApiProblem } from "./client";

/**
 * A page's read of what it shows, run when the page mounts (and again by `load`): loading while it
 * runs, and the failure to show instead. `firstRead` settles when the mount's read has ended, for
 * what a page does once its data is there (open the program a link names).
 */
export function usePageLoad(read: () => Promise<void>) {
  const { busy: loading, problem: error, run } = useAction({ busy: true });
  async function load(): Promise<void> {
    await run(read);
  }
  let firstReadDone: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => {
    firstReadDone = resolve;
  });
  onMounted(() => load().then(firstReadDone));
  return { loading, error, load, firstRead };
}

/** For `.catch`: a 404 (e.g. a year without a rulebook yet) is nothing; any other failure stays one. */
export function noneIf404(e: unknown): undefined {
  if (e instanceof ApiProblem && e.status === 404) return undefined;
  throw e;
}
