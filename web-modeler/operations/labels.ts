/** How the operations pages name things. */
import type { ApplicationRef } from './types';

/** `12 · 新发证 · 待审核`, without the state when `withState` is false; 无 without one. */
export function applicationLabel(a: ApplicationRef | null, withState = true): string {
  if (!a) return '无';
  return [a.id, a.typeName, ...(withState ? [a.stateName] : [])].join(' · ');
}
