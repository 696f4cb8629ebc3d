/**
 * What the engine knows about applications' process instances and our rows do not (issue 8
 * item 7): an open incident, and the definition whose diagram names the timeline's steps.
 * Reads only, through the SDK: when the engine does not answer in time, the caller shows what
 * is stored — a read never fails because the engine is down.
 */
import type { CamundaRestClient } from '@camunda8/sdk';
import { logger } from '../../log/logger';
import { diagramElementNames } from './diagram-names';

/** An open incident as staff see it. */
export interface IncidentView {
  message: string;
  elementId: string;
  /** The element's Chinese name in the diagram; its id when the diagram cannot be read. */
  elementName: string;
  since: string;
}

/** How long a page of applications waits for the engine before showing stored states. */
const READ_TIMEOUT_MS = 2000;

/** `read`'s value, or `fallback` when the engine fails or is slower than READ_TIMEOUT_MS. */
export async function tolerant<T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ what }, 'api: the engine did not answer in time; showing stored data');
      resolve(fallback);
    }, READ_TIMEOUT_MS);
  });
  const answered = read().catch((err: unknown) => {
    logger.warn({ err, what }, 'api: the engine read failed; showing stored data');
    return fallback;
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface EngineIncident {
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  errorMessage?: string;
  creationTime: string;
}

async function elementName(camunda: CamundaRestClient, i: EngineIncident): Promise<string> {
  try {
    return (
      (await diagramElementNames(camunda, String(i.processDefinitionKey))).get(i.elementId) ??
      i.elementId
    );
  } catch {
    return i.elementId;
  }
}

/**
 * The oldest open incident of each of these instances, with one engine search for all of
 * them (a list page costs one request, not one per row).
 */
export async function openIncidents(
  camunda: CamundaRestClient,
  processInstanceKeys: readonly string[],
): Promise<Map<string, IncidentView>> {
  const found = new Map<string, IncidentView>();
  if (processInstanceKeys.length === 0) return found;
  const result = await camunda.searchIncidents({
    filter: { processInstanceKey: { $in: [...processInstanceKeys] }, state: 'ACTIVE' },
    sort: [{ field: 'creationTime', order: 'ASC' }],
    // Room for a few incidents per instance; 10000 is the API's largest page.
    page: { limit: Math.min(processInstanceKeys.length * 5, 10_000) },
  } as never);
  for (const i of result.items as unknown as EngineIncident[]) {
    const key = String(i.processInstanceKey);
    if (found.has(key)) continue;
    found.set(key, {
      message: i.errorMessage ?? '',
      elementId: i.elementId,
      elementName: await elementName(camunda, i),
      since: i.creationTime,
    });
  }
  return found;
}

/** The element names of the diagram an instance runs; empty when the engine does not know it. */
export async function instanceElementNames(
  camunda: CamundaRestClient,
  processInstanceKey: string,
): Promise<Map<string, string>> {
  const result = await camunda.searchProcessInstances({
    filter: { processInstanceKey },
    page: { limit: 1 },
  } as never);
  const instance = result.items[0] as unknown as { processDefinitionKey: string } | undefined;
  if (!instance) return new Map();
  return diagramElementNames(camunda, String(instance.processDefinitionKey));
}
