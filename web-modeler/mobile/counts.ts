/** The badges: unread messages and tasks waiting for the person, refreshed as pages open. */
import { reactive } from 'vue';
import { api } from '@shared/api';
import type { Page, Task } from '@shared/types';
import type { Message } from './types';

export const counts = reactive({ unread: 0, tasks: 0 });

export async function refreshCounts(): Promise<void> {
  const [unread, tasks] = await Promise.all([
    api<Message[]>('GET', '/api/messages?unread=true'),
    api<Page<Task>>('GET', '/api/tasks?pageSize=1'),
  ]);
  counts.unread = unread.length;
  counts.tasks = tasks.total;
}
