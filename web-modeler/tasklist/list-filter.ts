/**
 * The 待办 list's filters, kept for the whole session: they survive opening a task and coming
 * back, and the dashboard sets them before it opens the list ("click a figure, see its tasks").
 */
import { reactive } from 'vue';

export const EMPTY_FILTER = {
  type: '',
  applicant: '',
  certificateNumber: '',
  submitted: null as [string, string] | null,
  due: '' as '' | 'warning' | 'overdue',
  sort: 'created',
  order: 'asc',
};

export const listFilter = reactive({ ...EMPTY_FILTER });

/** Resets the filters, then applies `over`. */
export function setListFilter(over: Partial<typeof EMPTY_FILTER>): void {
  Object.assign(listFilter, EMPTY_FILTER, over);
}
