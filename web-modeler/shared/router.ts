/**
 * A tiny history router: the app's path below its base (`/tasklist/`) as reactive state. The
 * pages are few and flat, so a router package would add more than it saves.
 */
import { ref } from 'vue';

const base = import.meta.env.BASE_URL.replace(/\/$/, '');

const current = () => window.location.pathname.slice(base.length) || '/';

export const route = ref(current());

window.addEventListener('popstate', () => (route.value = current()));

/** Opens a page of this app, e.g. `navigate('/tasks/123')`. */
export function navigate(path: string): void {
  if (path === route.value) return;
  window.history.pushState(null, '', base + path);
  route.value = path;
  window.scrollTo(0, 0);
}

/** The parameters of `path` against a pattern like `/tasks/:key`, or null when it differs. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) params[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}
