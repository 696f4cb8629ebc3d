import type { Knex } from 'knex';
import { insertApplication } from '../../repositories/applications';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { insert, makeEnterprise, makePerson } from '../migrations/fixtures';

/* Every application's timeline starts with its submission, whoever submitted it. */
describe('repositories/applications - the submission opens the timeline', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const account = (db: Knex, row: Record<string, unknown>) =>
    insert(db, 'accounts', { password_hash: 'x', ...row });

  it.each([
    ['a person', 'person', '李四'],
    ['an enterprise', 'enterprise', '海东燃气有限公司'],
    ['staff', 'regulator', '主管部门（reviewer1）'],
    ['the system', null, '系统'],
  ])('should write submitted by %s', async (_who, role, shown) => {
    // given
    const enterprise = await makeEnterprise(t.db, { name: '海东燃气有限公司' });
    const person = await makePerson(t.db, { name: '李四' });
    let accountId: string | null = null;
    if (role === 'person')
      accountId = (await account(t.db, { role, username: person.id_number, person_id: person.id }))
        .id;
    if (role === 'enterprise')
      accountId = (
        await account(t.db, {
          role,
          username: enterprise.credit_code,
          enterprise_id: enterprise.id,
        })
      ).id;
    if (role === 'regulator') accountId = (await account(t.db, { role, username: 'reviewer1' })).id;
    // when
    const id = await t.db.transaction((trx) =>
      insertApplication(trx, {
        type: 'category-registration',
        state: 'awaiting-review',
        applicantAccountId: accountId,
        enterpriseId: enterprise.id,
        subject: {},
      }),
    );
    // then
    const application = await t.db('applications').where({ id }).first();
    const events = await t.db('application_events').where({ application_id: id });
    expect(events).toEqual([
      expect.objectContaining({
        step: 'submitted',
        actor_name: shown,
        actor_account_id: accountId,
        at: application.created_at,
        decision: null,
        comment: null,
      }),
    ]);
  });
});
