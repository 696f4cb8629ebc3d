/**
 * The 证书查询 filters, kept for the session like the 待办 list's (list-filter.ts): they survive
 * opening a certificate and coming back, and the dashboard sets them before it opens the search.
 */
import { reactive } from 'vue';

export const EMPTY_SEARCH = {
  number: '',
  name: '',
  idNumber: '',
  enterprise: '',
  type: '',
  state: '',
  issued: null as [string, string] | null,
};

export const searchFilter = reactive({ ...EMPTY_SEARCH });

/** Resets the filters, then applies `over`. */
export function setSearchFilter(over: Partial<typeof EMPTY_SEARCH>): void {
  Object.assign(searchFilter, EMPTY_SEARCH, over);
}
