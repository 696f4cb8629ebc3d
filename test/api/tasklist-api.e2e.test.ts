import { addDays, todayInChina } from '../../domain/calendar-date';
import { addWorkingDays } from '../../domain/working-days';
import { createStaffUser } from '../../api/use-cases/staff';
import { PASSWORD, expectProblem, login } from './api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/* GET /api/tasks paged and filtered, 已办, the task, its form, unclaim, batch approval. */
describe('api/tasks - the Tasklist operations', () => {
  let api: ProcessApi;
  let regulator: string;
  let otherRegulator: string;
  let association: string;
  let enterprise: { token: string; enterpriseId: string };
  const NAMES = ['吴一', '郑二', '王三'];
  const applications: string[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    api = await startProcessApi();
    let training: string;
    [association, regulator, otherRegulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
    enterprise = await enterpriseWithCategories(api, association);
    const persons = [];
    for (const name of NAMES) {
      const p = await personWithPhoto(api, name);
      await employed(api, enterprise, p);
      persons.push(p);
    }
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: persons.map((p, i) => ({
          idNumber: p.idNumber,
          name: p.name,
          certificateType: i === 2 ? 'B' : 'C',
          ...(i === 2 ? {} : { jobTypeCode: '04' }),
          examDate: addDays(todayInChina(new Date()), -3),
          passed: true,
        })),
      },
    });
    for (const r of res.body.results) {
      applications.push(r.applicationId);
      keys.push(await api.taskOf(regulator, r.applicationId));
    }
  }, 120_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const list = (query: string, token = regulator) =>
    api.request('GET', `/api/tasks${query}`, { token });

  it('should answer a page with the total, oldest first, each with its working-day due date', async () => {
    // when
    const first = await list('?type=new-issue&pageSize=2');
    const second = await list('?type=new-issue&pageSize=2&page=2');
    // then
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect([...first.body.items, ...second.body.items].map((t: { key: string }) => t.key)).toEqual(
      keys,
    );
    const [t] = first.body.items;
    const created = todayInChina(new Date(t.createdAt));
    expect(t).toMatchObject({
      name: '主管部门审核考试成绩',
      limitDays: 20,
      dueDate: addWorkingDays(created, 20),
      warning: false,
      overdue: false,
      batchApprovable: true,
      application: { id: applications[0], typeName: '新发证', applicant: '吴一' },
    });
  });

  it.each([
    ['the party', `?applicant=${encodeURIComponent('郑二')}`, [1]],
    ['the submission date', `?submittedFrom=${todayInChina(new Date())}`, [0, 1, 2]],
    ['a submission date range before today', '?submittedTo=2020-01-01', []],
    ['overdue tasks', '?due=overdue', []],
    ['another type', '?type=renewal', []],
  ])('should filter by %s', async (_what, query, expected) => {
    const r = await list(`${query}${query.includes('?') ? '&' : '?'}pageSize=100`);
    expect(r.status).toBe(200);
    const mine = r.body.items.filter((t: { key: string }) => keys.includes(t.key));
    expect(mine.map((t: { key: string }) => keys.indexOf(t.key))).toEqual(expected);
  });

  it('should sort by submission, newest first', async () => {
    const r = await list('?type=new-issue&sort=submitted&order=desc');
    expect(r.body.items.map((t: { key: string }) => t.key)).toEqual([...keys].reverse());
  });

  it.each([
    ['a page size above 100', '?pageSize=101', 'pageSize'],
    ['a page of zero', '?page=0', 'page'],
    ['an unknown due filter', '?due=soon', 'due'],
    ['a malformed date', '?submittedFrom=2026-02-30', 'submittedFrom'],
    ['an unknown business type', '?type=x', 'type'],
    ['an unknown parameter', '?limit=5', 'limit'],
  ])('should refuse %s with 400 problem+json', async (_what, query, field) => {
    const r = await list(query);
    expectProblem(r, 400, 'validation-failed');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('should not show the regulator tasks to the association or the enterprise', async () => {
    for (const token of [association, enterprise.token]) {
      const r = await list('?pageSize=100', token);
      expect(r.status).toBe(200);
      expect(r.body.items.map((t: { key: string }) => t.key)).not.toContain(keys[0]);
      expectProblem(await api.request('GET', `/api/tasks/${keys[0]}`, { token }), 404, 'not-found');
    }
  });

  it('should answer the task and its Camunda form', async () => {
    const task = await api.request('GET', `/api/tasks/${keys[0]}`, { token: regulator });
    expect(task.body).toMatchObject({ key: keys[0], application: { id: applications[0] } });
    const form = await api.request('GET', `/api/tasks/${keys[0]}/form`, { token: regulator });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      formId: 'review-decision',
      schema: { id: 'review-decision', components: expect.any(Array) },
      variables: { applicationId: applications[0] },
    });
  });

  it('should give a claim back, and refuse to give back a colleague’s', async () => {
    const claimed = await api.request('POST', `/api/tasks/${keys[0]}/claim`, { token: regulator });
    expect(claimed.body.assignee).toEqual(expect.any(String));
    expectProblem(
      await api.request('POST', `/api/tasks/${keys[0]}/unclaim`, { token: otherRegulator }),
      409,
      'task-claimed',
    );
    const back = await api.request('POST', `/api/tasks/${keys[0]}/unclaim`, { token: regulator });
    expect(back.status).toBe(200);
    expect(back.body.assignee).toBeNull();
    const again = await api.request('GET', `/api/tasks/${keys[0]}`, { token: regulator });
    expect(again.body.assignee).toBeNull();
  });

  it('should hand a task to a named colleague and record it on the timeline', async () => {
    // given a colleague of the regulator
    await createStaffUser(api.h.sql, {
      role: 'regulator',
      username: 'tongshi.li',
      password: PASSWORD,
    });
    const colleague = await login(api, 'tongshi.li', PASSWORD);
    // when the regulator hands 王三's review over
    const r = await api.request('POST', `/api/tasks/${keys[2]}/reassignment`, {
      token: regulator,
      body: { username: 'tongshi.li', comment: '请协助审核' },
    });
    // then the colleague holds it and the timeline says so
    expect(r.status).toBe(200);
    expect(r.body.assignee).toBe('tongshi.li');
    const detail = await api.request('GET', `/api/applications/${applications[2]}`, {
      token: colleague,
    });
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({
        step: 'task-reassigned',
        stepName: '转办',
        comment: '主管部门审核考试成绩转办给主管部门（tongshi.li）：请协助审核',
      }),
    );
    // and only the colleague may pass it on now
    expectProblem(
      await api.request('POST', `/api/tasks/${keys[2]}/reassignment`, {
        token: regulator,
        body: { username: 'tongshi.li' },
      }),
      409,
      'task-claimed',
    );
    await api.request('POST', `/api/tasks/${keys[2]}/unclaim`, { token: colleague });
  });

  it.each([
    ['an account of another role', 'association', 'colleague-not-found'],
    ['an unknown account', 'nobody.here', 'colleague-not-found'],
  ])('should refuse to hand a task to %s with 422', async (_what, username, code) => {
    const target = username === 'association' ? 'xiehui.zhang' : username;
    if (username === 'association')
      await createStaffUser(api.h.sql, {
        role: 'association',
        username: target,
        password: PASSWORD,
      });
    const r = await api.request('POST', `/api/tasks/${keys[2]}/reassignment`, {
      token: regulator,
      body: { username: target },
    });
    expectProblem(r, 422, code);
  });

  it.each([
    ['an empty batch', { keys: [], decision: 'approve' }, 'keys'],
    [
      'more than 50 tasks',
      { keys: Array.from({ length: 51 }, (_, i) => String(i + 1)), decision: 'approve' },
      'keys',
    ],
    ['a rejection', { keys: ['1'], decision: 'reject' }, 'decision'],
  ])('should refuse a batch of %s with 400', async (_what, body, field) => {
    const r = await api.request('POST', '/api/tasks/batch-complete', { token: regulator, body });
    expectProblem(r, 400, 'validation-failed');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('should refuse batch approval to anyone but the regulator', async () => {
    const r = await api.request('POST', '/api/tasks/batch-complete', {
      token: association,
      body: { keys: [keys[0]], decision: 'approve' },
    });
    expectProblem(r, 403, 'forbidden');
  });

  it('should approve a batch with a result per item and list the decisions in 已办', async () => {
    // given a key nobody may act on among the batch
    const unknown = '2251799813685249';
    // when
    const r = await api.request('POST', '/api/tasks/batch-complete', {
      token: regulator,
      body: { keys: [keys[0], unknown, keys[1]], decision: 'approve', comment: '批量审核通过' },
    });
    // then
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ approved: 2, failed: 1 });
    expect(r.body.results).toEqual([
      { key: keys[0], ok: true, applicationId: applications[0], code: null, message: null },
      {
        key: unknown,
        ok: false,
        applicationId: null,
        code: 'not-found',
        message: expect.any(String),
      },
      { key: keys[1], ok: true, applicationId: applications[1], code: null, message: null },
    ]);
    await api.waitState(applications[0], 'completed');
    await api.waitState(applications[1], 'completed');
    const open = await list('?type=new-issue');
    expect(open.body.items.map((t: { key: string }) => t.key)).toEqual([keys[2]]);
    const done = await api.request('GET', '/api/tasks/done', { token: regulator });
    expect(done.status).toBe(200);
    expect(done.body.total).toBe(2);
    expect(done.body.items[0]).toMatchObject({
      taskKey: keys[1],
      step: 'regulator-review',
      stepName: '主管部门审核考试成绩',
      decision: 'approved',
      comment: '批量审核通过',
      application: { id: applications[1], applicant: '郑二' },
    });
    const theirs = await api.request('GET', '/api/tasks/done', { token: otherRegulator });
    expect(theirs.body).toMatchObject({ items: [], total: 0 });
    const summary = await api.request('GET', '/api/tasks/summary', { token: regulator });
    expect(summary.body).toMatchObject({
      open: 1,
      warning: 0,
      overdue: 0,
      byType: [{ type: 'new-issue', typeName: '新发证', open: 1, warning: 0, overdue: 0 }],
    });
    // the open task's application was submitted today (the clock is not pinned here)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(summary.body.byAge[0]).toEqual({
      label: '当天',
      count: 1,
      submittedFrom: today,
      submittedTo: today,
    });
    expect(summary.body.byAge.slice(1).map((b: { count: number }) => b.count)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    // the three new issues of this file (the regulator's businesses), submitted today, on the
    // last of the 30 days; the employments and categories are the association's and a person's
    const days = summary.body.submittedPerDay;
    expect(days).toHaveLength(30);
    expect(days[29]).toEqual({ day: today, count: 3 });
    expect(days.slice(0, 29).every((d: { count: number }) => d.count === 0)).toBe(true);
    // the register: the two certificates the approvals issued
    expect(summary.body.certificatesByState).toEqual([
      { state: 'valid', stateName: '正常', count: 2 },
    ]);
    const theirSummary = await api.request('GET', '/api/tasks/summary', { token: association });
    expect(theirSummary.body.certificatesByState).toEqual([]);
  });
});
