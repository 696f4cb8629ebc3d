import { Camunda8 } from '@camunda8/sdk';
import { ZBClient } from 'zeebe-node';
import type { Knex } from 'knex';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import { startEngine, StartedEngine } from '../../../engine/start-engine';
import { sdkClient, TEST_ENGINE_USER, testEngineAuth } from '../engine-credentials';
import { eventually } from '../engine-harness';

/** The SDK's settings for the engine's gRPC face at `address` (host:port), Basic credentials. */
export function sdkGrpcConfig(address: string, extra: Record<string, unknown> = {}) {
  return {
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: TEST_ENGINE_USER.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: TEST_ENGINE_USER.password,
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    ...extra,
  };
}

/** `@camunda8/sdk`'s gRPC client (`getZeebeGrpcApiClient()`) for the engine at `address`. */
export function sdkGrpcClient(address: string, extra: Record<string, unknown> = {}) {
  return new Camunda8(sdkGrpcConfig(address, extra) as never).getZeebeGrpcApiClient();
}

/** zeebe-node 8.3.2's client for the engine at `address`, Basic credentials, plaintext. */
export function zeebeNodeClient(address: string, options: Record<string, unknown> = {}) {
  return new ZBClient(address, {
    basicAuth: { ...TEST_ENGINE_USER },
    useTLS: false,
    loglevel: 'NONE',
    ...options,
  } as never);
}

export interface GrpcHarness {
  db: TestDatabase;
  engine: StartedEngine;
  /** host:port of the gRPC face. */
  grpcAddress: string;
  /** The REST face, for the checks gRPC has no call for (searches). */
  rest: ReturnType<typeof sdkClient>;
  stop(): Promise<void>;
}

/** An engine with both faces on free ports, behind the test credentials, clock controlled. */
export async function startGrpcEngine(db?: Knex): Promise<GrpcHarness & { dbOwned: boolean }> {
  const t = db ? undefined : await createTestDatabase();
  const engine = await startEngine({
    db: db ?? t!.db,
    port: 0,
    grpcPort: 0,
    host: '127.0.0.1',
    auth: testEngineAuth,
    clockControlled: true,
  });
  return {
    db: t as TestDatabase,
    dbOwned: !!t,
    engine,
    grpcAddress: `127.0.0.1:${engine.grpcAddress!.port}`,
    rest: sdkClient(`http://127.0.0.1:${engine.address.port}`),
    stop: async () => {
      await engine.stop();
      await t?.drop();
    },
  };
}

/** Polls until a condition holds (the engine harness's `eventually`). */
export const until = eventually;

/** The rejection a call ends with: its gRPC code and details. */
export async function rejection(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: number; details: string };
    return { code: err.code, details: err.details };
  }
  throw new Error('expected the call to be rejected');
}

/** The state of a process instance, through the REST face (gRPC has no search). */
export async function stateOf(h: GrpcHarness, processInstanceKey: string) {
  return (await h.rest.searchProcessInstances({ filter: { processInstanceKey } })).items[0]?.state;
}

/** The active incident of an instance, once there is one. */
export function incidentOf(h: GrpcHarness, processInstanceKey: string) {
  return until(async () => {
    const r = await h.rest.searchIncidents({
      filter: { processInstanceKey, state: 'ACTIVE' },
    } as never);
    return r.items[0] as { incidentKey: string; errorType: string } | undefined;
  });
}

/** The next job of a type, activated over gRPC by either client (up to 2 s of long polling). */
export function activateOne<C extends { activateJobs(request: never): Promise<unknown> }>(
  client: C,
  type: string,
): ReturnType<C['activateJobs']> {
  return client.activateJobs({
    type,
    worker: 'w',
    timeout: 10_000,
    maxJobsToActivate: 1,
    requestTimeout: 2000,
  } as never) as ReturnType<C['activateJobs']>;
}
