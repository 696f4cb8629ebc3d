import type { Camunda8 } from '@camunda8/sdk';
import * as b from './bpmn-builder';
import * as dmn from './dmn-builder';

type Client = ReturnType<Camunda8['getOrchestrationClusterApiClient']>;

const now = { consistency: { waitUpToMs: 0 } };
const id = (s: string) => s as never;

/** A graph of two decisions and a process whose business rule task calls one. */
export const decisionResources = {
  graph: dmn.drd(
    'conform-drd',
    dmn.literal('conform-base', 'amount * 2'),
    dmn.table(
      'conform-route',
      ['conform-base'],
      ['office'],
      [
        ['> 100', '"city"'],
        ['<= 100', '"local"'],
      ],
      {
        requires: ['conform-base'],
      },
    ),
  ),
  process: b.process(
    'conform-decide',
    b.start('s'),
    b.flow('s', 'decide'),
    b.decisionTask('decide', 'conform-route', 'office'),
    b.flow('decide', 'e'),
    b.end('e'),
  ),
};

/**
 * Drives every decision operation through the official client in strict validation: deploy,
 * evaluate, and search and get definitions, requirements (with XML) and instances.
 */
export async function driveDecisions(
  c: Client,
  file: (name: string, text: string) => File,
  evaluateRaw: (body: unknown) => Promise<unknown>,
) {
  const deployed = await c.createDeployment({
    resources: [
      file('conform.dmn', decisionResources.graph),
      file('conform-decide.bpmn', decisionResources.process),
    ],
  });
  const route = deployed.decisions.find((x) => x.decisionDefinitionId === 'conform-route')!;
  const drg = deployed.decisionRequirements[0];
  // 8.8's schema requires a non-empty `failedDecisionDefinitionId`, yet Camunda 8.8 answers a
  // successful evaluation with "" there (the record's empty default), as this engine does: the
  // strict client refuses that one field and nothing else.
  const refused = await c
    .evaluateDecision({ decisionDefinitionId: id('conform-route'), variables: { amount: 70 } })
    .then(
      () => [] as string[],
      (e: { issues?: string[] }) => e.issues ?? [String(e)],
    );
  const evaluated = (await evaluateRaw({
    decisionDefinitionId: 'conform-route',
    variables: { amount: 70 },
  })) as {
    output: string;
    failedDecisionDefinitionId: string;
    evaluatedDecisions: { decisionDefinitionId: string }[];
  };
  const created = await c.createProcessInstance({
    processDefinitionId: id('conform-decide'),
    variables: { amount: 10 },
  });
  const definitions = await c.searchDecisionDefinitions(
    { filter: { decisionDefinitionId: id('conform-route') } },
    now,
  );
  const definition = await c.getDecisionDefinition(
    { decisionDefinitionKey: route.decisionDefinitionKey! },
    now,
  );
  const definitionXml = await c.getDecisionDefinitionXml(
    { decisionDefinitionKey: route.decisionDefinitionKey! },
    now,
  );
  const graphs = await c.searchDecisionRequirements(
    { filter: { decisionRequirementsId: 'conform-drd' } },
    now,
  );
  const graph = await c.getDecisionRequirements(
    { decisionRequirementsKey: drg.decisionRequirementsKey! },
    now,
  );
  const graphXml = await c.getDecisionRequirementsXml(
    { decisionRequirementsKey: drg.decisionRequirementsKey! },
    now,
  );
  const instances = await c.searchDecisionInstances(
    {
      filter: {
        processInstanceKey: created.processInstanceKey,
        decisionDefinitionId: id('conform-route'),
      },
    },
    now,
  );
  const instance = await c.getDecisionInstance(
    { decisionEvaluationInstanceKey: instances.items![0].decisionEvaluationInstanceKey! },
    now,
  );
  return {
    deployed,
    refused,
    evaluated,
    definitions,
    definition,
    definitionXml,
    graphs,
    graph,
    graphXml,
    instances,
    instance,
  };
}
