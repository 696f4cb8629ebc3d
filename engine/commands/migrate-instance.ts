import type { EngineContext } from '../runtime/engine-context';
import { definitionByKey } from '../runtime/definitions';
import { MappingInstruction, planMigration } from '../runtime/migration-plan';
import { lockInstance } from '../sql/load-instance';
import { migrateRows } from '../sql/migrate-rows';
import { openEventSubscription } from '../elements/subscriptions';
import { notFound } from '../rest/engine-error';

export interface MigrateRequest {
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
}

/**
 * https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/migrate-process-instance/
 * Moves a running instance to another definition in one transaction: all or nothing. Active
 * elements keep their keys, jobs (type and all), user tasks (key, assignee), variables and
 * incidents; expressions and input mappings are not evaluated again. Catch events: mapped ones
 * keep their subscription, unmapped ones close, new ones open (docs: "Dealing with catch events").
 */
export function migrateInstance(
  engine: EngineContext,
  key: string,
  req: MigrateRequest,
): Promise<void> {
  const missing = () =>
    notFound(
      'MIGRATE',
      `Expected to migrate process instance but no process instance found with key '${key}'`,
    );
  return engine.run(async (cmd) => {
    const pi = await lockInstance(cmd, key);
    if (!pi || pi.state !== 'ACTIVE') throw missing();
    const target = await definitionByKey(cmd.db, String(req.targetProcessDefinitionKey));
    if (!target)
      throw notFound(
        'MIGRATE',
        `Expected to migrate process instance to process definition but no process definition found with key '${req.targetProcessDefinitionKey}'`,
      );
    const active = [...cmd.elements.values()].filter(
      (e) => e.processInstanceKey === pi.key && e.state === 'ACTIVE',
    );
    const plan = planMigration(
      pi.key,
      cmd.model(pi),
      target.model,
      active,
      req.mappingInstructions,
    );
    await migrateRows(await cmd.tx(), {
      processInstanceKey: pi.key,
      definition: { key: target.key, bpmnProcessId: target.bpmnProcessId, version: target.version },
      elements: plan.moves.map((m) => ({
        key: m.ei.key,
        elementId: m.targetId,
        elementName: m.targetName,
      })),
      kept: plan.moves.flatMap((m) => m.keep.map((k) => ({ eik: m.ei.key, ...k }))),
      dropped: plan.moves.flatMap((m) => m.drop.map((elementId) => ({ eik: m.ei.key, elementId }))),
    });
    // The in-memory view follows, so the rest of the command (new subscriptions) sees the target.
    pi.processDefinitionKey = target.key;
    pi.bpmnProcessId = target.bpmnProcessId;
    pi.version = target.version;
    cmd.models.set(target.key, target.model);
    for (const m of plan.moves) {
      Object.assign(m.ei, {
        processDefinitionKey: target.key,
        bpmnProcessId: target.bpmnProcessId,
        elementId: m.targetId,
        elementName: m.targetName,
      });
    }
    for (const r of plan.rewritten) {
      Object.assign(r.ei.data, r.data);
      cmd.touchElement(r.ei);
    }
    for (const m of plan.moves)
      for (const event of m.open) await openEventSubscription(cmd, m.ei, event);
  });
}
