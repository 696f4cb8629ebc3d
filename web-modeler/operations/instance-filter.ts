/**
 * The instance list's filter, kept for the session (it survives opening an instance and coming
 * back), and its two forms: the list's query string and the batches' JSON filter.
 */
import { reactive } from 'vue';

export const EMPTY_FILTER = {
  processId: '',
  version: '' as string | number,
  state: '',
  incident: '',
  applicationId: '',
  started: null as [string, string] | null,
};

export const instanceFilter = reactive({ ...EMPTY_FILTER });

export function resetInstanceFilter(over: Partial<typeof EMPTY_FILTER> = {}): void {
  Object.assign(instanceFilter, EMPTY_FILTER, over);
}

/** The filter as the API takes it: only the fields set. */
export function filterBody(f = instanceFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.processId) out.processId = f.processId;
  if (f.version !== '') out.version = String(f.version);
  if (f.state) out.state = f.state;
  if (f.incident) out.incident = f.incident;
  if (f.applicationId.trim()) out.applicationId = f.applicationId.trim();
  if (f.started) {
    out.startedFrom = f.started[0];
    out.startedTo = f.started[1];
  }
  return out;
}
