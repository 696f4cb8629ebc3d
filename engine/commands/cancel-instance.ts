import type { EngineContext } from '../runtime/engine-context';
import { lockInstance } from '../sql/load-instance';
import { terminateElement } from '../runtime/lifecycle';
import { notFound } from '../rest/engine-error';

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/cancel-process-instance/ */
export function cancelInstance(engine: EngineContext, key: string): Promise<void> {
  const missing = () =>
    notFound(
      'CANCEL',
      `Expected to cancel a process instance with key '${key}', but no such process instance was found`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  return engine.run(async (cmd) => {
    const pi = await lockInstance(cmd, key);
    if (!pi || pi.state !== 'ACTIVE') throw missing();
    if (pi.parentProcessInstanceKey)
      throw notFound(
        'CANCEL',
        `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. Cancel the root process instance '${pi.parentProcessInstanceKey}' instead.`,
      );
    await terminateElement(cmd, cmd.elements.get(key)!);
  });
}
