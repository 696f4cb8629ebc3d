import { createTestDatabase, TestDatabase } from '../helpers/test-database';

describe('db/test-database - isolated databases', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should give each test file its own migrated database', async () => {
    // given / when
    const rows = await t.db.raw('select current_database() as name');
    // then
    expect(rows.rows[0].name).toMatch(/^t_/);
    expect(await t.db.schema.hasTable('knex_migrations')).toBe(true);
    expect(await t.db.schema.hasTable('engine_knex_migrations')).toBe(true);
  });
});
