import type { Knex } from 'knex';
import { listSource } from '../../db/migration-source';
import { appMigrations } from '../../migrations';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const source = { migrationSource: listSource(appMigrations) };

const TABLES = [
  'accounts',
  'api_keys',
  'application_certificates',
  'application_events',
  'applications',
  'audit_log',
  'ce_records',
  'ce_reviews',
  'certificate_abnormal_reasons',
  'certificate_issuances',
  'certificate_number_periods',
  'certificate_numbers',
  'certificates',
  'employments',
  'enterprise_names',
  'enterprises',
  'exam_results',
  'job_effects',
  'messages',
  'person_names',
  'process_deployments',
  'process_drafts',
  'persons',
  'resume_entries',
];

async function appObjects(db: Knex): Promise<string[]> {
  const { rows } = await db.raw(`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'S')
      and c.relname not like 'engine\\_%' and c.relname not like 'knex\\_%'
    union all
    select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname not like 'engine\\_%'
    order by 1`);
  return rows.map((r: { name: string }) => r.name);
}

describe('migrations - up and down', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should create every table of the domain model', async () => {
    // given a freshly migrated database
    // when
    const objects = await appObjects(t.db);
    // then
    expect(objects).toEqual(expect.arrayContaining([...TABLES, 'certificate_serial']));
  });

  it('should comment every table', async () => {
    // given / when
    const { rows } = await t.db.raw(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relname = any(:tables) and obj_description(c.oid) is null`,
      { tables: TABLES },
    );
    // then
    expect(rows).toEqual([]);
  });

  it('should leave no application object behind when rolled back to zero, then migrate again', async () => {
    // given
    const before = await appObjects(t.db);
    // when
    await t.db.migrate.rollback(source, true);
    const afterDown = await appObjects(t.db);
    await t.db.migrate.latest(source);
    // then
    expect(afterDown).toEqual([]);
    expect(await appObjects(t.db)).toEqual(before);
    expect(await t.db.schema.hasTable('engine_knex_migrations')).toBe(true);
    const [, pending] = await t.db.migrate.list(source);
    expect(pending).toEqual([]);
  });

  it('should give six-digit serials and refuse to wrap around', async () => {
    // given
    const { rows } = await t.db.raw(
      `select min_value::text, max_value::text, cycle from pg_sequences
       where sequencename = 'certificate_serial'`,
    );
    // then
    expect(rows).toEqual([{ min_value: '1', max_value: '999999', cycle: false }]);
  });
});
