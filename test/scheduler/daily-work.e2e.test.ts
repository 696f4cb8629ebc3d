import type { Knex } from 'knex';
import { businessToday } from '../../clock/business-clock';
import { ABNORMAL_REASON_NAMES } from '../../domain/certificate-types';
import { runDailyWork } from '../../scheduler/daily-work';
import { DAILY_WORK_CRON, startScheduler } from '../../scheduler/schedule';
import {
  certificateNumber,
  insert,
  makeCertificate,
  makeEnterprise,
  makePerson,
} from '../migrations/fixtures';
import { eventually, startWorkerHarness, WorkerHarness } from '../workers/worker-harness';

/** 09:00 in Xining on a calendar date. */
const at = (date: string) => Date.parse(`${date}T09:00:00+08:00`);

describe('scheduler/daily-work - automatic review, expiry and reminders (SPEC §7.5)', () => {
  let h: WorkerHarness;
  let db: Knex;

  beforeAll(async () => {
    h = await startWorkerHarness();
    db = h.sql;
  });

  afterAll(async () => {
    await h.setClock(null);
    await h.stopAll();
  });

  /** A certificate of a new person at a new unit (the unit is the enterprise messaged). */
  async function certificate(over: Record<string, unknown>) {
    const person = await makePerson(db, { name: '李四' });
    const unit = await makeEnterprise(db);
    const c = await makeCertificate(db, {
      person_id: person.id,
      unit_enterprise_id: unit.id,
      holder_name: '李四',
      number: await certificateNumber(db, 'GPB', String(over.first_issue_date).slice(0, 4)),
      ...over,
    });
    return { id: c.id, personId: person.id, unitId: unit.id };
  }

  const ceRecord = (certificateId: string, sequence: number, passDate: string) =>
    insert(db, 'ce_records', {
      certificate_id: certificateId,
      certificate_number: 'imported',
      sequence,
      pass_date: passDate,
    });

  const row = (id: string) =>
    db('certificates')
      .where({ id })
      .first(
        'state',
        'ce_reviewed',
        db.raw(`to_char(ce_deadline, 'YYYY-MM-DD') as ce_deadline`),
        db.raw(`to_char(validity_end, 'YYYY-MM-DD') as validity_end`),
      );

  const reviewsOf = (id: string) => db('ce_reviews').where({ certificate_id: id }).select('*');
  const reasonsOf = async (id: string) =>
    (await db('certificate_abnormal_reasons').where({ certificate_id: id }).select('reason')).map(
      (r) => r.reason,
    );
  const messageTitles = async (where: Record<string, unknown>) =>
    (await db('messages').where(where).orderBy('id').select('title')).map((m) => m.title);
  const autoReviewsOf = (id: string) =>
    db('applications as a')
      .join('application_certificates as ac', 'ac.application_id', 'a.id')
      .where({ 'ac.certificate_id': id, 'a.type': 'auto-review' })
      .select('a.id', 'a.state', 'a.process_instance_key', 'a.applicant_account_id');

  /** Every owed auto-review started by the drainer and its instance ended. */
  async function reviewsFinished() {
    await eventually(async () => {
      const owed = await db('outbox').count({ n: '*' });
      const unstarted = await db('applications')
        .where({ type: 'auto-review' })
        .whereNull('process_instance_key')
        .count({ n: '*' });
      if (Number(owed[0].n) + Number(unstarted[0].n) > 0) return false;
      const active = await h.client.searchProcessInstances({
        filter: { processDefinitionId: 'auto-review', state: 'ACTIVE' },
      } as never);
      return active.items.length === 0;
    }, 20_000);
  }

  it('should review, expire and remind each certificate exactly once when run twice', async () => {
    // given the business clock at 2029-03-01 and certificates due for each kind
    await h.setClock(at('2029-03-01'));
    const issued = { first_issue_date: '2026-09-01', validity_start: '2026-09-01' };
    const passes = await certificate({
      ...issued,
      validity_end: '2031-08-31',
      ce_deadline: '2029-02-28',
    });
    await ceRecord(passes.id, 1, '2028-05-10');
    const fails = await certificate({
      ...issued,
      validity_end: '2031-08-31',
      ce_deadline: '2029-02-28',
    });
    // a first CE record before the validity start, and a second one in time, do not count
    const outOfWindow = await certificate({
      ...issued,
      validity_end: '2031-08-31',
      ce_deadline: '2029-02-28',
    });
    await ceRecord(outOfWindow.id, 1, '2026-08-31');
    await ceRecord(outOfWindow.id, 2, '2028-01-01');
    const ended = await certificate({
      first_issue_date: '2024-02-28',
      validity_start: '2024-02-28',
      validity_end: '2029-02-27',
      ce_deadline: '2026-08-27',
    });
    const ceSoon = await certificate({
      ...issued,
      validity_end: '2031-08-31',
      ce_deadline: '2029-03-31',
    });
    const expirySoon = await certificate({
      first_issue_date: '2024-06-01',
      validity_start: '2024-06-01',
      validity_end: '2029-05-31',
      ce_deadline: '2029-05-31',
      ce_reviewed: true,
    });
    const notDue = await certificate({
      ...issued,
      validity_end: '2031-08-31',
      ce_deadline: '2029-04-02',
    });

    // when the daily work runs twice on the business clock's today
    const today = await businessToday(db);
    const first = await runDailyWork(db, today);
    const second = await runDailyWork(db, today);
    await reviewsFinished();

    // then
    expect(today).toBe('2029-03-01');
    expect(first).toEqual({
      today: '2029-03-01',
      expired: 1,
      autoReviews: 3,
      ceReminders: 1,
      expiryReminders: 1,
    });
    expect(second).toEqual({
      today: '2029-03-01',
      expired: 0,
      autoReviews: 0,
      ceReminders: 0,
      expiryReminders: 0,
    });
    // the first CE record in time passes: the CE deadline becomes the validity end
    expect(await row(passes.id)).toMatchObject({
      state: 'valid',
      ce_reviewed: true,
      ce_deadline: '2031-08-31',
    });
    expect(await reviewsOf(passes.id)).toEqual([
      expect.objectContaining({ outcome: 'passed', ce_record_id: expect.any(String) }),
    ]);
    // none in time: abnormal, with exactly the SPEC's reason
    for (const c of [fails, outOfWindow]) {
      expect(await row(c.id)).toMatchObject({ state: 'abnormal', ce_deadline: '2029-02-28' });
      expect(await reasonsOf(c.id)).toEqual(['ce-not-completed']);
      expect(await reviewsOf(c.id)).toEqual([expect.objectContaining({ outcome: 'failed' })]);
    }
    expect(ABNORMAL_REASON_NAMES['ce-not-completed']).toBe('证书未按规定时间完成继续教育');
    // one review run (a system application about all three certificates), completed, with
    // its timeline: the review's tally, then the messages
    const runs = await Promise.all([passes, fails, outOfWindow].map((c) => autoReviewsOf(c.id)));
    for (const apps of runs)
      expect(apps).toEqual([
        expect.objectContaining({
          id: runs[0][0].id,
          state: 'completed',
          applicant_account_id: null,
        }),
      ]);
    const events = await db('application_events')
      .where({ application_id: runs[0][0].id })
      .orderBy('id')
      .select('step', 'comment');
    expect(events.map((e) => e.step)).toEqual(['submitted', 'ce-review', 'notify-results']);
    expect(events[1].comment).toBe('复核 3 张证书：通过 1 张，标记异常 2 张');
    expect(await messageTitles({ person_id: passes.personId })).toEqual(['继续教育复核已通过']);
    expect(await messageTitles({ enterprise_id: passes.unitId })).toEqual(['继续教育复核已通过']);
    expect(await messageTitles({ person_id: fails.personId })).toEqual(['证书已标记为异常']);
    expect(await messageTitles({ enterprise_id: fails.unitId })).toEqual(['证书已标记为异常']);
    const [failedMessage] = await db('messages').where({ person_id: fails.personId });
    expect(failedMessage.body).toContain('证书未按规定时间完成继续教育');
    // past the validity end: expired first, so not reviewed
    expect(await row(ended.id)).toMatchObject({ state: 'expired' });
    expect(await reviewsOf(ended.id)).toEqual([]);
    expect(await autoReviewsOf(ended.id)).toEqual([]);
    expect(await messageTitles({ person_id: ended.personId })).toEqual(['证书已过期']);
    expect(await messageTitles({ enterprise_id: ended.unitId })).toEqual(['证书已过期']);
    // the reminders, to the person and the unit, once
    expect(await messageTitles({ person_id: ceSoon.personId })).toEqual(['继续教育即将到期']);
    expect(await messageTitles({ enterprise_id: ceSoon.unitId })).toEqual(['继续教育即将到期']);
    const [ceReminder] = await db('messages').where({ person_id: ceSoon.personId });
    expect(ceReminder.body).toContain('2029-03-31');
    expect(ceReminder.category).toBe('certificate');
    expect(ceReminder.link).toBe(`/api/certificates/${ceSoon.id}`);
    expect(await messageTitles({ person_id: expirySoon.personId })).toEqual(['证书即将到期']);
    expect(await messageTitles({ enterprise_id: expirySoon.unitId })).toEqual(['证书即将到期']);
    expect(await messageTitles({ person_id: notDue.personId })).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('should do each item exactly once when a run dies after its first batch and reruns', async () => {
    // given five certificates due for review on 2029-09-01
    await h.setClock(at('2029-09-01'));
    const due = [];
    for (let i = 0; i < 5; i += 1)
      due.push(
        await certificate({
          first_issue_date: '2027-03-01',
          validity_start: '2027-03-01',
          validity_end: '2032-02-29',
          ce_deadline: '2029-08-31',
        }),
      );
    const today = await businessToday(db);
    const itemCount = async () =>
      Number((await db('daily_work_items').where({ kind: 'auto-review' }).count({ n: '*' }))[0].n);
    const before = await itemCount();

    // when the run dies after its first committed batch of two
    const crashed = runDailyWork(db, today, {
      batchSize: 2,
      afterBatch: (kind) => {
        if (kind === 'auto-review') throw new Error('killed');
      },
    });
    await expect(crashed).rejects.toThrow('killed');
    const afterCrash = (await itemCount()) - before;
    // and runs again, twice
    const rerun = await runDailyWork(db, today, { batchSize: 2 });
    const again = await runDailyWork(db, today, { batchSize: 2 });
    await reviewsFinished();

    // then
    expect(afterCrash).toBe(2);
    expect(rerun.autoReviews).toBeGreaterThanOrEqual(3);
    expect(again.autoReviews).toBe(0);
    for (const c of due) {
      expect(await autoReviewsOf(c.id)).toHaveLength(1);
      expect(await reviewsOf(c.id)).toHaveLength(1);
      expect(await row(c.id)).toMatchObject({ state: 'abnormal' });
      expect(await messageTitles({ person_id: c.personId })).toEqual(['证书已标记为异常']);
    }
  });

  it('should share the work between two runs at once, each certificate reviewed once', async () => {
    // given seven certificates due for review on 2030-03-01
    await h.setClock(at('2030-03-01'));
    const due = [];
    for (let i = 0; i < 7; i += 1)
      due.push(
        await certificate({
          first_issue_date: '2027-08-01',
          validity_start: '2027-08-01',
          validity_end: '2032-07-31',
          ce_deadline: '2030-01-31',
        }),
      );
    const today = await businessToday(db);

    // when two runs walk them at the same time in batches of two (their cursors interleave and
    // each skips the rows the other holds)
    const [a, b] = await Promise.all([
      runDailyWork(db, today, { batchSize: 2 }),
      runDailyWork(db, today, { batchSize: 2 }),
    ]);
    await reviewsFinished();

    // then together they owed every review once
    expect(a.autoReviews + b.autoReviews).toBe(7);
    for (const c of due) {
      expect(await autoReviewsOf(c.id)).toHaveLength(1);
      expect(await reviewsOf(c.id)).toHaveLength(1);
      expect(await messageTitles({ person_id: c.personId })).toEqual(['证书已标记为异常']);
    }
  });

  it('should do everything that became due once, in one run, when the clock jumps two years', async () => {
    // given, on 2030-01-10, a certificate whose CE deadline and validity end are both ahead
    await h.setClock(at('2030-01-10'));
    const both = await certificate({
      first_issue_date: '2027-01-10',
      validity_start: '2027-01-10',
      validity_end: '2031-06-30',
      ce_deadline: '2030-07-09',
    });
    // and one whose CE deadline passes in the jump and whose validity end is then 3 months off
    const reviewedLater = await certificate({
      first_issue_date: '2027-04-01',
      validity_start: '2027-04-01',
      validity_end: '2032-03-31',
      ce_deadline: '2030-09-30',
    });
    await ceRecord(reviewedLater.id, 1, '2030-06-01');
    const scheduler = startScheduler({ db, catchUpAtStart: false, log: { info() {}, error() {} } });
    try {
      // when the clock jumps two years and one run catches up
      await h.setClock(at('2032-01-10'));
      const report = await scheduler.runNow();
      const rerun = await scheduler.runNow();
      await reviewsFinished();

      // then the expired one is expired once, not reviewed; the live one reviewed once
      expect(report.today).toBe('2032-01-10');
      expect(rerun).toMatchObject({ expired: 0, autoReviews: 0, ceReminders: 0 });
      expect(await row(both.id)).toMatchObject({ state: 'expired' });
      expect(await reviewsOf(both.id)).toEqual([]);
      expect(await messageTitles({ person_id: both.personId })).toEqual(['证书已过期']);
      expect(await row(reviewedLater.id)).toMatchObject({
        state: 'valid',
        ce_reviewed: true,
        ce_deadline: '2032-03-31',
      });
      expect(await reviewsOf(reviewedLater.id)).toHaveLength(1);
      // reminders of deadlines already passed are not sent; the one now due is, once
      expect((await messageTitles({ person_id: reviewedLater.personId })).sort()).toEqual(
        ['继续教育复核已通过', '证书即将到期'].sort(),
      );
    } finally {
      await scheduler.stop();
    }
  });

  it('should schedule the daily run at 00:10 in China, whatever the server time zone', async () => {
    // given
    const scheduler = startScheduler({ db, catchUpAtStart: false });
    try {
      // when
      const next = scheduler.nextRun()!;

      // then 00:10 in Xining is 16:10 UTC of the day before
      expect(DAILY_WORK_CRON).toBe('10 0 * * *');
      expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([16, 10]);
      expect(next.getTime() - Date.now()).toBeGreaterThan(0);
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    } finally {
      await scheduler.stop();
    }
  });
});
