import type { Engine } from '../engine';
import { deploy } from '../commands/deploy';
import { deleteResource } from '../commands/delete-resource';
import { checkTenants } from '../commands/activate-jobs';
import type { Calls, Message } from './calls';
import { unimplemented } from './status';

type Deployed = Awaited<ReturnType<typeof deploy>>['deployments'][number];

/** A deployed resource as the gateway protocol's `Deployment` (a oneof of metadata). */
function deployment(d: Deployed): Message {
  if ('processDefinition' in d) {
    const p = d.processDefinition;
    return {
      process: {
        bpmnProcessId: p.processDefinitionId,
        version: p.processDefinitionVersion,
        processDefinitionKey: p.processDefinitionKey,
        resourceName: p.resourceName,
        tenantId: p.tenantId,
      },
    };
  }
  return { form: d.form };
}

/** https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/ — resources. */
export function resourceHandlers(engine: Engine, calls: Calls) {
  return {
    // What the desktop Camunda Modeler calls to deploy (a .bpmn, .form or .dmn resource).
    DeployResource: calls.unary('DeployResource', async (r) => {
      checkTenants([r.tenantId], 'Deploy Resources');
      const resources = (r.resources as Message[]).map((x) => ({
        name: x.name,
        content: x.content,
      }));
      const result = await deploy(engine.ctx, resources, '<default>');
      return {
        key: result.deploymentKey,
        deployments: result.deployments.map(deployment),
        tenantId: result.tenantId,
      };
    }),
    // Deprecated since 8.0, still in the protocol: processes only.
    DeployProcess: calls.unary('DeployProcess', async (r) => {
      const resources = (r.processes as Message[]).map((x) => ({
        name: x.name,
        content: x.definition,
      }));
      const result = await deploy(engine.ctx, resources, '<default>');
      return {
        key: result.deploymentKey,
        processes: result.deployments
          .map(deployment)
          .flatMap((d) => (d.process ? [d.process] : [])),
      };
    }),
    DeleteResource: calls.unary('DeleteResource', async (r) => {
      await deleteResource(engine, r.resourceKey);
      return {};
    }),
    EvaluateDecision: calls.unary('EvaluateDecision', async () => {
      throw unimplemented(
        'Decision evaluation is not supported by the embedded engine yet: it runs no DMN',
      );
    }),
  };
}
