import { parseCsv } from '../../domain/csv';
import { addDays, todayInChina } from '../../domain/calendar-date';
import { seedVolumes } from '../../scripts/seed-volumes';
import { expectProblem } from './api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/* Issue 10, second slice: the task queue copy, files for reviewers, the certificate search. */
describe('api - the Tasklist, second slice', () => {
  let api: ProcessApi;
  let regulator: string;
  let otherRegulator: string;
  let association: string;
  let training: string;
  let enterprise: { token: string; enterpriseId: string };
  let reviewed: string;

  async function newIssue(name: string) {
    const p = await personWithPhoto(api, name);
    await employed(api, enterprise, p);
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: [
          {
            idNumber: p.idNumber,
            name,
            certificateType: 'B',
            examDate: addDays(todayInChina(new Date()), -3),
            passed: true,
          },
        ],
      },
    });
    return res.body.results[0].applicationId as string;
  }

  beforeAll(async () => {
    api = await startProcessApi();
    [association, regulator, otherRegulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
    enterprise = await enterpriseWithCategories(api, association);
    reviewed = await newIssue('钱七');
    await api.taskOf(regulator, reviewed);
  }, 120_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const file = (id: string, kind: string, token: string) =>
    api.request('GET', `/api/applications/${id}/files/${kind}`, { token });

  describe('files for reviewers', () => {
    it('should give the regulator with the open task the ID photo and the labour contract', async () => {
      const photo = await file(reviewed, 'id-photo', regulator);
      const contract = await file(reviewed, 'labour-contract', regulator);
      expect(photo.status).toBe(200);
      expect(photo.type).toMatch(/^image\/(jpeg|png)/);
      expect([contract.status, contract.type]).toEqual([200, 'application/pdf']);
    });

    it('should answer 404 to the association, which has no task of it and decided nothing', async () => {
      expectProblem(await file(reviewed, 'id-photo', association), 404, 'not-found');
      expectProblem(await file(reviewed, 'labour-contract', association), 404, 'not-found');
    });

    it('should answer 404 for an application that does not exist, and 400 for an unknown file', async () => {
      expectProblem(await file('999999', 'id-photo', regulator), 404, 'not-found');
      expectProblem(await file(reviewed, 'resume', regulator), 400, 'validation-failed');
    });

    it('should refuse the enterprise and the person the reviewers’ route (403)', async () => {
      expectProblem(await file(reviewed, 'id-photo', enterprise.token), 403, 'forbidden');
    });

    it('should keep the files open to the office after the decision', async () => {
      // given
      const decided = await newIssue('孙八');
      expect((await api.decide(regulator, decided, 'approve')).status).toBe(200);
      // then a colleague of the office still sees them; the association still does not
      expect((await file(decided, 'id-photo', otherRegulator)).status).toBe(200);
      expectProblem(await file(decided, 'id-photo', association), 404, 'not-found');
    });
  });

  describe('the task queue copy', () => {
    it('should drop a task the engine ended without the API (the instance cancelled)', async () => {
      // given
      const id = await newIssue('周九');
      const key = await api.taskOf(regulator, id);
      const listed = async () =>
        (await api.request('GET', '/api/tasks?pageSize=100', { token: regulator })).body.items.map(
          (t: { key: string }) => t.key,
        );
      expect(await listed()).toContain(key);
      const [{ process_instance_key: instance }] = await api.t.db('applications').where({ id });
      // when
      await api.h.client.cancelProcessInstance({ processInstanceKey: instance });
      // then
      expect(await listed()).not.toContain(key);
      const total = (await api.request('GET', '/api/tasks', { token: regulator })).body.total;
      const summary = (await api.request('GET', '/api/tasks/summary', { token: regulator })).body;
      expect(summary.open).toBe(total);
    });
  });

  describe('the certificate search', () => {
    beforeAll(async () => {
      await seedVolumes(api.t.db, api.h.client, { certificates: 400, tasks: 0 });
    }, 60_000);
    const search = (query: string, token = regulator) =>
      api.request('GET', `/api/certificates?${query}`, { token });

    it('should page all certificates, newest first issue first', async () => {
      const first = await search('pageSize=50');
      const second = await search('pageSize=50&page=2');
      expect(first.status).toBe(200);
      expect(first.body.total).toBeGreaterThanOrEqual(400);
      const dates = [...first.body.items, ...second.body.items].map(
        (c: { firstIssueDate: string }) => c.firstIssueDate,
      );
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('should find a certificate by a former number as well as by its current one', async () => {
      const [renumbered] = await api.t
        .db('certificate_numbers as n')
        .join('certificates as c', 'c.id', 'n.certificate_id')
        .whereNotNull('n.until')
        .select({ id: 'c.id', former: 'n.number', current: 'c.number' });
      const byFormer = await search(`number=${encodeURIComponent(renumbered.former)}`);
      const byCurrent = await search(`number=${encodeURIComponent(renumbered.current.slice(1))}`);
      expect(byFormer.body.items.map((c: { id: string }) => c.id)).toEqual([String(renumbered.id)]);
      expect(byCurrent.body.items.map((c: { id: string }) => c.id)).toEqual([
        String(renumbered.id),
      ]);
    });

    it.each([
      [
        'name',
        (c: Row) => `name=${encodeURIComponent(c.holder_name)}`,
        (c: Row, x: Cert) => x.holder.name === c.holder_name,
      ],
      [
        'ID number',
        (c: Row) => `idNumber=${c.id_number.slice(0, 12)}`,
        (c: Row, x: Cert) => x.holder.idNumber.startsWith(c.id_number.slice(0, 12)),
      ],
      [
        'enterprise name',
        (c: Row) => `enterprise=${encodeURIComponent(c.unit_name.slice(0, 4))}`,
        (c: Row, x: Cert) => x.unit.name.includes(c.unit_name.slice(0, 4)),
      ],
      [
        'type and state',
        (c: Row) => `type=${c.type}&state=${c.state}`,
        (c: Row, x: Cert) => x.type === c.type && x.state === c.state,
      ],
      [
        'issue dates',
        (c: Row) => `issuedFrom=${c.d}&issuedTo=${c.d}`,
        (c: Row, x: Cert) => x.firstIssueDate === c.d,
      ],
    ])('should filter by %s', async (_case, query, holds) => {
      const [c] = await api.t
        .db('certificates as c')
        .join('persons as p', 'p.id', 'c.person_id')
        .where('c.state', 'abnormal')
        .orderBy('c.id')
        .select(
          'c.*',
          'p.id_number',
          api.t.db.raw(`to_char(c.first_issue_date, 'YYYY-MM-DD') as d`),
        );
      const res = await search(`${query(c)}&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((x: Cert) => holds(c, x))).toBe(true);
      expect(res.body.items.map((x: Cert) => x.id)).toContain(String(c.id));
    });

    it('should refuse the association (403) and an unknown state (400)', async () => {
      expectProblem(await search('', association), 403, 'forbidden');
      expectProblem(await search('state=lost'), 400, 'validation-failed');
    });

    it('should export what the search finds as CSV, in its order, for the regulator only', async () => {
      // given what the search finds on one filter
      const found = await search('state=abnormal&pageSize=100');
      expect(found.body.total).toBeGreaterThan(0);

      // when the regulator exports that filter
      const exported = await api.request('GET', '/api/certificates/export?state=abnormal', {
        token: regulator,
      });

      // then a CSV (toCsv: UTF-8 with a BOM for Excel; fetch drops the BOM) with a Chinese header and the same certificates
      expect(exported.status).toBe(200);
      expect(exported.type).toContain('text/csv');
      expect(exported.headers.get('content-disposition')).toContain('attachment');
      const { header, records } = parseCsv(exported.body);
      expect(header.slice(0, 3)).toEqual(['证书编号', '持证人', '身份证号码']);
      expect(records.map((r) => r.values.证书编号)).toEqual(
        found.body.items.map((c: { number: string }) => c.number),
      );
      expect(records.every((r) => r.values.状态 === '异常' && r.values.异常原因 !== '')).toBe(true);
      // and nobody else may export
      expectProblem(
        await api.request('GET', '/api/certificates/export', { token: association }),
        403,
        'forbidden',
      );
    });
  });
});

type Row = Record<string, string>;
type Cert = {
  id: string;
  type: string;
  state: string;
  firstIssueDate: string;
  holder: { name: string; idNumber: string };
  unit: { name: string };
};
