/**
 * An application's progress along its diagram (issue 10 item 4): the main path's steps with
 * the Chinese names of the deployed diagram, each done, current or still ahead, from the
 * engine's element instances of its process instance. Read-only and tolerant like the other
 * engine reads: when the engine does not answer, `available` is false and the page shows the
 * timeline alone.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import type { Principal } from '../auth/principal';
import { visibleApplication } from './applications';
import type { UseCaseContext } from './context';
import { definitionGraph, mainPath, PathStep } from './diagram-path';
import { tolerant } from './process-facts';

export type StepStatus = 'done' | 'current' | 'stopped' | 'pending';

export interface ProgressStep extends PathStep {
  status: StepStatus;
  /** When the step was finished (done) or reached (current). */
  at: string | null;
}

interface ElementInstance {
  elementId: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate?: string;
  processDefinitionKey: string;
}

/** One instance's elements never reach this; a year of daily re-checks stays far below. */
const MAX_ELEMENT_INSTANCES = 10_000;

async function progressOf(
  camunda: CamundaRestClient,
  processInstanceKey: string,
): Promise<ProgressStep[] | null> {
  const found = await camunda.searchElementInstances({
    filter: { processInstanceKey },
    page: { limit: MAX_ELEMENT_INSTANCES },
  } as never);
  const instances = found.items as unknown as ElementInstance[];
  if (instances.length === 0) return null;
  const graph = await definitionGraph(
    (key) => camunda.getProcessDefinitionXML(key),
    String(instances[0].processDefinitionKey),
  );
  const byElement = new Map<string, ElementInstance[]>();
  for (const i of instances) byElement.set(i.elementId, [...(byElement.get(i.elementId) ?? []), i]);
  return mainPath(graph, new Set(byElement.keys())).map((step) => {
    const runs = byElement.get(step.elementId) ?? [];
    const active = runs.find((r) => r.state === 'ACTIVE');
    const completed = runs.filter((r) => r.state === 'COMPLETED').at(-1);
    const stopped = runs.find((r) => r.state === 'TERMINATED');
    if (active) return { ...step, status: 'current', at: active.startDate };
    if (completed) return { ...step, status: 'done', at: completed.endDate ?? null };
    if (stopped) return { ...step, status: 'stopped', at: stopped.endDate ?? null };
    return { ...step, status: 'pending', at: null };
  });
}

/** The progress of an application the principal may see (else 404). */
export async function applicationProgress(ctx: UseCaseContext, principal: Principal, id: string) {
  const a = await visibleApplication(ctx, principal, id);
  const camunda = ctx.camunda;
  const steps =
    camunda && a.processInstanceKey
      ? await tolerant('progress', () => progressOf(camunda, a.processInstanceKey!), null)
      : null;
  return { applicationId: a.id, available: steps !== null, steps: steps ?? [] };
}
