/**
 * Fills a database with realistic volumes for the benchmarks (issue 10): N certificates
 * (100,000) with their persons, enterprises, exam results, completed new-issue applications,
 * issuances (2% renumbered by a category change, so they have a former number), abnormal
 * reasons and state spread (85% valid, 5% abnormal, 7% expired, 3% cancelled); and T open
 * tasks (10,000): new-issue applications awaiting the regulator's review, each a real process
 * instance of processes/new-issue.bpmn started on the engine, waiting in its user task.
 *
 * Everything but the process starts is set-based SQL in one transaction (scripts/volumes/);
 * the starts go through the engine's REST API (the SDK), a few in parallel. What is not like
 * production: the tasks all arrive now (the engine stamps their creation), though their
 * applications' submission dates spread over 60 days; no certificate has its PDF rendered.
 *
 * As a program: `tsx scripts/seed-volumes.ts [--certificates N] [--tasks N]` over DATABASE_URL
 * (migrated first), with an engine of its own on that database. As a library: `seedVolumes`.
 */
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { creditCodeCheckChar } from '../domain/credit-code';
import { connect } from '../db/connect';
import { migrateAll } from '../db/migrate';
import { startEngine } from '../engine';
import { deployProcesses } from '../processes/deploy';
import { birthDateOf, practitionerIdNumber, practitionerName } from './bench-system';
import * as sql from './volumes/seed-sql';

export interface VolumeOptions {
  certificates: number;
  tasks: number;
  /** Parallel process starts (default 8). */
  concurrency?: number;
  log?: (line: string) => void;
}

const PLACES = ['西宁', '海东', '格尔木', '德令哈', '玉树', '同仁', '共和', '门源'];

/** The i-th seeded enterprise's credit code (Xining division, body MB + 7 digits). */
export const seededCreditCode = (i: number) => {
  const first17 = `91630102MB${String(i).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

const CATEGORY_SETS = [['G'], ['G', 'P'], ['P'], ['G', 'P', 'J'], ['G', 'P', 'J', 'T'], ['J']];

async function insertEnterprises(db: Knex, units: number): Promise<string[]> {
  const codes = Array.from({ length: units }, (_, i) => seededCreditCode(i + 1));
  await db.raw(
    `insert into enterprises (credit_code, name, categories, category_registration)
     select c, n, string_to_array(k, ','), 'approved'
     from unnest(?::text[], ?::text[], ?::text[]) as u(c, n, k)`,
    [
      codes,
      codes.map((_, i) => `${PLACES[i % PLACES.length]}燃气${i + 1}号有限公司`),
      codes.map((_, i) => CATEGORY_SETS[i % CATEGORY_SETS.length].join(',')),
    ],
  );
  return codes;
}

async function insertPersons(db: Knex, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => practitionerIdNumber(i));
  await db.raw(
    `insert into persons (id_number, name, sex, birth_date, verified_at)
     select i, n, 'M', b::date, now() from unnest(?::text[], ?::text[], ?::text[]) as u(i, n, b)`,
    [ids, ids.map((_, i) => practitionerName(i)), ids.map(birthDateOf)],
  );
  return ids;
}

type ReviewStart = Record<string, string | null> & { applicationId: string };

/** Everything but the engine, in one transaction; answers the open reviews to start. */
async function seedRows(db: Knex, o: VolumeOptions): Promise<ReviewStart[]> {
  const units = Math.max(20, Math.ceil(o.certificates / 200));
  return db.transaction(async (trx) => {
    const creditCodes = await insertEnterprises(trx, units);
    const idNumbers = await insertPersons(trx, o.certificates + o.tasks);
    const named = { idNumbers, creditCodes, units, certificates: o.certificates };
    await trx.raw(sql.PEOPLE, named);
    await trx.raw('create index on seed_people (n)');
    await trx.raw('analyze seed_people');
    await trx.raw(sql.CERTIFICATE_ROWS, named);
    for (const step of [sql.EXAM_RESULTS, sql.ISSUE_APPLICATIONS, sql.CERTIFICATES, sql.ISSUANCES])
      await trx.raw(step);
    const { rows } = await trx.raw(sql.RENUMBERING);
    await trx.raw(sql.REISSUANCES, {
      certificateIds: rows.map((r: { certificate_id: string }) => r.certificate_id),
      applicationIds: rows.map((r: { application_id: string }) => r.application_id),
    });
    await trx.raw(sql.ABNORMAL_REASONS);
    const reviews = await trx.raw(sql.REVIEW_APPLICATIONS, named);
    await trx.raw(sql.FIRST_TIMELINE_ENTRIES);
    // Later issues draw serials after the seeded ones, so no number is given twice.
    await trx.raw(`select setval('certificate_serial', ?)`, [o.certificates + o.tasks]);
    return reviews.rows as ReviewStart[];
  });
}

/** Starts each review's new-issue instance (it waits in regulator-review) and records its key. */
async function startReviews(
  db: Knex,
  camunda: CamundaRestClient,
  reviews: ReviewStart[],
  concurrency: number,
) {
  const keys: { id: string; key: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reviews.length) {
        const r = reviews[next++];
        const started = await camunda.createProcessInstance({
          processDefinitionId: 'new-issue',
          variables: Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)),
        } as never);
        keys.push({ id: r.applicationId, key: String(started.processInstanceKey) });
      }
    }),
  );
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    await db.raw(
      `update applications a set process_instance_key = u.key
       from unnest(?::bigint[], ?::text[]) as u(id, key) where a.id = u.id`,
      [chunk.map((k) => k.id), chunk.map((k) => k.key)],
    );
  }
}

/** Fills `db` (migrated, processes deployed on `camunda`'s engine); answers the seconds taken. */
export async function seedVolumes(db: Knex, camunda: CamundaRestClient, o: VolumeOptions) {
  const log = o.log ?? (() => undefined);
  const t0 = Date.now();
  const reviews = await seedRows(db, o);
  const rowsSeconds = (Date.now() - t0) / 1000;
  log(
    `seed: ${o.certificates} certificates and ${reviews.length} applications in ${rowsSeconds.toFixed(1)} s`,
  );
  const t1 = Date.now();
  await startReviews(db, camunda, reviews, o.concurrency ?? 8);
  const startSeconds = (Date.now() - t1) / 1000;
  log(`seed: ${reviews.length} new-issue instances started in ${startSeconds.toFixed(1)} s`);
  // Statistics and the visibility map, as a database that has lived a while has them.
  await db.raw('vacuum analyze');
  return { rowsSeconds, startSeconds };
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a whole number`);
  return v;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL names the database to fill');
  const db = connect(url);
  await migrateAll(db);
  const engine = await startEngine({ db, port: 0, auth: 'none', log: console });
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: `http://127.0.0.1:${engine.address.port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
  try {
    await deployProcesses(camunda);
    await seedVolumes(db, camunda, {
      certificates: option('certificates', 100_000),
      tasks: option('tasks', 10_000),
      log: console.log,
    });
  } finally {
    await engine.stop();
    await db.destroy();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
