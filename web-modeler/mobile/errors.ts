/** What the pages show for a failed call: the server's Chinese message. */
import type { Ref } from 'vue';
import { showFailToast } from 'vant';
import { ApiError } from '@shared/api';

export const messageOf = (e: unknown, fallback = '操作失败，请稍后重试') =>
  e instanceof ApiError ? e.detail : fallback;

export function failToast(e: unknown, fallback?: string): void {
  showFailToast({ message: messageOf(e, fallback), wordBreak: 'break-word' });
}

/** Runs an action of a button: `busy` while it runs, its failure as a toast. */
export async function busyWhile(busy: Ref<boolean>, action: () => Promise<void>): Promise<void> {
  busy.value = true;
  try {
    await action();
  } catch (e) {
    failToast(e);
  } finally {
    busy.value = false;
  }
}
