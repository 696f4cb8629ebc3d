/**
 * Deploying from the modeler (issue 11): the same contract check as the problems panel, then
 * the diagram and its forms through the SDK; refused with every problem while one is an error.
 * In development the deployed files are also written back to processes/, so they can be
 * committed (the setting `processesWriteBack`; never in production).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors } from '../../../domain/process-contract';
import type { Deployed } from '../../../domain/process-contract/versions';
import { recordAudit } from '../../../repositories/audit-log';
import { recordDeployment } from '../../../repositories/process-drafts';
import { AppError } from '../../app-error';
import type { Principal } from '../../auth/principal';
import { engineStatus } from '../../engine-errors';
import type { UseCaseContext } from '../context';
import { engineOf } from '../process-start';
import { checkDiagram } from './diagram-check';
import { DiagramInput, checkForms, checkProcessOf } from './drafts';
import { processFiles } from './process-versions';

/** The engine's own reason for refusing a deployment (its problem detail), bounded. */
function engineReason(err: unknown): string {
  const body = (err as { response?: { body?: unknown } }).response?.body;
  try {
    const detail = JSON.parse(String(body)).detail;
    if (typeof detail === 'string') return detail.slice(0, 500);
  } catch {
    // not JSON: the message below
  }
  return String((err as Error).message ?? err).slice(0, 500);
}

function writeBack(dir: string, file: string, input: DiagramInput): string[] {
  writeFileSync(path.join(dir, file), input.xml);
  const written = [file];
  for (const [id, schema] of Object.entries(input.forms)) {
    writeFileSync(path.join(dir, `${id}.form`), `${JSON.stringify(schema, null, 2)}\n`);
    written.push(`${id}.form`);
  }
  return written;
}

/** The engine's latest version of the process before this deployment, null when none. */
async function latestVersion(ctx: UseCaseContext, processId: string): Promise<number | null> {
  const { items } = await engineOf(ctx).searchProcessDefinitions({
    filter: { processDefinitionId: processId },
    sort: [{ field: 'version', order: 'DESC' }],
    page: { from: 0, limit: 1 },
  });
  return items[0]?.version ?? null;
}

export async function deployDiagram(
  ctx: UseCaseContext,
  principal: Principal,
  processId: string,
  input: DiagramInput & { draftId?: string | null },
): Promise<Deployed> {
  const camunda = engineOf(ctx);
  checkForms(input.forms);
  await checkProcessOf(processId, input.xml);
  const { problems } = await checkDiagram(input.xml, Object.keys(input.forms));
  if (hasErrors(problems))
    throw new AppError(
      422,
      'diagram-has-problems',
      `流程图有 ${problems.filter((p) => p.severity === 'error').length} 个错误，不能部署`,
      [],
      { problems },
    );
  const file = processFiles().get(processId)?.file ?? `${processId}.bpmn`;
  const resources = [
    { name: file, content: input.xml },
    ...Object.entries(input.forms).map(([id, schema]) => ({
      name: `${id}.form`,
      content: JSON.stringify(schema, null, 2),
    })),
  ];
  const latestBefore = await latestVersion(ctx, processId);
  let deployment;
  try {
    deployment = await camunda.deployResources(resources);
  } catch (e) {
    if (engineStatus(e) === 400)
      throw new AppError(422, 'engine-refused', `流程引擎拒绝部署：${engineReason(e)}`);
    throw e;
  }
  const deployed = deployment.processes.find((p) => p.processDefinitionId === processId)!;
  const version = Number(deployed.processDefinitionVersion);
  const key = String(deployed.processDefinitionKey);
  const unchanged = latestBefore !== null && version <= latestBefore;
  await ctx.db.transaction(async (trx) => {
    // An unchanged diagram keeps its version, and that version's author.
    if (!unchanged)
      await recordDeployment(trx, {
        processId,
        version,
        processDefinitionKey: key,
        draftId: input.draftId ?? null,
        comment: input.comment,
        deployer: { accountId: principal.accountId, username: principal.username },
      });
    await recordAudit(trx, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: 'process.deploy',
      subjectType: 'process',
      subjectId: processId,
      details: { version, processDefinitionKey: key, comment: input.comment },
    });
  });
  const writtenBack = ctx.processesWriteBack ? writeBack(ctx.processesWriteBack, file, input) : [];
  return {
    processId,
    version,
    processDefinitionKey: key,
    unchanged,
    writtenBack,
  };
}
