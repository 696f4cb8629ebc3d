import { listSource } from '../../../db/migration-source';
import { migrateEngine } from '../../../engine';
import { engineMigrations } from '../../../engine/migrations';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';

const job = (key: number) => ({
  key,
  type: 'old-type',
  state: 'ACTIVATABLE',
  retries: 3,
  process_instance_key: 1,
  element_instance_key: key,
  process_definition_key: 1,
  bpmn_process_id: 'p',
  version: 1,
  element_id: 't',
});

const task = (key: number, creationDate: string) => ({
  key,
  element_instance_key: key,
  process_instance_key: 1,
  process_definition_key: 1,
  bpmn_process_id: 'p',
  version: 1,
  element_id: 'u',
  state: 'CREATED',
  creation_date: creationDate,
});

describe('engine/migrations/004-ready-order - places in line for jobs and user tasks', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    // given jobs and user tasks written before the migration
    t = await createTestDatabase({ migrate: false });
    await t.db.migrate.latest({
      migrationSource: listSource(engineMigrations.slice(0, 3)),
      tableName: 'engine_knex_migrations',
    });
    await t.db('engine_jobs').insert([job(30), job(10), job(20)]);
    await t
      .db('engine_user_tasks')
      .insert([task(1, '2025-01-02T00:00:00Z'), task(2, '2025-01-01T00:00:00Z')]);
    // when
    await migrateEngine(t.db);
  });
  afterAll(() => t.drop());

  it('should number existing jobs in key order and new ones after them', async () => {
    await t.db('engine_jobs').insert(job(5));
    const rows = await t.db('engine_jobs').orderBy('ready_seq').select('key');
    expect(rows.map((r) => Number(r.key))).toEqual([10, 20, 30, 5]);
  });

  it('should number existing user tasks in creation order and new ones after them', async () => {
    await t.db('engine_user_tasks').insert(task(0, '2024-01-01T00:00:00Z'));
    const rows = await t.db('engine_user_tasks').orderBy('creation_seq').select('key');
    expect(rows.map((r) => Number(r.key))).toEqual([2, 1, 0]);
  });
});
