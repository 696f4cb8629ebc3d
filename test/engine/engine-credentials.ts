import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { EngineAuth, startEngine } from '../../engine/start-engine';

/** The Basic credentials every test engine requires: tests talk to it as production does. */
export const TEST_ENGINE_USER = { username: 'test', password: randomBytes(12).toString('hex') };

export const testEngineAuth: EngineAuth = { basic: TEST_ENGINE_USER };

/** The Authorization header for raw fetches to a test engine. */
export const engineAuthHeader = {
  authorization: `Basic ${Buffer.from(`${TEST_ENGINE_USER.username}:${TEST_ENGINE_USER.password}`).toString('base64')}`,
};

/** The real SDK's REST client for the engine at `address`, with the test credentials. */
export function sdkClient(address: string, extra: Record<string, unknown> = {}) {
  return new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: TEST_ENGINE_USER.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: TEST_ENGINE_USER.password,
    CAMUNDA_LOG_LEVEL: 'none',
    ...extra,
  } as never).getCamundaRestClient();
}

/** The environment that makes `tsx engine/main.ts` or `main.ts` use the test credentials. */
export const engineEnv = {
  ENGINE_USERNAME: TEST_ENGINE_USER.username,
  ENGINE_PASSWORD: TEST_ENGINE_USER.password,
};

/** An engine as every test starts one: port 0 on 127.0.0.1, the test credentials, a controlled clock. */
export function startTestEngine(db: Knex) {
  return startEngine({
    db,
    port: 0,
    host: '127.0.0.1',
    auth: testEngineAuth,
    clockControlled: true,
  });
}
