/** A province page's read of what it shows: loading while it runs, and the failure to show instead. */
import { ref } from "vue";

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
  return { loading, error, load };
}
