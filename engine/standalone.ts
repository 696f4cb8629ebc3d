import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { engineSettings } from './config';
import { startEngine } from './start-engine';

/**
 * Serves the engine alone over `db` on ENGINE_PORT (default 8080, the SDK's default address)
 * until SIGINT or SIGTERM, then calls `release` (the caller's database). Credentials as in
 * config.ts; without ENGINE_PASSWORD a password is generated for this run and printed, since
 * whoever starts the engine alone is its only client.
 */
export async function serveStandalone(db: Knex, release: () => Promise<void>): Promise<void> {
  const generated = process.env.ENGINE_PASSWORD ? undefined : randomBytes(18).toString('base64url');
  const settings = engineSettings(process.env, generated ?? '');
  const engine = await startEngine({ db, ...settings });
  console.log(
    `engine: Camunda 8.8 REST API on http://${settings.host}:${engine.address.port}/v2` +
      (settings.auth === 'none'
        ? ' without authentication (ENGINE_AUTH=none)'
        : `, Basic user ${settings.auth.basic!.username}` +
          (generated ? ` with the generated password ${generated}` : '')) +
      (engine.grpcAddress
        ? `; Zeebe gRPC API on ${settings.host}:${engine.grpcAddress.port} (same credentials)`
        : '') +
      (settings.clockControlled ? '; clock controlled' : ''),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`engine: ${signal}, stopping`);
    await engine.stop();
    await release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
