import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert, makeEnterprise, makePerson } from './fixtures';

describe('migrations/008-messages - messages', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const message = { category: 'certificate', title: '证书已发放', body: '您的证书已发放。' };

  it.each([
    ['nobody', false, false, false],
    ['a person', true, false, true],
    ['an enterprise', false, true, true],
    ['both', true, true, false],
  ])('should, addressed to %s, allow: %s', async (_, toPerson, toEnterprise, allowed) => {
    // given
    const person_id = toPerson ? (await makePerson(t.db)).id : null;
    const enterprise_id = toEnterprise ? (await makeEnterprise(t.db)).id : null;
    // when
    const attempt = insert(t.db, 'messages', { ...message, person_id, enterprise_id });
    // then
    if (allowed) await expect(attempt).resolves.toBeDefined();
    else await expectViolation(attempt, 'messages_one_recipient');
  });

  it('should not send the same message twice for one dedupe key', async () => {
    // given a message sent by a job that is then retried
    const person = await makePerson(t.db);
    const sent = { ...message, person_id: person.id, dedupe_key: 'job:2251799813685300' };
    await insert(t.db, 'messages', sent);
    // when / then
    await expectViolation(insert(t.db, 'messages', sent), 'messages_dedupe_key_key');
  });

  it('should allow any number of messages without a dedupe key', async () => {
    const person = await makePerson(t.db);
    await insert(t.db, 'messages', { ...message, person_id: person.id });
    await expect(
      insert(t.db, 'messages', { ...message, person_id: person.id }),
    ).resolves.toBeDefined();
  });

  it("should delete a person's messages with the person", async () => {
    const person = await makePerson(t.db);
    await insert(t.db, 'messages', { ...message, person_id: person.id });
    await t.db('persons').where({ id: person.id }).delete();
    expect(await t.db('messages').where({ person_id: person.id })).toEqual([]);
  });
});
