import type { Knex } from 'knex';
import type { KeyAllocator } from '../keys';
import type { ProcessModel } from '../bpmn/model';
import type { ElementInstance, ProcessInstance, VariableRow } from './types';
import type { InstanceCache } from './instance-cache';

type Row = Record<string, unknown>;

/**
 * One engine command: one transaction, or one autocommitted statement when nothing is read under
 * a lock. Holds the instances it loaded, the changes the executor makes in memory, and what to
 * announce after commit.
 */
export class Command {
  readonly instances = new Map<string, ProcessInstance>();
  readonly models = new Map<string, ProcessModel>();
  readonly elements = new Map<string, ElementInstance>();
  /** scope key → name → variable. */
  readonly variables = new Map<string, Map<string, VariableRow>>();
  readonly dirtyElements = new Set<string>();
  /** Element instances this command created: nothing of theirs is in the database yet. */
  readonly createdElements = new Set<string>();
  readonly dirtyVariables = new Set<VariableRow>();
  readonly inserts: Record<string, Row[]> = {};
  readonly updates: { table: string; key: string; set: Row }[] = [];
  readonly deletes: { table: string; key: string }[] = [];
  /** Element instances left: their jobs, timers and subscriptions go, open user tasks cancel. */
  readonly closedElements = new Set<string>();
  /** Signals thrown by the process, broadcast after commit. */
  readonly signals: { name: string; variables: Record<string, unknown> }[] = [];
  readonly endedInstances = new Set<string>();
  /** A timer was created: the scheduler should look again (it may be due sooner). */
  timersChanged = false;
  /**
   * Hot commands read without locks and let the write statement check revisions; after
   * conflicts the command re-runs pessimistically, locking instance rows (`for update`).
   */
  pessimistic = false;
  /** Instances as this process last wrote them; set on a command's first attempt only. */
  cache: InstanceCache | undefined;
  /** The extra row read by the last `lockInstanceOf`. */
  lastAlso: Record<string, unknown> | null = null;
  /** Pending executor steps (see lifecycle.drain). */
  readonly queue: (() => Promise<void> | void)[] = [];

  private transaction: Promise<Knex.Transaction> | undefined;

  constructor(
    readonly db: Knex,
    readonly now: Date,
    readonly keys: KeyAllocator,
  ) {}

  /**
   * The command's transaction, begun on first use: a command that only writes (creating an
   * instance) needs no BEGIN/COMMIT round trips, its single flush statement is atomic alone.
   */
  tx(): Promise<Knex.Transaction> {
    this.transaction ??= this.db.transaction();
    return this.transaction;
  }

  get inTransaction(): boolean {
    return this.transaction !== undefined;
  }

  key(): string {
    return this.keys.take();
  }

  insert(table: string, row: Row): void {
    (this.inserts[table] ??= []).push(row);
  }

  update(table: string, key: string, set: Row): void {
    this.updates.push({ table, key, set });
  }

  remove(table: string, key: string): void {
    this.deletes.push({ table, key });
  }

  touchElement(ei: ElementInstance): void {
    this.dirtyElements.add(ei.key);
  }

  /** Adds an element instance created by this command (written on flush). */
  addElement(ei: ElementInstance): void {
    this.elements.set(ei.key, ei);
    this.createdElements.add(ei.key);
    this.dirtyElements.add(ei.key);
  }

  model(ei: { processDefinitionKey: string }): ProcessModel {
    const m = this.models.get(ei.processDefinitionKey);
    if (!m) throw new Error(`model ${ei.processDefinitionKey} not loaded`);
    return m;
  }

  instance(key: string): ProcessInstance {
    const pi = this.instances.get(key);
    if (!pi) throw new Error(`process instance ${key} not loaded`);
    return pi;
  }

  /** Active children of a scope (the in-memory view is complete for loaded instances). */
  children(scopeKey: string): ElementInstance[] {
    const out: ElementInstance[] = [];
    for (const e of this.elements.values())
      if (e.flowScopeKey === scopeKey && e.state === 'ACTIVE') out.push(e);
    return out;
  }
}
