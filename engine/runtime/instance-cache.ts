import type { ProcessModel } from '../bpmn/model';
import type { Command } from './command';
import type { ElementInstance, ProcessInstance, VariableRow } from './types';

/** The job row as `lockInstanceOf` reads it (see load-instance.ts). */
export interface CachedJob {
  key: string;
  state: string;
  retries: number;
  eik: string;
}

interface Entry {
  pi: ProcessInstance;
  model: ProcessModel;
  elements: ElementInstance[];
  variables: Map<string, Map<string, VariableRow>>;
  jobs: Map<string, CachedJob>;
}

/** Enough for every instance in flight at a few thousand instances/s. */
const MAX_ENTRIES = 10_000;

/**
 * An instance as this engine process last committed it, kept when that command created jobs:
 * completing such a job (the hot path) then needs no read statement. This is safe because the
 * completing command's write still checks the instance revision (see flush.ts): if any command
 * of any engine process changed the instance meanwhile, the write fails and the command re-runs
 * reading from the database. Only job activation changes a job without bumping the revision,
 * and it only moves ACTIVATABLE to ACTIVATED, which completion treats alike; so the cache
 * serves completion only. A command takes (removes) the entry it uses, so a failed attempt
 * never leaves half-changed objects behind.
 */
export class InstanceCache {
  private entries = new Map<string, Entry>();
  private jobIndex = new Map<string, string>();

  /** After a commit: forgets what the command touched, keeps what is worth keeping. */
  remember(cmd: Command): void {
    for (const key of cmd.instances.keys()) this.forget(key);
    if (cmd.instances.size !== 1) return;
    const [pi] = cmd.instances.values();
    const jobs = newJobs(cmd);
    if (pi.state !== 'ACTIVE' || jobs.size === 0) return;
    const elements = [...cmd.elements.values()].filter((e) => e.state === 'ACTIVE');
    const model = cmd.model(pi);
    const rev = pi.rev === null ? 0 : pi.rev + 1;
    this.entries.set(pi.key, {
      pi: { ...pi, rev },
      model,
      elements,
      variables: cmd.variables,
      jobs,
    });
    for (const jobKey of jobs.keys()) this.jobIndex.set(jobKey, pi.key);
    if (this.entries.size > MAX_ENTRIES) this.forget(this.entries.keys().next().value!);
  }

  /** Hands the instance that owns `jobKey` to `cmd` and returns the job; undefined if unknown. */
  takeByJob(cmd: Command, jobKey: string): CachedJob | undefined {
    const instanceKey = this.jobIndex.get(jobKey);
    const entry = instanceKey === undefined ? undefined : this.entries.get(instanceKey);
    if (!entry) return undefined;
    this.forget(entry.pi.key);
    cmd.instances.set(entry.pi.key, entry.pi);
    cmd.models.set(entry.pi.processDefinitionKey, entry.model);
    for (const e of entry.elements) cmd.elements.set(e.key, e);
    for (const [scope, vars] of entry.variables) cmd.variables.set(scope, vars);
    return entry.jobs.get(jobKey);
  }

  forget(instanceKey: string): void {
    const entry = this.entries.get(instanceKey);
    if (!entry) return;
    this.entries.delete(instanceKey);
    for (const jobKey of entry.jobs.keys()) this.jobIndex.delete(jobKey);
  }
}

/** Jobs the command created that outlive it (a job of an element that ended is never written). */
function newJobs(cmd: Command): Map<string, CachedJob> {
  const jobs = new Map<string, CachedJob>();
  for (const r of cmd.inserts.engine_jobs ?? []) {
    const eik = String(r.element_instance_key);
    if (cmd.closedElements.has(eik)) continue;
    const key = String(r.key);
    jobs.set(key, { key, state: String(r.state), retries: Number(r.retries), eik });
  }
  return jobs;
}
