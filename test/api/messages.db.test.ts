import type { Knex } from 'knex';
import { createStaffUser } from '../../api/use-cases/staff';
import {
  ApiHarness,
  PASSWORD,
  expectProblem,
  login,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

function send(db: Knex, to: Record<string, string>, category: string, title: string, at: string) {
  return db('messages')
    .insert({ ...to, category, title, body: `${title}的内容`, created_at: at })
    .returning('id')
    .then(([r]) => String(r.id));
}

describe('api/messages - my messages', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should list my messages newest first, filter them, and mark one read', async () => {
    // given
    const me = await registeredPerson(api);
    const someoneElse = await registeredPerson(api);
    const db = api.t.db;
    const first = await send(
      db,
      { person_id: me.personId },
      'application',
      '申请已受理',
      '2025-01-01T00:00:00Z',
    );
    const second = await send(
      db,
      { person_id: me.personId },
      'certificate',
      '证书已签发',
      '2025-01-02T00:00:00Z',
    );
    await send(
      db,
      { person_id: someoneElse.personId },
      'certificate',
      '别人的',
      '2025-01-03T00:00:00Z',
    );
    // when
    const all = await api.request('GET', '/api/messages', { token: me.token });
    const read = await api.request('POST', `/api/messages/${first}/read`, { token: me.token });
    // then
    expect(all.body.map((m: { title: string }) => m.title)).toEqual(['证书已签发', '申请已受理']);
    expect(all.body[0]).toMatchObject({
      id: second,
      category: 'certificate',
      read: false,
      readAt: null,
    });
    expect(read.body).toMatchObject({ id: first, read: true });
    const unread = await api.request('GET', '/api/messages?unread=true', { token: me.token });
    expect(unread.body.map((m: { id: string }) => m.id)).toEqual([second]);
    const readOnly = await api.request('GET', '/api/messages?unread=false', { token: me.token });
    expect(readOnly.body.map((m: { id: string }) => m.id)).toEqual([first]);
    const byCategory = await api.request('GET', '/api/messages?category=application', {
      token: me.token,
    });
    expect(byCategory.body.map((m: { id: string }) => m.id)).toEqual([first]);
    // and reading again keeps the first read time
    const again = await api.request('POST', `/api/messages/${first}/read`, { token: me.token });
    expect(again.body.readAt).toBe(read.body.readAt);
  });

  it("should answer 404 for another recipient's message and leave it unread", async () => {
    const me = await registeredPerson(api);
    const enterprise = await registeredEnterprise(api);
    const theirs = await send(
      api.t.db,
      { enterprise_id: enterprise.enterpriseId },
      'employment',
      '聘用申请',
      '2025-01-01T00:00:00Z',
    );
    expectProblem(
      await api.request('POST', `/api/messages/${theirs}/read`, { token: me.token }),
      404,
      'not-found',
    );
    expect((await api.t.db('messages').where({ id: theirs }).first()).read_at).toBeNull();
    // while the enterprise sees and reads it
    const list = await api.request('GET', '/api/messages', { token: enterprise.token });
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([theirs]);
    expect(
      (await api.request('POST', `/api/messages/${theirs}/read`, { token: enterprise.token }))
        .status,
    ).toBe(200);
  });

  it('should refuse a bad filter and staff callers', async () => {
    const me = await registeredPerson(api);
    const res = await api.request('GET', '/api/messages?unread=yes', { token: me.token });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'unread', code: 'enum' })]);
    await createStaffUser(api.t.db, { role: 'association', username: 'assoc', password: PASSWORD });
    const staff = await login(api, 'assoc', PASSWORD);
    expectProblem(await api.request('GET', '/api/messages', { token: staff }), 403, 'forbidden');
  });
});
