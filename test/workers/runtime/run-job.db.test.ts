import { applicationChecks } from '../../../workers/application-checks';
import { certificateIssue } from '../../../workers/certificate-issue';
import { messageSend } from '../../../workers/message-send';
import { JobHandler, JobInput } from '../../../workers/runtime/job-handler';
import { runJobOnce } from '../../../workers/runtime/run-job';
import { createTestDatabase, TestDatabase } from '../../helpers/test-database';
import {
  makeEmployment,
  seedApplication,
  seedEnterprise,
  seedExamResult,
  seedPerson,
  timelineOf,
} from '../fixtures';

/*
 * The job runtime on a real database with fake jobs: a job key is done once, whatever retries
 * or second deliveries happen, and a failing handler leaves nothing behind.
 */
describe('workers/runtime - run a job once per job key', () => {
  let t: TestDatabase;
  let jobKey = 9_000_000;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function newIssue() {
    const person = await seedPerson(t.db);
    const enterprise = await seedEnterprise(t.db);
    await makeEmployment(t.db, person.id, enterprise.id);
    const exam = await seedExamResult(t.db, {
      id_number: person.id_number,
      name: person.name,
      person_id: person.id,
      cert_type: 'C',
      job_type: '05',
    });
    const application = await seedApplication(t.db, {
      type: 'new-issue',
      state: 'approved',
      person_id: person.id,
      enterprise_id: enterprise.id,
      exam_result_id: exam.id,
    });
    const variables = {
      applicationId: application.id,
      examResultId: exam.id,
      personId: person.id,
      enterpriseId: enterprise.id,
      certificateType: 'C',
      jobTypeCode: '05',
    };
    return { person, exam, application, variables };
  }

  function job(type: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const input: JobInput = {
      key: String(++jobKey),
      type,
      processInstanceKey: '1',
      elementId: headers.step ?? type,
      variables,
      headers,
    };
    return input;
  }

  const issueHeaders = { step: 'certificate-issued', applicationState: 'completed' };

  it('should issue one certificate and write one timeline entry when a job runs twice', async () => {
    // given
    const { exam, application, variables } = await newIssue();
    const issue = job('certificate-issue', variables, issueHeaders);

    // when
    const first = await runJobOnce(t.db, certificateIssue, issue);
    const second = await runJobOnce(t.db, certificateIssue, issue);

    // then
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ variables: first.variables, replayed: true });
    expect(await t.db('certificates').where({ exam_result_id: exam.id })).toHaveLength(1);
    expect(await timelineOf(t.db, application.id)).toHaveLength(1);
    expect(await t.db('applications').where({ id: application.id }).first('state')).toEqual({
      state: 'completed',
    });
  });

  it('should issue no second certificate for a second job on the same exam result', async () => {
    // given
    const { exam, variables } = await newIssue();
    const first = await runJobOnce(
      t.db,
      certificateIssue,
      job('certificate-issue', variables, issueHeaders),
    );

    // when another job (another key) issues the same exam result
    const second = await runJobOnce(
      t.db,
      certificateIssue,
      job('certificate-issue', variables, issueHeaders),
    );

    // then
    expect(second.variables).toEqual(first.variables);
    const rows = await t.db('certificates').where({ exam_result_id: exam.id });
    expect(rows).toHaveLength(1);
    expect(await t.db('certificate_issuances').where({ certificate_id: rows[0].id })).toHaveLength(
      1,
    );
  });

  it('should issue nothing for an application an operator cancelled before its job ran', async () => {
    // given
    const { exam, application, variables } = await newIssue();
    await t
      .db('applications')
      .where({ id: application.id })
      .update({ state: 'cancelled', completed_at: t.db.fn.now() });
    // when
    const run = runJobOnce(
      t.db,
      certificateIssue,
      job('certificate-issue', variables, issueHeaders),
    );
    // then the job fails (a retry, then an incident if the instance lives on) and leaves nothing
    await expect(run).rejects.toThrow(/has ended \(cancelled\)/);
    expect(await t.db('certificates').where({ exam_result_id: exam.id })).toEqual([]);
    expect(await timelineOf(t.db, application.id)).toEqual([]);
    expect(await t.db('applications').where({ id: application.id }).first('state')).toEqual({
      state: 'cancelled',
    });
  });

  it('should send one message per recipient when a message job runs twice, even concurrently', async () => {
    // given
    const { person, variables } = await newIssue();
    const send = job(
      'message-send',
      { ...variables, certificateNumber: '青C052026000001' },
      {
        step: 'notify-issued',
        recipient: 'person,enterprise',
        category: 'certificate',
        template: 'certificate-issued',
      },
    );

    // when
    const runs = await Promise.all([
      runJobOnce(t.db, messageSend, send),
      runJobOnce(t.db, messageSend, send),
    ]);
    await runJobOnce(t.db, messageSend, send);

    // then
    expect(runs.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await t.db('messages').where({ person_id: person.id })).toHaveLength(1);
    expect(await t.db('messages').where({ enterprise_id: variables.enterpriseId })).toHaveLength(1);
  });

  it('should leave nothing behind when the handler throws, so the retry does the work', async () => {
    // given
    const { application, variables } = await newIssue();
    const failing: JobHandler = async ({ trx }) => {
      await trx('application_events').insert({
        application_id: application.id,
        step: 'half-done',
        actor_name: '系统',
      });
      throw new Error('PDF renderer crashed');
    };
    const flaky = job('certificate-issue', variables, issueHeaders);

    // when
    await expect(runJobOnce(t.db, failing, flaky)).rejects.toThrow('PDF renderer crashed');
    const retry = await runJobOnce(t.db, certificateIssue, flaky);

    // then
    expect(retry.replayed).toBe(false);
    expect((await timelineOf(t.db, application.id)).map((e) => e.step)).toEqual([
      'certificate-issued',
    ]);
  });

  it('should fail the job on an unknown check code so the diagram error shows as an incident', async () => {
    // given
    const { application, variables } = await newIssue();
    const checks = job('application-checks', variables, { step: 'checks', checks: 'photo,fotos' });

    // when / then
    await expect(runJobOnce(t.db, applicationChecks, checks)).rejects.toThrow(
      'Unknown check code(s): fotos',
    );
    expect(await timelineOf(t.db, application.id)).toEqual([]);
  });
});
