/**
 * What a page does when asked (保存, 开始考评, 测算, a read): busy while it runs — the button's
 * loading, the form disabled — and the problem it came to, shown in the page's alert.
 */
import { type Ref, ref } from "vue";

/**
 * An action of a page: `busy` (from the start when `busy` is given) and its `problem` (or one the
 * page already shows, when the page's actions share it). `run` runs `work`: the last problem gone,
 * busy until it has ended; a failure becomes the problem `problemOf` makes of it (the failure
 * itself unless the page words it otherwise, or sets fields by it), still busy while `problemOf`
 * runs. True when `work` went through.
 */
export function useAction(options: { busy?: boolean; problem?: Ref<unknown> } = {}) {
  const busy = ref(options.busy ?? false);
  const problem = options.problem ?? ref<unknown>();
  async function run(
    work: () => Promise<unknown>,
    problemOf: (e: unknown) => unknown = (e) => e,
  ): Promise<boolean> {
    busy.value = true;
    problem.value = undefined;
    try {
      await work();
      return true;
    } catch (e) {
      problem.value = await problemOf(e);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, problem, run };
}
