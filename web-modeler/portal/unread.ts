/**
 * The enterprise's unread message count for the menu's badge: read on sign-in, on every change
 * of page, after a message is read, and every minute while the portal is open.
 */
import { ref, watch } from 'vue';
import { api, session } from '@shared/api';
import { route } from '@shared/router';

export const unread = ref(0);

export async function refreshUnread(): Promise<void> {
  if (session.role !== 'enterprise') return;
  try {
    unread.value = (await api<unknown[]>('GET', '/api/messages?unread=true')).length;
  } catch {
    // The badge is a hint: a failed count keeps the last one.
  }
}

let timer: ReturnType<typeof setInterval> | undefined;
watch(
  () => session.token,
  (token) => {
    clearInterval(timer);
    unread.value = 0;
    if (!token) return;
    void refreshUnread();
    timer = setInterval(() => void refreshUnread(), 60_000);
  },
);

watch(route, () => void refreshUnread());
