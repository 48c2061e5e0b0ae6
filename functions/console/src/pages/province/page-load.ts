/**
 * A page's read of what it shows, run when the page mounts (and again by `load`): loading while it
 * runs, and the failure to show instead. `firstRead` settles when the mount's read has ended, for
 * what a page does once its data is there (open the program a link names).
 */
import { onMounted, ref } from "vue";
import { api } from "../../api/client";
import type { Response } from "../../api/contract";
import { loadUnits, type Unit } from "./province-year";

export function usePageLoad(read: () => Promise<void>) {
  const loading = ref(true);
  const error = ref<unknown>();
  async function load(): Promise<void> {
    loading.value = true;
    error.value = undefined;
    try {
      await read();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  let firstReadDone: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => {
    firstReadDone = resolve;
  });
  onMounted(() => load().then(firstReadDone));
  return { loading, error, load, firstRead };
}

/**
 * The read of a grid of the year (目标任务, 考评打分): the rulebook (its columns) and the units (its
 * rows) with the page's own data (`read`), which `apply` takes in once all of it is there.
 */
export function useGridLoad<T>(
  p: string,
  y: number,
  { read, apply }: { read: () => Promise<T>; apply: (data: T) => void },
) {
  const rulebook = ref<Response<"getRulebook">>();
  const units = ref<Unit[]>([]);
  const page = usePageLoad(async () => {
    const [rb, list, data] = await Promise.all([
      api("GET", "/v1/provinces/{p}/years/{y}/rulebook", { params: { p, y } }),
      loadUnits(p),
      read(),
    ]);
    rulebook.value = rb.data;
    units.value = list;
    apply(data);
  });
  return { rulebook, units, ...page };
}
