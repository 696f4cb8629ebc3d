import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert } from './fixtures';

describe('migrations/024-analyst-role and 025-process-drafts - the modeler', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const account = (username: string, role: string) =>
    insert(t.db, 'accounts', { username, password_hash: 'x', role });

  it('should admit the analyst role beside the roles that were there', async () => {
    await expect(account('ana', 'analyst')).resolves.toMatchObject({ role: 'analyst' });
    await expect(account('reg', 'regulator')).resolves.toMatchObject({ role: 'regulator' });
    await expectViolation(account('nobody', 'analyzer'), 'accounts_role_check');
  });

  it('should keep drafts with their forms as an object and deployments once per version', async () => {
    const author = await account('ana2', 'analyst');
    const draft = await insert(t.db, 'process_drafts', {
      process_id: 'new-issue',
      xml: '<definitions/>',
      comment: '改候选组',
      author_account_id: author.id,
      author: 'ana2',
    });
    expect(draft).toMatchObject({ forms: {}, based_on_version: null });
    await expectViolation(
      insert(t.db, 'process_drafts', { ...draft, id: undefined, forms: JSON.stringify([1]) }),
      'process_drafts_forms_object',
    );
    const deployment = {
      process_id: 'new-issue',
      version: 2,
      process_definition_key: '42',
      draft_id: draft.id,
      comment: '改候选组',
      deployer: 'ana2',
    };
    await insert(t.db, 'process_deployments', deployment);
    await expectViolation(
      insert(t.db, 'process_deployments', deployment),
      'process_deployments_process_id_version_key',
    );
  });
});
