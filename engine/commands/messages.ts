import type { EngineContext } from '../runtime/engine-context';
import { correlateMessage } from './correlate';
import { alreadyExists, invalidArgument, notFound } from '../rest/engine-error';

export interface MessageRequest {
  name?: string;
  correlationKey?: string | number | null;
  timeToLive?: number;
  messageId?: string | null;
  variables?: Record<string, unknown> | null;
}

function validate(req: MessageRequest) {
  if (!req.name) throw invalidArgument('No messageName provided.');
  if (
    req.variables !== undefined &&
    req.variables !== null &&
    (typeof req.variables !== 'object' || Array.isArray(req.variables))
  )
    throw invalidArgument('Expected variables to be a JSON object');
  return {
    name: req.name,
    correlationKey: String(req.correlationKey ?? ''),
    variables: req.variables ?? null,
  };
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/publish-a-message/ */
export function publishMessage(engine: EngineContext, req: MessageRequest): Promise<string> {
  const { name, correlationKey, variables } = validate(req);
  const ttl = Math.max(0, Number(req.timeToLive ?? 0) || 0);
  return engine.run(async (cmd) => {
    const key = cmd.key();
    if (req.messageId) {
      const dup = await (
        await cmd.tx()
      )('engine_messages')
        .where({ name, message_id: req.messageId })
        .andWhere('expires_at', '>', cmd.now)
        .first('key');
      if (dup)
        throw alreadyExists(
          'PUBLISH',
          `Expected to publish a new message with id '${req.messageId}', but a message with that id was already published`,
        );
      await (await cmd.tx())('engine_messages').where({ name, message_id: req.messageId }).delete();
    }
    const { processIds } = await correlateMessage(cmd, name, correlationKey, variables);
    if (ttl > 0) {
      cmd.insert('engine_messages', {
        key,
        name,
        correlation_key: correlationKey,
        message_id: req.messageId ?? null,
        variables: JSON.stringify(variables ?? {}),
        expires_at: new Date(cmd.now.getTime() + ttl),
        tenant_id: '<default>',
      });
      for (const p of processIds)
        cmd.insert('engine_message_correlations', { message_key: key, bpmn_process_id: p });
    }
    return key;
  });
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/correlate-a-message/ */
export function correlate(
  engine: EngineContext,
  req: MessageRequest,
): Promise<{ messageKey: string; processInstanceKey: string }> {
  const { name, correlationKey, variables } = validate(req);
  return engine.run(async (cmd) => {
    const key = cmd.key();
    const { instanceKeys } = await correlateMessage(cmd, name, correlationKey, variables);
    if (!instanceKeys.length)
      throw notFound(
        'CORRELATE',
        `Expected to find subscription for message with name '${name}' and correlation key '${correlationKey}', but none was found.`,
      );
    return { messageKey: key, processInstanceKey: instanceKeys[0] };
  });
}
