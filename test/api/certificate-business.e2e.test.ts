import { addDays, todayInChina } from '../../domain/calendar-date';
import { inspectPdf } from '../documents/pdf-inspect';
import { eventually } from '../workers/worker-harness';
import { Holder, Staff, certificated, leaveJob } from './certificate-business-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  startProcessApi,
} from './process-api-harness';

/*
 * The businesses a holder files on a certificate (SPEC §7.2, §7.4, §7.6, §7.7) end to end:
 * API → engine → the employer's and the regulator's tasks → the re-check → the reissue.
 */
describe('api/certificate-business - work-unit change, name change, renewal, cancellation', () => {
  let api: ProcessApi;
  let staff: Staff;

  beforeAll(async () => {
    api = await startProcessApi();
    const [association, regulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
    staff = { association, regulator, training };
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const apply = (h: Holder, path: string) =>
    api.request('POST', `/api/certificates/${h.certificateId}/${path}`, { token: h.person.token });
  const certificate = async (h: Holder) =>
    (await api.request('GET', `/api/certificates/${h.certificateId}`, { token: h.person.token }))
      .body;
  const busyOf = async (h: Holder) =>
    (await api.h.sql('certificates').where({ id: h.certificateId }).first('busy_application_id'))
      .busy_application_id;
  const application = async (h: Holder, id: string) =>
    (await api.request('GET', `/api/applications/${id}`, { token: h.person.token })).body;

  describe('cancellation (证书注销)', () => {
    it('should cancel after the employer confirms and the regulator approves, and record the history', async () => {
      // given
      const h = await certificated(api, staff, '注销甲');
      // when
      const res = await apply(h, 'cancellations');
      // then
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('awaiting-enterprise');
      expect(await busyOf(h)).toBe(res.body.applicationId);
      expect((await api.decide(h.enterprise.token, res.body.applicationId, 'approve')).status).toBe(
        200,
      );
      await api.waitState(res.body.applicationId, 'awaiting-review');
      expect((await api.decide(staff.regulator, res.body.applicationId, 'approve')).status).toBe(
        200,
      );
      await api.waitState(res.body.applicationId, 'completed');
      expect(await certificate(h)).toMatchObject({ state: 'cancelled', stateName: '注销' });
      expect(await busyOf(h)).toBeNull();
      const history = await api.request('GET', `/api/certificates/${h.certificateId}/history`, {
        token: h.person.token,
      });
      expect(history.status).toBe(200);
      expect(history.body.states.map((s: { toState: string }) => s.toState)).toEqual([
        'valid',
        'cancelled',
      ]);
      expect(history.body.applications).toEqual([
        expect.objectContaining({
          id: res.body.applicationId,
          type: 'cancellation',
          state: 'completed',
        }),
      ]);
      const messages = await api.request('GET', '/api/messages', { token: h.person.token });
      expect(JSON.stringify(messages.body)).toContain('证书已注销');
    });

    it('should go straight to the regulator when the holder has no employer, and allow a new certificate after', async () => {
      // given
      const h = await certificated(api, staff, '注销乙');
      await leaveJob(api, h);
      // when
      const res = await apply(h, 'cancellations');
      // then
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('awaiting-review');
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'completed');
      expect((await certificate(h)).state).toBe('cancelled');
      const detail = await application(h, res.body.applicationId);
      expect(detail.checkResults.map((c: { code: string }) => c.code)).toEqual([
        'not-busy',
        'cert-in-province',
      ]);
    });

    it('should refuse a second business while the first is in progress (409 certificate-busy), and 20 at once give exactly one', async () => {
      // given
      const h = await certificated(api, staff, '并发甲');
      // when
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => apply(h, 'cancellations')),
      );
      // then
      const accepted = replies.filter((r) => r.status === 201);
      expect(accepted).toHaveLength(1);
      expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
      for (const r of replies.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('certificate-busy');
        expect(r.type).toContain('application/problem+json');
      }
      const rows = await api.h
        .sql('applications')
        .where({ type: 'cancellation', person_id: h.person.personId })
        .count('* as n');
      expect(rows).toEqual([{ n: '1' }]);
      const later = await apply(h, 'name-changes');
      expect(later.status).toBe(409);
      expect(later.body.code).toBe('certificate-busy');
    });

    it('should release the certificate when the employer rejects, and message the holder with the reason', async () => {
      // given
      const h = await certificated(api, staff, '驳回甲');
      const res = await apply(h, 'cancellations');
      // when
      const rejected = await api.decide(
        h.enterprise.token,
        res.body.applicationId,
        'reject',
        '本单位不同意注销',
      );
      // then
      expect(rejected.status).toBe(200);
      await api.waitState(res.body.applicationId, 'rejected');
      expect(await busyOf(h)).toBeNull();
      expect((await certificate(h)).state).toBe('valid');
      await eventually(async () => {
        const m = await api.request('GET', '/api/messages', { token: h.person.token });
        return JSON.stringify(m.body).includes('本单位不同意注销');
      }, 8000);
    });
  });

  describe('withdrawal (撤回)', () => {
    it('should end the application withdrawn, free the certificate, cancel the instance and tell the employer', async () => {
      // given
      const h = await certificated(api, staff, '撤回甲');
      const res = await apply(h, 'cancellations');
      await api.taskOf(h.enterprise.token, res.body.applicationId);
      // when
      const w = await api.request(
        'POST',
        `/api/applications/${res.body.applicationId}/withdrawal`,
        { token: h.person.token, body: { reason: '不再需要注销' } },
      );
      // then
      expect(w.status).toBe(200);
      expect(w.body).toEqual({ applicationId: res.body.applicationId, state: 'withdrawn' });
      expect(await busyOf(h)).toBeNull();
      const detail = await application(h, res.body.applicationId);
      expect(detail).toMatchObject({ state: 'withdrawn', stateName: '已撤回' });
      expect(detail.timeline.at(-1)).toMatchObject({
        step: 'withdrawn',
        actor: '撤回甲',
        comment: '不再需要注销',
      });
      const row = await api.h
        .sql('applications')
        .where({ id: res.body.applicationId })
        .first('process_instance_key');
      await api.h.d.waitState(row.process_instance_key, 'TERMINATED', 8000);
      const owed = await api.h
        .sql('outbox')
        .where({ application_id: res.body.applicationId })
        .count('* as n');
      expect(owed).toEqual([{ n: '0' }]);
      const tasks = await api.request('GET', '/api/tasks', { token: h.enterprise.token });
      expect(JSON.stringify(tasks.body)).not.toContain(`"id":"${res.body.applicationId}"`);
      const m = await api.request('GET', '/api/messages', { token: h.enterprise.token });
      expect(JSON.stringify(m.body)).toContain('已撤回');
      // and the certificate takes a new business at once
      expect((await apply(h, 'cancellations')).status).toBe(201);
    });

    it('should refuse to withdraw once the regulator has decided, even while that decision is pending', async () => {
      // given an application the employer confirmed and the regulator is deciding right now
      const h = await certificated(api, staff, '撤回丁');
      const res = await apply(h, 'cancellations');
      await api.decide(h.enterprise.token, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'awaiting-review');
      const key = await api.taskOf(staff.regulator, res.body.applicationId);
      // (the pending entry a decision writes before it asks the engine, api/use-cases/tasks.ts)
      await api.h.sql('application_events').insert({
        application_id: res.body.applicationId,
        task_key: key,
        pending: true,
        step: 'regulator-review',
        actor_name: '主管部门（测试）',
        decision: 'approved',
      });
      // when the applicant withdraws
      const w = await api.request(
        'POST',
        `/api/applications/${res.body.applicationId}/withdrawal`,
        {
          token: h.person.token,
          body: {},
        },
      );
      // then
      expect(w.status).toBe(409);
      expect(w.body.code).toBe('already-decided');
      expect(await busyOf(h)).toBe(res.body.applicationId);
      await api.h.sql('application_events').where({ task_key: key }).delete();
    });

    it("should refuse to withdraw an ended application or someone else's", async () => {
      // given
      const h = await certificated(api, staff, '撤回乙');
      const other = await certificated(api, staff, '撤回丙');
      const res = await apply(h, 'cancellations');
      const url = `/api/applications/${res.body.applicationId}/withdrawal`;
      // when someone else tries
      const foreign = await api.request('POST', url, { token: other.person.token, body: {} });
      // then
      expect(foreign.status).toBe(404);
      // when the application has ended
      await api.decide(h.enterprise.token, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'awaiting-review');
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'completed');
      const late = await api.request('POST', url, { token: h.person.token, body: {} });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('application-ended');
      const anonymous = await api.request('POST', url, { body: {} });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('work-unit change (工作单位变更)', () => {
    it('should reissue the certificate with the new unit after the new employer and the regulator agree', async () => {
      // given a holder who moved to another enterprise
      const h = await certificated(api, staff, '调动甲');
      await leaveJob(api, h);
      const next = await enterpriseWithCategories(
        api,
        staff.association,
        ['G'],
        '海东燃气有限公司',
      );
      await employed(api, next, h.person);
      // when
      const res = await apply(h, 'work-unit-changes');
      // then
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('awaiting-enterprise');
      // the new employer confirms, the former one sees nothing
      await api.taskOf(next.token, res.body.applicationId);
      const formerTasks = await api.request('GET', '/api/tasks', { token: h.enterprise.token });
      expect(JSON.stringify(formerTasks.body)).not.toContain(`"id":"${res.body.applicationId}"`);
      await api.decide(next.token, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'awaiting-review');
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'completed');
      const after = await certificate(h);
      expect(after).toMatchObject({
        number: h.number,
        unit: { enterpriseId: next.enterpriseId, name: '海东燃气有限公司' },
        state: 'valid',
      });
      const pdf = await api.request('GET', `/api/certificates/${h.certificateId}/pdf`, {
        token: h.person.token,
      });
      expect((await inspectPdf(pdf.body as Buffer)).text).toContain('海东燃气有限公司');
      const history = await api.request('GET', `/api/certificates/${h.certificateId}/history`, {
        token: next.token,
      });
      expect(history.body.issuances.map((i: { reason: string }) => i.reason)).toEqual([
        'new',
        'work-unit-change',
      ]);
      expect(history.body.issuances[1]).toMatchObject({
        kindName: '换发',
        reasonName: '工作单位变更',
        hasPdf: true,
      });
    });

    it('should refuse with every failed condition when the certificate is already at the employer', async () => {
      // given
      const h = await certificated(api, staff, '调动乙');
      // when
      const res = await apply(h, 'work-unit-changes');
      // then
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('conditions-not-met');
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['unit-unchanged']);
      expect(await busyOf(h)).toBeNull();
      expect(
        await api.h
          .sql('applications')
          .where({ type: 'work-unit-change', person_id: h.person.personId })
          .count('* as n'),
      ).toEqual([{ n: '0' }]);
    });

    it('should list every failed check at once (no employer, so employed, in-province, categories and cover fail)', async () => {
      const h = await certificated(api, staff, '调动丙');
      await leaveJob(api, h);
      const res = await apply(h, 'work-unit-changes');
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([
        'employed',
        'employer-in-province',
        'employer-categories',
        'category-covers',
      ]);
    });
  });

  describe('name change (姓名变更)', () => {
    it('should reissue with the new verified name after the regulator approves', async () => {
      // given a holder re-verified under a new name
      const h = await certificated(api, staff, '改名甲');
      const before = await apply(h, 'name-changes');
      expect(before.status).toBe(422);
      expect(before.body.errors.map((e: { code: string }) => e.code)).toEqual(['name-unchanged']);
      const v = await api.request('POST', '/api/persons/me/verification', {
        token: h.person.token,
        body: { name: '改名乙' },
      });
      expect(v.status).toBe(200);
      // when
      const res = await apply(h, 'name-changes');
      // then
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('awaiting-review');
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'completed');
      expect((await certificate(h)).holder.name).toBe('改名乙');
      const pdf = await api.request('GET', `/api/certificates/${h.certificateId}/pdf`, {
        token: h.person.token,
      });
      expect((await inspectPdf(pdf.body as Buffer)).text).toContain('改名乙');
    });

    it('should end rejected with the reason when the regulator rejects', async () => {
      const h = await certificated(api, staff, '改名丙');
      await api.request('POST', '/api/persons/me/verification', {
        token: h.person.token,
        body: { name: '改名丁' },
      });
      const res = await apply(h, 'name-changes');
      await api.decide(staff.regulator, res.body.applicationId, 'reject', '材料不全');
      await api.waitState(res.body.applicationId, 'rejected');
      expect((await certificate(h)).holder.name).toBe('改名丙');
      expect(await busyOf(h)).toBeNull();
    });

    it('should end rejected when the re-check right before the reissue fails', async () => {
      // given an application whose holder loses the photo before the regulator approves
      const h = await certificated(api, staff, '改名戊');
      await api.request('POST', '/api/persons/me/verification', {
        token: h.person.token,
        body: { name: '改名己' },
      });
      const res = await apply(h, 'name-changes');
      await api.h
        .sql('persons')
        .where({ id: h.person.personId })
        .update({ photo: null, photo_mime: null, photo_updated_at: null });
      // when
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      // then
      await api.waitState(res.body.applicationId, 'rejected');
      const detail = await application(h, res.body.applicationId);
      expect(
        detail.timeline.find((e: { step: string }) => e.step === 'checks-failed').comment,
      ).toContain('未上传证件照');
      expect((await certificate(h)).holder.name).toBe('改名戊');
      expect(await busyOf(h)).toBeNull();
    });
  });

  describe('renewal (证书延期)', () => {
    /** The certificate in its renewal window, its first review passed, a second CE record. */
    async function renewable(h: Holder, ce = true) {
      const today = todayInChina(new Date());
      const end = addDays(today, 30);
      await api.h.sql('certificates').where({ id: h.certificateId }).update({
        validity_end: end,
        ce_deadline: end,
        ce_reviewed: true,
      });
      if (ce)
        await api.h.sql('ce_records').insert({
          certificate_id: h.certificateId,
          certificate_number: h.number,
          sequence: 2,
          pass_date: today,
        });
      return end;
    }

    it('should reissue valid for five years from the completion date and use the CE record', async () => {
      // given
      const h = await certificated(api, staff, '延期甲');
      await renewable(h);
      // when
      const res = await apply(h, 'renewals');
      // then
      expect(res.status).toBe(201);
      await api.decide(h.enterprise.token, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'awaiting-review');
      await api.decide(staff.regulator, res.body.applicationId, 'approve');
      await api.waitState(res.body.applicationId, 'completed');
      const today = todayInChina(new Date());
      const after = await certificate(h);
      expect(after.validityStart).toBe(today);
      expect(after.validityEnd > addDays(today, 365 * 5 - 3)).toBe(true);
      expect(after.ceReviewed).toBe(false);
      expect(after.number).toBe(h.number);
      const record = await api.h
        .sql('ce_records')
        .where({ certificate_id: h.certificateId })
        .first();
      expect(String(record.used_by_application_id)).toBe(res.body.applicationId);
      // a second renewal cannot use the same record
      await api.h
        .sql('certificates')
        .where({ id: h.certificateId })
        .update({
          validity_end: addDays(today, 30),
          ce_deadline: addDays(today, 30),
          ce_reviewed: true,
        });
      const again = await apply(h, 'renewals');
      expect(again.status).toBe(422);
      expect(again.body.errors.map((e: { code: string }) => e.code)).toEqual(['ce-record']);
    });

    it('should refuse outside the renewal window and without a CE record, listing both', async () => {
      const h = await certificated(api, staff, '延期乙');
      const res = await apply(h, 'renewals');
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([
        'renewal-window',
        'ce-record',
      ]);
    });
  });
});
