import { randomBytes } from 'node:crypto';
import { startDatabase } from '../db/start-database';
import { engineSettings } from './config';
import { startEngine } from './start-engine';

/**
 * `npm run engine`: the engine alone on ENGINE_PORT (default 8080, the SDK's default address),
 * over the project's database (embedded PostgreSQL unless DATABASE_URL). Credentials as in
 * engine/config.ts; without ENGINE_PASSWORD a password is generated for this run and printed,
 * since whoever starts the engine alone is its only client.
 */
async function main(): Promise<void> {
  const generated = process.env.ENGINE_PASSWORD ? undefined : randomBytes(18).toString('base64url');
  const settings = engineSettings(process.env, generated ?? '');
  const database = await startDatabase({ log: (l) => process.env.DEBUG_PG && console.log(l) });
  const engine = await startEngine({ db: database.db, ...settings });
  console.log(
    `engine: Camunda 8.8 REST API on http://${settings.host}:${engine.address.port}/v2` +
      (settings.auth === 'none'
        ? ' without authentication (ENGINE_AUTH=none)'
        : `, Basic user ${settings.auth.basic!.username}` +
          (generated ? ` with the generated password ${generated}` : '')) +
      (settings.clockControlled ? '; clock controlled' : ''),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`engine: ${signal}, stopping`);
    await engine.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error('engine: failed to start', e);
  process.exit(1);
});
