import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, makeEmployment, makeEnterprise, makePerson } from './fixtures';

describe('migrations/002-employments - employments', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should reject a second active employment of a person, even at another enterprise', async () => {
    // given
    const person = await makePerson(t.db);
    await makeEmployment(t.db, person.id, (await makeEnterprise(t.db)).id);
    const other = await makeEnterprise(t.db);
    // when / then
    await expectViolation(
      makeEmployment(t.db, person.id, other.id),
      'employments_one_active_per_person',
    );
  });

  it('should allow any number of ended employments beside the active one', async () => {
    // given
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await makeEmployment(t.db, person.id, enterprise.id, { state: 'ended' });
    await makeEmployment(t.db, person.id, enterprise.id, { state: 'ended' });
    // when
    const active = await makeEmployment(t.db, person.id, enterprise.id);
    // then
    expect(active.state).toBe('active');
  });

  it('should let a person start at a new enterprise once the old employment has ended', async () => {
    // given
    const person = await makePerson(t.db);
    const old = await makeEmployment(t.db, person.id, (await makeEnterprise(t.db)).id);
    await t
      .db('employments')
      .where({ id: old.id })
      .update({ state: 'ended', ended_at: new Date() });
    // when
    const next = await makeEmployment(t.db, person.id, (await makeEnterprise(t.db)).id);
    // then
    expect(next.id).not.toBe(old.id);
  });

  it('should reject a second open proposal of the same enterprise to the same person', async () => {
    // given
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await makeEmployment(t.db, person.id, enterprise.id, { state: 'proposed' });
    // when / then
    await expectViolation(
      makeEmployment(t.db, person.id, enterprise.id, { state: 'proposed' }),
      'employments_one_proposal_per_pair',
    );
    await expect(
      makeEmployment(t.db, person.id, (await makeEnterprise(t.db)).id, { state: 'proposed' }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['active without a start', { state: 'active', started_at: null }],
    ['proposed with a start', { state: 'proposed', started_at: '2024-01-02T00:00:00Z' }],
    ['ended without an end', { state: 'ended', ended_at: null }],
    ['declined with a start', { state: 'declined', started_at: '2024-01-02T00:00:00Z' }],
  ])('should reject an employment %s', async (_, over) => {
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await expectViolation(
      makeEmployment(t.db, person.id, enterprise.id, over),
      'employments_state_timestamps',
    );
  });

  it('should reject an unknown state', async () => {
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await expectViolation(
      makeEmployment(t.db, person.id, enterprise.id, { state: 'paused' }),
      'employments_state_check',
    );
  });

  it('should reject a contract that ends before it starts', async () => {
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await expectViolation(
      makeEmployment(t.db, person.id, enterprise.id, {
        contract_start: '2024-01-01',
        contract_end: '2023-12-31',
      }),
      'employments_contract_dates_ordered',
    );
  });

  it('should refuse to delete an enterprise that has employment history', async () => {
    // given
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    await makeEmployment(t.db, person.id, enterprise.id, { state: 'ended' });
    // when / then
    await expectViolation(
      t.db('enterprises').where({ id: enterprise.id }).delete(),
      'employments_enterprise_id_fkey',
    );
  });
});
