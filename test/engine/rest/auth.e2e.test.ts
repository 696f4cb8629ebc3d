import { startEngine, StartedEngine } from '../../../engine/start-engine';
import { isAuthorized } from '../../../engine/rest/auth';
import { problemFor } from '../../../engine/rest/app';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import {
  engineAuthHeader,
  sdkClient,
  TEST_ENGINE_USER,
  testEngineAuth,
} from '../engine-credentials';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('engine/rest/auth - nobody reaches the engine without credentials', () => {
  let t: TestDatabase;
  let engine: StartedEngine;
  let base: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    engine = await startEngine({
      db: t.db,
      port: 0,
      auth: { basic: TEST_ENGINE_USER, bearerTokens: ['token-one', 'token-two'] },
    });
    base = `http://127.0.0.1:${engine.address.port}`;
  });
  afterAll(async () => {
    await engine.stop();
    await t.drop();
  });

  it('should listen on 127.0.0.1 unless told otherwise', () => {
    expect(engine.address.address).toBe('127.0.0.1');
  });

  it.each([
    ['GET', '/v2/topology', undefined],
    ['POST', '/v2/user-tasks/search', '{}'],
    ['POST', '/v2/variables/search', '{}'],
    ['POST', '/v2/user-tasks/2251799813685249/completion', '{}'],
    ['PUT', '/v2/clock', '{"timestamp":1893456000000}'],
    // the fast lane answers these two without Express: it must not skip the check
    ['POST', '/v2/process-instances', '{"processDefinitionId":"x"}'],
    ['POST', '/v2/jobs/2251799813685249/completion', '{}'],
    ['POST', '/v2/deployments', undefined],
    ['GET', '/v2/no-such-endpoint', undefined],
  ])('should answer an anonymous %s %s with 401 problem+json', async (method, path, body) => {
    // when
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body,
    });
    // then
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toContain('Basic');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it.each([
    ['an empty header', ''],
    ['a wrong password', basic(TEST_ENGINE_USER.username, 'wrong')],
    ['a wrong user', basic('admin', TEST_ENGINE_USER.password)],
    ['an unknown bearer token', 'Bearer token-three'],
    ['a token prefix', 'Bearer token-on'],
    ['another scheme', `Digest ${TEST_ENGINE_USER.password}`],
  ])('should refuse %s', async (_label, authorization) => {
    const res = await fetch(`${base}/v2/topology`, { headers: { authorization } });
    expect(res.status).toBe(401);
  });

  it('should accept Basic credentials and either bearer token', async () => {
    for (const authorization of [
      engineAuthHeader.authorization,
      'Bearer token-one',
      'bearer token-two',
    ]) {
      const res = await fetch(`${base}/v2/topology`, { headers: { authorization } });
      expect(res.status).toBe(200);
    }
  });

  it('should serve the real SDK configured with CAMUNDA_AUTH_STRATEGY=BASIC', async () => {
    const topology = await sdkClient(base).getTopology();
    expect(topology.brokers).toHaveLength(1);
  });

  it('should not let an authenticated client move an uncontrolled clock', async () => {
    // given an engine started without clockControlled (as `npm start` starts it)
    // when
    const res = await fetch(`${base}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ timestamp: Date.parse('2030-01-01T00:00:00Z') }),
    });
    const reset = await fetch(`${base}/v2/clock/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
    });
    // then
    expect(res.status).toBe(403);
    expect(reset.status).toBe(403);
    expect(await res.json()).toMatchObject({ title: 'FORBIDDEN' });
    const row = await t.db('engine_clock').where({ id: 1 }).first('pinned_at');
    expect(row.pinned_at).toBeNull();
  });

  it('should forget a pin left by an earlier run when it starts with an uncontrolled clock', async () => {
    // given a second engine on the same database that controls the clock and pins it
    const controlled = await startEngine({
      db: t.db,
      port: 0,
      auth: testEngineAuth,
      clockControlled: true,
    });
    const pin = await fetch(`http://127.0.0.1:${controlled.address.port}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ timestamp: '1893456000000' }),
    });
    expect(pin.status).toBe(204);
    await controlled.stop();
    // when an engine starts without a controlled clock
    const plain = await startEngine({ db: t.db, port: 0, auth: testEngineAuth });
    await plain.stop();
    // then
    const row = await t.db('engine_clock').where({ id: 1 }).first('pinned_at');
    expect(row.pinned_at).toBeNull();
  });

  it.each([
    ['a key beyond int64', '/v2/user-tasks/99999999999999999999'],
    ['a key that is no number', '/v2/process-instances/abc'],
    ['a negative key', '/v2/incidents/-1'],
    ['a zero key', '/v2/element-instances/0'],
  ])('should answer %s with 400 INVALID_ARGUMENT', async (_label, path) => {
    const res = await fetch(base + path, { headers: engineAuthHeader });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ title: 'INVALID_ARGUMENT' });
  });

  it('should answer a completion of a job key beyond int64 with 400, not 500', async () => {
    const res = await fetch(`${base}/v2/jobs/99999999999999999999/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });

  it('should keep a NUL character in a variable intact, as Zeebe does', async () => {
    // given a deployed process
    const client = sdkClient(base);
    await client.deployResources([
      {
        name: 'nul.bpmn',
        content: `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="nul" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="u"/><bpmn:userTask id="u"/></bpmn:process></bpmn:definitions>`,
      },
    ]);
    // when
    const created = await client.createProcessInstance({
      processDefinitionId: 'nul',
      variables: { name: 'a\u0000b' },
    });
    // then
    const found = await client.searchVariables({
      filter: { processInstanceKey: created.processInstanceKey, name: 'name' },
    } as never);
    expect(JSON.parse(found.items[0].value)).toBe('a\u0000b');
  });
});

describe('engine/rest/auth - isAuthorized', () => {
  const auth = { basic: { username: 'u', password: 'p:w' } };
  it.each([
    [basic('u', 'p:w'), true],
    [`  ${basic('u', 'p:w')}  `, true],
    [basic('u', 'p'), false],
    ['Basic', false],
    ['Basic !!!', false],
    [undefined, false],
  ])('should judge %p as %p', (header, expected) => {
    expect(isAuthorized(auth, header)).toBe(expected);
  });

  it('should let everything through only when auth is explicitly none', () => {
    expect(isAuthorized('none', undefined)).toBe(true);
    expect(isAuthorized('none', '')).toBe(true);
  });
});

describe('engine/rest/app - problemFor', () => {
  it('should not put SQL or stack text of an internal error in the answer', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = Object.assign(new Error('insert into "engine_jobs" ("key") values ($1) - boom'), {
      code: 'XX000',
    });
    const p = problemFor(err, 'POST', '/v2/x');
    expect(p.status).toBe(500);
    expect(p.body).not.toMatch(/insert|engine_jobs|boom|at /);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('should answer a PostgreSQL data exception as the client error it is', () => {
    const err = Object.assign(new Error('value "99999999999999999999" is out of range'), {
      code: '22003',
    });
    const p = problemFor(err, 'GET', '/v2/x');
    expect(p.status).toBe(400);
    expect(p.body).not.toContain('out of range for type');
    expect(JSON.parse(p.body).title).toBe('INVALID_ARGUMENT');
  });
});
