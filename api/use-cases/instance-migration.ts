/**
 * Moving running applications to a new version of their diagram (issue 11 item 2), through
 * the SDK's `migrateProcessInstance`: the plan shows the elements where the source version's
 * instances wait, with how many wait there and the target's elements of the same kind (the
 * same id proposed); the migration moves all of them, or the chosen ones, with a result each.
 */
import { AppError } from '../app-error';
import type { Principal } from '../auth/principal';
import { recordAudit } from '../../repositories/audit-log';
import type { UseCaseContext } from './context';
import { diagramElementNames } from './diagram-names';
import { EngineDefinition, engineReads } from './instance-engine';
import { BatchReport, MAX_BATCH, runEach } from './instance-batch';
import { engineOf } from './process-start';
import { engineStatus } from '../engine-errors';

/** The problem+json `detail` of an SDK error's answer, or its message. */
function engineDetail(e: unknown): string {
  const body = (e as { response?: { body?: unknown } }).response?.body;
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    if (parsed && typeof parsed === 'object' && 'detail' in parsed) return String(parsed.detail);
  } catch {
    // not JSON: the message below
  }
  return String((e as Error).message ?? e);
}

export interface MigrationPlanQuery {
  processId: string;
  sourceVersion: string;
  targetVersion: string;
}

async function definition(ctx: UseCaseContext, processId: string, version: string) {
  const found = await engineReads(engineOf(ctx)).definitions({
    filter: { processDefinitionId: processId, version: Number(version) },
    page: { limit: 1 },
  });
  const d: EngineDefinition | undefined = found.items[0];
  if (!d) throw new AppError(404, 'not-found', `未找到流程 ${processId} 的第${version}版`);
  return { ...d, processDefinitionKey: String(d.processDefinitionKey) };
}

/** The waiting elements of the source version and the target's candidates for each. */
export async function migrationPlan(ctx: UseCaseContext, q: MigrationPlanQuery) {
  if (q.sourceVersion === q.targetVersion)
    throw new AppError(422, 'same-version', '源版本和目标版本相同，无需迁移');
  const camunda = engineOf(ctx);
  const reads = engineReads(camunda);
  const [source, target] = await Promise.all([
    definition(ctx, q.processId, q.sourceVersion),
    definition(ctx, q.processId, q.targetVersion),
  ]);
  const [waiting, instances, sourceNames, targetNames] = await Promise.all([
    reads.elements({
      filter: { processDefinitionKey: source.processDefinitionKey, state: 'ACTIVE' },
      page: { limit: 10_000 },
    }),
    reads.instances({
      filter: { processDefinitionKey: source.processDefinitionKey, state: 'ACTIVE' },
      sort: [{ field: 'processInstanceKey', order: 'ASC' }],
      page: { limit: MAX_BATCH },
    }),
    diagramElementNames(camunda, source.processDefinitionKey),
    diagramElementNames(camunda, target.processDefinitionKey),
  ]);
  const counts = new Map<string, { type: string; count: number }>();
  for (const e of waiting.items) {
    const c = counts.get(e.elementId) ?? { type: e.type, count: 0 };
    c.count += 1;
    counts.set(e.elementId, c);
  }
  const targets = [...targetNames].map(([elementId, name]) => ({ elementId, name }));
  return {
    sourceProcessDefinitionKey: source.processDefinitionKey,
    targetProcessDefinitionKey: target.processDefinitionKey,
    waiting: [...counts].map(([elementId, c]) => ({
      elementId,
      name: sourceNames.get(elementId) ?? elementId,
      type: c.type,
      count: c.count,
      proposedTarget: targetNames.has(elementId) ? elementId : null,
    })),
    targets,
    instances: instances.items.map((i) => String(i.processInstanceKey)),
    totalInstances: instances.total,
  };
}

export interface MigrationBody extends MigrationPlanQuery {
  mappings: Array<{ sourceElementId: string; targetElementId: string }>;
  /** The instances to move; all running ones of the source version when left out. */
  processInstanceKeys?: string[];
}

/** Migrates the chosen (or all) running instances of the source version, a result each. */
export async function migrateInstances(
  ctx: UseCaseContext,
  principal: Principal,
  body: MigrationBody,
): Promise<BatchReport> {
  const camunda = engineOf(ctx);
  const plan = await migrationPlan(ctx, body);
  const running = new Set(plan.instances);
  if (!body.processInstanceKeys && plan.totalInstances > MAX_BATCH)
    throw new AppError(
      422,
      'batch-too-large',
      `源版本有 ${plan.totalInstances} 个运行中的流程实例，超过单次迁移上限 ${MAX_BATCH} 个，请选择要迁移的实例`,
    );
  const keys = body.processInstanceKeys ?? plan.instances;
  return runEach(keys, async (key) => {
    if (!running.has(key))
      throw new AppError(409, 'not-in-source', '该流程实例不在源版本的运行中实例之列');
    try {
      await camunda.migrateProcessInstance({
        processInstanceKey: key,
        targetProcessDefinitionKey: plan.targetProcessDefinitionKey,
        mappingInstructions: body.mappings,
      });
    } catch (e) {
      // The engine's 400 and 409 name what the mapping lacks or breaks (Zeebe's rejection
      // texts): this instance's result, in the engine's words.
      const status = engineStatus(e);
      if (status !== 400 && status !== 409) throw e;
      throw new AppError(422, 'migration-refused', `流程引擎拒绝迁移：${engineDetail(e)}`);
    }
    await recordAudit(ctx.db, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: 'process-instance.migrate',
      subjectType: 'process-instance',
      subjectId: key,
      details: { from: body.sourceVersion, to: body.targetVersion, mappings: body.mappings },
    });
    return `已迁移到第${body.targetVersion}版`;
  });
}
