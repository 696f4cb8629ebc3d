import type { Engine } from '../engine';
import type { EngineContext } from '../runtime/engine-context';
import { checkOperationReference, int64 } from '../rest/int64';
import { createInstance } from '../runtime/create-instance';
import { definitionById, definitionByKey, Definition } from '../runtime/definitions';
import { invalidArgument, notFound } from '../rest/engine-error';

export interface CreateRequest {
  processDefinitionId?: string;
  processDefinitionKey?: string | number;
  processDefinitionVersion?: number;
  variables?: Record<string, unknown> | null;
  startInstructions?: { elementId: string }[];
}

/** Finds the definition a create request names (by key, or by id and optional version). */
export async function resolveDefinition(
  engine: EngineContext,
  req: CreateRequest,
): Promise<Definition> {
  if (req.processDefinitionKey !== undefined && req.processDefinitionKey !== null) {
    const key = String(req.processDefinitionKey);
    if (!/^\d+$/.test(key))
      throw invalidArgument(`The provided processDefinitionKey '${key}' is not a valid key`);
    const def = await definitionByKey(engine.db, key);
    if (!def)
      throw notFound(
        'CREATE',
        `Expected to find process definition with key '${key}', but none found`,
      );
    return def;
  }
  if (!req.processDefinitionId)
    throw invalidArgument(
      'At least one of [processDefinitionId, processDefinitionKey] is required',
    );
  const version = req.processDefinitionVersion;
  const def = await definitionById(engine.db, req.processDefinitionId, version ?? undefined);
  if (!def)
    throw notFound(
      'CREATE',
      version !== undefined && version !== -1
        ? `Expected to find process definition with process ID '${req.processDefinitionId}' and version '${version}', but none found`
        : `Expected to find process definition with process ID '${req.processDefinitionId}', but none found`,
    );
  return def;
}

/** Creates and starts a process instance in one transaction. */
export async function createProcessInstance(engine: EngineContext, req: CreateRequest) {
  const def = await resolveDefinition(engine, req);
  if (
    req.variables !== undefined &&
    req.variables !== null &&
    (typeof req.variables !== 'object' || Array.isArray(req.variables))
  )
    throw invalidArgument('Expected variables to be a JSON object');
  const starts = (req.startInstructions ?? []).map((s) => s.elementId);
  for (const id of starts)
    if (!def.model.elements.has(id))
      throw invalidArgument(
        `Expected to create instance of process with start instructions but the element with id '${id}' targets unsupported element.`,
      );
  const pi = await engine.run(async (cmd) =>
    createInstance(cmd, def, { variables: req.variables, startInstructions: starts }),
  );
  return { def, pi };
}

/** Creates an instance for a create request; the answer when it does not await completion. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function startInstance(engine: Engine, body: Record<string, any>) {
  if (body.tenantId && body.tenantId !== '<default>')
    throw invalidArgument(
      `Expected to handle request Create Process Instance with tenant identifier '${body.tenantId}', but multi-tenancy is disabled`,
    );
  // Checked before the instance exists: a bad field must not leave an instance behind.
  checkOperationReference(body);
  int64(body.requestTimeout, 'requestTimeout');
  const { def, pi } = await createProcessInstance(engine.ctx, body);
  const result = {
    processDefinitionKey: def.key,
    processDefinitionId: def.bpmnProcessId,
    processDefinitionVersion: def.version,
    processInstanceKey: pi.key,
    tenantId: pi.tenantId,
    variables: {} as Record<string, unknown>,
  };
  return { pi, result };
}
