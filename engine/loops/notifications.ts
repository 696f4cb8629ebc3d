import type { Engine } from '../engine';
import { forgetLatest } from '../runtime/definitions';

/**
 * LISTENs on one pooled connection for the NOTIFYs the engine's triggers send on commit: new
 * or re-activatable jobs (by type) and ended process instances, from any engine process.
 */
export async function listenForEvents(engine: Engine): Promise<{ stop(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = engine.db.client as any;
  const conn = await client.acquireConnection();
  const onNotification = (msg: { channel: string; payload?: string }) => {
    if (msg.channel === 'engine_jobs') engine.jobs.notify(msg.payload ?? '');
    else if (msg.channel === 'engine_instances') engine.instances.notify(msg.payload ?? '');
    else if (msg.channel === 'engine_deployments') forgetLatest(msg.payload || undefined);
  };
  const onError = () => {
    engine.jobs.notifyAll();
    forgetLatest();
  };
  conn.on('notification', onNotification);
  conn.on('error', onError);
  await conn.query('listen engine_jobs');
  await conn.query('listen engine_instances');
  await conn.query('listen engine_deployments');
  return {
    stop: async () => {
      conn.removeListener('notification', onNotification);
      try {
        await conn.query('unlisten *');
      } catch {
        // the connection may already be gone; it is released either way
      }
      conn.removeListener('error', onError);
      await client.releaseConnection(conn);
    },
  };
}
