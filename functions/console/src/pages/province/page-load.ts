/** The read the province's grids share. */
import { ref } from "vue";
import { api } from "../../api/client";
import type { Response } from "../../api/contract";
import { usePageLoad } from "../../api/page-load";
import { loadUnits, type Unit } from "./province-year";

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
