import type { MigrateRequest } from '../commands/migrate-instance';
import type { ModifyRequest } from '../commands/modify-instance';
import { invalidArgument } from './engine-error';
import { isKey } from './key-param';

/*
 * The bodies of the migration and modification requests, checked as Camunda's gateway checks
 * them before the command runs (400 with the offending field), so a malformed request never
 * reaches the engine.
 */

type Body = Record<string, unknown>;

const isObject = (v: unknown): v is Body => !!v && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
const keyLike = (v: unknown) =>
  (typeof v === 'number' || typeof v === 'string') && isKey(String(v));

function list(body: Body, name: string, required: boolean): Body[] {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw invalidArgument(`No ${name} provided.`);
    return [];
  }
  if (!Array.isArray(v) || !v.every(isObject))
    throw invalidArgument(`The value for ${name} must be an array of objects.`);
  if (required && v.length === 0) throw invalidArgument(`No ${name} provided.`);
  return v;
}

/** `POST /v2/process-instances/{key}/migration`. */
export function migrationRequest(body: unknown): MigrateRequest {
  const b = isObject(body) ? body : {};
  if (b.targetProcessDefinitionKey === undefined || b.targetProcessDefinitionKey === null)
    throw invalidArgument('No targetProcessDefinitionKey provided.');
  if (!keyLike(b.targetProcessDefinitionKey))
    throw invalidArgument(
      `The value for targetProcessDefinitionKey is '${String(b.targetProcessDefinitionKey).slice(0, 40)}' but must be a non-negative numeric value.`,
    );
  const mappingInstructions = list(b, 'mappingInstructions', true).map((m) => {
    if (!nonEmpty(m.sourceElementId) || !nonEmpty(m.targetElementId))
      throw invalidArgument(
        'No sourceElementId or targetElementId provided in mappingInstructions.',
      );
    return {
      sourceElementId: String(m.sourceElementId),
      targetElementId: String(m.targetElementId),
    };
  });
  return { targetProcessDefinitionKey: String(b.targetProcessDefinitionKey), mappingInstructions };
}

/** `POST /v2/process-instances/{key}/modification`. */
export function modificationRequest(body: unknown): ModifyRequest {
  const b = isObject(body) ? body : {};
  const activateInstructions = list(b, 'activateInstructions', false).map((a) => {
    if (!nonEmpty(a.elementId))
      throw invalidArgument('No elementId provided in activateInstructions.');
    const ancestor = a.ancestorElementInstanceKey;
    if (
      ancestor !== undefined &&
      ancestor !== null &&
      String(ancestor) !== '-1' &&
      !keyLike(ancestor)
    )
      throw invalidArgument(
        `The value for ancestorElementInstanceKey is '${String(ancestor).slice(0, 40)}' but must be a non-negative numeric value.`,
      );
    const variableInstructions = list(a, 'variableInstructions', false).map((v) => {
      if (!isObject(v.variables))
        throw invalidArgument('No variables provided in variableInstructions.');
      if (v.scopeId !== undefined && v.scopeId !== null && typeof v.scopeId !== 'string')
        throw invalidArgument('The value for scopeId must be a string.');
      return { variables: v.variables, scopeId: (v.scopeId as string) || undefined };
    });
    return {
      elementId: String(a.elementId),
      ancestorElementInstanceKey:
        ancestor === undefined || ancestor === null || String(ancestor) === '-1'
          ? undefined
          : String(ancestor),
      variableInstructions,
    };
  });
  const terminateInstructions = list(b, 'terminateInstructions', false).map((t) => {
    if (!keyLike(t.elementInstanceKey))
      throw invalidArgument(
        `The value for elementInstanceKey is '${String(t.elementInstanceKey).slice(0, 40)}' but must be a non-negative numeric value.`,
      );
    return { elementInstanceKey: String(t.elementInstanceKey) };
  });
  return { activateInstructions, terminateInstructions };
}
