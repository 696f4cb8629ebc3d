import type { Command } from './command';
import type { VariableRow } from './types';

/** Zeebe variable scoping over the command's in-memory element instances. */

/** Scope keys from `scopeKey` up to the process instance (the root). */
export function scopeChain(cmd: Command, scopeKey: string): string[] {
  const chain: string[] = [];
  let cur: string | null = scopeKey;
  while (cur) {
    chain.push(cur);
    cur = cmd.elements.get(cur)?.flowScopeKey ?? null;
  }
  return chain;
}

/** All variables visible from a scope; inner scopes shadow outer ones. */
export function visibleVariables(cmd: Command, scopeKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of scopeChain(cmd, scopeKey).reverse()) {
    for (const v of cmd.variables.get(key)?.values() ?? []) out[v.name] = JSON.parse(v.value);
  }
  return out;
}

export function localVariables(cmd: Command, scopeKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of cmd.variables.get(scopeKey)?.values() ?? []) out[v.name] = JSON.parse(v.value);
  return out;
}

/** Sets a variable on exactly this scope. */
export function setLocal(cmd: Command, scopeKey: string, name: string, value: unknown): void {
  const ei = cmd.elements.get(scopeKey);
  const pi = ei ? cmd.instance(ei.processInstanceKey) : cmd.instance(scopeKey);
  let scope = cmd.variables.get(scopeKey);
  if (!scope) cmd.variables.set(scopeKey, (scope = new Map()));
  const text = JSON.stringify(value === undefined ? null : value);
  const existing = scope.get(name);
  if (existing) {
    if (existing.value === text) return;
    existing.value = text;
    cmd.dirtyVariables.add(existing);
    return;
  }
  const row: VariableRow = {
    key: cmd.key(),
    scopeKey,
    processInstanceKey: pi.key,
    name,
    value: text,
    tenantId: pi.tenantId,
  };
  scope.set(name, row);
  cmd.dirtyVariables.add(row);
}

/**
 * Zeebe's merge: each variable goes to the nearest scope (from `startScopeKey` up) that already
 * has it, otherwise to the process instance.
 */
export function propagate(
  cmd: Command,
  startScopeKey: string,
  vars: Record<string, unknown>,
): void {
  const chain = scopeChain(cmd, startScopeKey);
  const root = chain[chain.length - 1];
  for (const [name, value] of Object.entries(vars)) {
    const holder = chain.find((k) => cmd.variables.get(k)?.has(name)) ?? root;
    setLocal(cmd, holder, name, value);
  }
}

/** Writes a value at a dotted target path (`a.b.c`) into a context object. */
export function assignPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[p] = {};
    else cur[p] = { ...(next as Record<string, unknown>) };
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}
