import type { Engine } from '../engine';
import { startInstance } from '../commands/create-instance';
import { awaitResult } from '../commands/await-result';
import { cancelInstance } from '../commands/cancel-instance';
import { modifyInstance } from '../commands/modify-instance';
import { migrateInstance } from '../commands/migrate-instance';
import { migrationRequest, modificationRequest } from '../rest/instance-requests';
import { setVariables } from '../commands/set-variables';
import { invalidArgument } from '../rest/engine-error';
import type { Calls, Message } from './calls';
import { given, parseDocument } from './documents';

/**
 * A CreateProcessInstanceRequest as the REST body the command takes: by key when one is given,
 * else by BPMN process id and version (-1, or 0 — proto3's "unset" — for the latest).
 */
function createBody(r: Message | null) {
  const key = given(r?.processDefinitionKey);
  if (!key && !r?.bpmnProcessId)
    throw invalidArgument(
      'Expected at least a bpmnProcessId or a key greater than -1, but none given',
    );
  return {
    ...(key
      ? { processDefinitionKey: key }
      : {
          processDefinitionId: r!.bpmnProcessId,
          ...(r!.version > 0 ? { processDefinitionVersion: r!.version } : {}),
        }),
    variables: parseDocument(r!.variables),
    startInstructions: r!.startInstructions ?? [],
    tenantId: r!.tenantId || undefined,
  };
}

/** https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/ — process instances. */
export function instanceHandlers(engine: Engine, calls: Calls) {
  const created = (result: Awaited<ReturnType<typeof startInstance>>['result']) => ({
    processDefinitionKey: result.processDefinitionKey,
    bpmnProcessId: result.processDefinitionId,
    version: result.processDefinitionVersion,
    processInstanceKey: result.processInstanceKey,
    tenantId: result.tenantId,
  });
  return {
    CreateProcessInstance: calls.unary('CreateProcessInstance', async (r) =>
      created((await startInstance(engine, createBody(r))).result),
    ),
    CreateProcessInstanceWithResult: calls.unary(
      'CreateProcessInstanceWithResult',
      async (r, signal) => {
        const { pi, result } = await startInstance(engine, createBody(r.request));
        const timeout = Number(r.requestTimeout) || undefined;
        const variables = await awaitResult(engine, pi.key, timeout, r.fetchVariables, signal);
        return { ...created(result), variables: JSON.stringify(variables) };
      },
    ),
    CancelProcessInstance: calls.unary('CancelProcessInstance', async (r) => {
      await cancelInstance(engine.ctx, r.processInstanceKey);
      return {};
    }),
    SetVariables: calls.unary('SetVariables', async (r) => ({
      key: await setVariables(engine, r.elementInstanceKey, parseDocument(r.variables), r.local),
    })),
    // The REST body checks (instance-requests.ts) on the translated message, then the command.
    ModifyProcessInstance: calls.unary('ModifyProcessInstance', async (r) => {
      const body = {
        activateInstructions: (r.activateInstructions as Message[]).map((a) => ({
          elementId: a.elementId,
          ancestorElementInstanceKey: given(a.ancestorElementInstanceKey),
          variableInstructions: (a.variableInstructions as Message[]).map((v) => ({
            variables: parseDocument(v.variables) ?? {},
            scopeId: v.scopeId || undefined,
          })),
        })),
        terminateInstructions: (r.terminateInstructions as Message[]).map((t) => ({
          elementInstanceKey: t.elementInstanceKey,
        })),
      };
      await modifyInstance(engine.ctx, r.processInstanceKey, modificationRequest(body));
      return {};
    }),
    MigrateProcessInstance: calls.unary('MigrateProcessInstance', async (r) => {
      const plan = (r.migrationPlan ?? {}) as Message;
      const body = {
        targetProcessDefinitionKey: given(plan.targetProcessDefinitionKey),
        mappingInstructions: plan.mappingInstructions ?? [],
      };
      await migrateInstance(engine.ctx, r.processInstanceKey, migrationRequest(body));
      return {};
    }),
  };
}
