/**
 * One process instance as the operator sees it (issue 11 item 3): its diagram, the elements it
 * went through and those active now, the count per element across the definition, its open
 * incidents, its variables, and its application. Every read goes through the SDK.
 */
import { findApplicationByProcessInstance } from '../../repositories/applications';
import { notFound } from '../auth/policy';
import type { UseCaseContext } from './context';
import { diagramElementNames } from './diagram-names';
import { engineReads } from './instance-engine';
import { instanceRow } from './instance-list';
import { engineOf } from './process-start';
import { restartableSteps } from './restart-steps';

/** What an element without a name in the diagram is called: its kind (Camunda 8.8's types). */
const KIND_NAMES: Readonly<Record<string, string>> = {
  START_EVENT: '开始',
  END_EVENT: '结束',
  EXCLUSIVE_GATEWAY: '排他网关',
  PARALLEL_GATEWAY: '并行网关',
  INCLUSIVE_GATEWAY: '包容网关',
  EVENT_BASED_GATEWAY: '事件网关',
  INTERMEDIATE_CATCH_EVENT: '中间事件',
  INTERMEDIATE_THROW_EVENT: '中间事件',
  BOUNDARY_EVENT: '边界事件',
  SERVICE_TASK: '服务任务',
  USER_TASK: '用户任务',
  SUB_PROCESS: '子流程',
  CALL_ACTIVITY: '调用活动',
  MULTI_INSTANCE_BODY: '多实例',
};

/** Element instances of one instance read at most (a loop over thousands is not a diagram). */
const MAX_ELEMENTS = 1000;
/** Active element instances of a definition counted at most for the overlays. */
const MAX_COUNTED = 10_000;

export async function instanceDetail(ctx: UseCaseContext, key: string) {
  const camunda = engineOf(ctx);
  const reads = engineReads(camunda);
  const instance = await reads.instance(key);
  if (!instance) throw notFound('流程实例');
  const definitionKey = String(instance.processDefinitionKey);
  const [xml, elements, incidents, variables, active, application] = await Promise.all([
    camunda.getProcessDefinitionXML(definitionKey),
    reads.elements({
      filter: { processInstanceKey: key },
      sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
      page: { limit: MAX_ELEMENTS },
    }),
    reads.incidents({
      filter: { processInstanceKey: key, state: 'ACTIVE' },
      sort: [{ field: 'creationTime', order: 'ASC' }],
      page: { limit: 100 },
    }),
    reads.variables({ filter: { processInstanceKey: key }, page: { limit: 1000 } }),
    reads.elements({
      filter: { processDefinitionKey: definitionKey, state: 'ACTIVE' },
      page: { limit: MAX_COUNTED },
    }),
    findApplicationByProcessInstance(ctx.db, key),
  ]);
  const names = await diagramElementNames(camunda, definitionKey);
  const activeCounts: Record<string, number> = {};
  for (const e of active.items) activeCounts[e.elementId] = (activeCounts[e.elementId] ?? 0) + 1;
  return {
    ...instanceRow(instance, application),
    xml,
    elements: elements.items.map((e) => ({
      elementInstanceKey: String(e.elementInstanceKey),
      elementId: e.elementId,
      elementName: names.get(e.elementId) ?? KIND_NAMES[e.type] ?? e.elementId,
      type: e.type,
      state: e.state,
      startDate: e.startDate,
      endDate: e.endDate ?? null,
      incidentKey: e.incidentKey ? String(e.incidentKey) : null,
    })),
    activeCounts,
    incidents: incidents.items.map((i) => ({
      incidentKey: String(i.incidentKey),
      elementId: i.elementId,
      elementName: names.get(i.elementId) ?? i.elementId,
      errorType: i.errorType,
      message: i.errorMessage ?? '',
      since: i.creationTime,
      jobKey: i.jobKey ? String(i.jobKey) : null,
    })),
    variables: variables.items
      .filter((v) => String(v.scopeKey) === key)
      .map((v) => ({ name: v.name, value: v.value, truncated: Boolean(v.isTruncated) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    restartableSteps:
      instance.state === 'ACTIVE' ? await restartableSteps(xml, instance.processDefinitionId) : [],
  };
}
