/**
 * A page's read of /api: the answer, whether it is loading, and the Chinese reason it failed.
 * `reload()` reads again (after a filter changes, after an action).
 */
import { Ref, ref } from 'vue';
import { errorText } from './api';

export function useLoad<T>(read: () => Promise<T>, initial: T, fallback: string) {
  const data = ref(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref('');
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      data.value = await read();
    } catch (e) {
      error.value = errorText(e, fallback);
    } finally {
      loading.value = false;
    }
  }
  void reload();
  return { data, loading, error, reload };
}
