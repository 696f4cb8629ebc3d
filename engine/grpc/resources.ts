import type { Engine } from '../engine';
import { deploy } from '../commands/deploy';
import { deleteResource } from '../commands/delete-resource';
import { checkTenants } from '../commands/activate-jobs';
import type { Calls, Message } from './calls';
import { evaluateDecisionCommand } from '../commands/evaluate-decision';
import { given, parseDocument } from './documents';

type Deployed = Awaited<ReturnType<typeof deploy>>['deployments'][number];

/** A deployed resource as the gateway protocol's `Deployment` (a oneof of metadata). */
function deployment(d: Deployed): Message {
  if (d.processDefinition) {
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
  if (d.decisionDefinition) {
    const x = d.decisionDefinition;
    return {
      decision: {
        dmnDecisionId: x.decisionDefinitionId,
        dmnDecisionName: x.name,
        version: x.version,
        decisionKey: x.decisionDefinitionKey,
        dmnDecisionRequirementsId: x.decisionRequirementsId,
        decisionRequirementsKey: x.decisionRequirementsKey,
        tenantId: x.tenantId,
      },
    };
  }
  if (d.decisionRequirements) {
    const x = d.decisionRequirements;
    return {
      decisionRequirements: {
        dmnDecisionRequirementsId: x.decisionRequirementsId,
        dmnDecisionRequirementsName: x.decisionRequirementsName,
        version: x.version,
        decisionRequirementsKey: x.decisionRequirementsKey,
        resourceName: x.resourceName,
        tenantId: x.tenantId,
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
    // The REST face's command; its answer renamed to the protocol's fields.
    EvaluateDecision: calls.unary('EvaluateDecision', async (r) => {
      checkTenants([r.tenantId], 'Evaluate Decision');
      const key = given(r.decisionKey);
      const d = await evaluateDecisionCommand(engine.ctx, {
        ...(key ? { decisionDefinitionKey: key } : {}),
        ...(r.decisionId ? { decisionDefinitionId: r.decisionId } : {}),
        variables: parseDocument(r.variables) ?? {},
      });
      return {
        decisionKey: d.decisionDefinitionKey,
        decisionId: d.decisionDefinitionId,
        decisionName: d.decisionDefinitionName,
        decisionVersion: d.decisionDefinitionVersion,
        decisionRequirementsId: d.decisionRequirementsId,
        decisionRequirementsKey: d.decisionRequirementsKey,
        decisionOutput: d.output,
        evaluatedDecisions: d.evaluatedDecisions.map((e) => ({
          decisionKey: e.decisionDefinitionKey,
          decisionId: e.decisionDefinitionId,
          decisionName: e.decisionDefinitionName,
          decisionVersion: e.decisionDefinitionVersion,
          decisionType: e.decisionDefinitionType,
          decisionOutput: e.output,
          matchedRules: e.matchedRules,
          evaluatedInputs: e.evaluatedInputs,
          tenantId: e.tenantId,
        })),
        failedDecisionId: d.failedDecisionDefinitionId,
        failureMessage: d.failureMessage,
        tenantId: d.tenantId,
        decisionInstanceKey: d.decisionInstanceKey,
      };
    }),
  };
}
