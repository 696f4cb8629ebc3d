import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import { freePort } from '../../helpers/free-port';
import { engineEnv, TEST_ENGINE_USER } from '../engine-credentials';
import { diagrams } from './diagrams';
import { until } from './grpc-harness';

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * The desktop Camunda Modeler's deployment, as its app/lib/zeebe-api does it: an address
 * without `http` is gRPC; `new Camunda8({ ZEEBE_GRPC_ADDRESS, zeebeGrpcSettings:
 * { ZEEBE_GRPC_CLIENT_RETRY: false }, CAMUNDA_AUTH_STRATEGY: 'BASIC', … })`, a Topology call to
 * check the connection and read the gateway version, `deployResource({ name, process })` with
 * the file's bytes, then `createProcessInstance` for "Start instance". Against the engine as
 * `npm run engine` serves it (engine/main.ts: the same standalone program over DATABASE_URL).
 */
describe('engine/grpc - deploying as the desktop Camunda Modeler does', () => {
  let t: TestDatabase;
  let program: ChildProcess;
  const output: string[] = [];
  let grpcPort: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    grpcPort = await freePort();
    const port = await freePort();
    program = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...engineEnv,
        DATABASE_URL: t.url,
        ENGINE_PORT: String(port),
        ENGINE_GRPC_PORT: String(grpcPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    program.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    program.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    await until(async () => output.join('').includes('Zeebe gRPC API on'), 20_000);
  });
  afterAll(async () => {
    if (program && program.exitCode === null) {
      const exited = new Promise((r) => program.once('exit', r));
      program.kill('SIGTERM');
      await exited;
    }
    await t?.drop();
  });

  const modeler = (password: string) =>
    new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort}`,
      zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_ENGINE_USER.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: password,
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getZeebeGrpcApiClient();

  it('should check the connection, deploy a .bpmn file and start an instance of it', async () => {
    const client = modeler(TEST_ENGINE_USER.password);
    try {
      expect((await client.topology()).gatewayVersion).toBe('8.8.0');
      const file = Buffer.from(diagrams.oneTask('modeler-task'), 'utf8');
      const deployed = await client.deployResource({ name: 'diagram_1.bpmn', process: file });
      expect(deployed.deployments[0].process).toMatchObject({
        bpmnProcessId: 'one-modeler-task',
        version: 1,
        resourceName: 'diagram_1.bpmn',
      });
      const started = await client.createProcessInstance({
        bpmnProcessId: 'one-modeler-task',
        variables: { 来源: '桌面建模器' },
      });
      expect(started.processInstanceKey).toMatch(/^\d+$/);
    } finally {
      await client.close();
    }
  });

  it('should tell the modeler "Unauthorized" for a wrong password, and deploy nothing', async () => {
    const client = modeler('not-the-password');
    try {
      const e = (await client
        .deployResource({ name: 'x.bpmn', process: Buffer.from(diagrams.oneTask('never')) })
        .catch((err: unknown) => err)) as { code: number; message: string };
      expect(e.code).toBe(16);
      // The Modeler's getErrorReason reads the message for this word (→ UNAUTHORIZED).
      expect(e.message).toContain('Unauthorized');
      const rows = await t.db('engine_process_definitions').where({ bpmn_process_id: 'one-never' });
      expect(rows).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
