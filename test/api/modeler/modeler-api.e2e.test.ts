/**
 * The modeler's API against the whole system (engine, workers, database): only analysts, the
 * list of processes with their versions, drafts, and a deploy that the contract check refuses
 * while the diagram has errors — the same check as the page's problems panel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../api/use-cases/modeler/process-contract';
import { ProcessApi, startProcessApi } from '../process-api-harness';

const newIssue = fs.readFileSync(path.join(PROCESSES_DIR, 'new-issue.bpmn'), 'utf8');

describe('api/modeler - processes, drafts and safe deployment', () => {
  let api: ProcessApi;
  let analyst: string;
  let regulator: string;
  let writeBack: string;

  beforeAll(async () => {
    writeBack = fs.mkdtempSync(path.join(os.tmpdir(), 'modeler-write-back-'));
    api = await startProcessApi({ processesWriteBack: writeBack });
    [analyst, regulator] = await Promise.all([api.staff('analyst'), api.staff('regulator')]);
  }, 120_000);
  afterAll(async () => {
    await api?.stopAll();
    fs.rmSync(writeBack, { recursive: true, force: true });
  });

  it.each([
    ['anonymous', undefined, 401],
    ['a regulator', () => regulator, 403],
  ])('should refuse %s', async (_who, token, status) => {
    const r = await api.request('GET', '/api/modeler/processes', { token: token?.() });
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
  });

  it('should list every process of processes/ with its deployed version', async () => {
    const r = await api.request('GET', '/api/modeler/processes', { token: analyst });
    expect(r.status).toBe(200);
    const newIssueRow = r.body.items.find(
      (p: { processId: string }) => p.processId === 'new-issue',
    );
    expect(newIssueRow).toMatchObject({
      name: '新发证',
      file: 'new-issue.bpmn',
      latestVersion: 1,
      versions: [{ version: 1, deployer: null }],
      latestDraft: null,
      draftCount: 0,
    });
    expect(r.body.items).toHaveLength(11);
  });

  it('should answer the contract and element templates generated from the workers', async () => {
    const r = await api.request('GET', '/api/modeler/contract', { token: analyst });
    expect(r.status).toBe(200);
    expect(r.body.contract.checks).toContainEqual({ code: 'photo', title: '上传证件照' });
    expect(r.body.templates.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['检测条件', '签发证书', '发送消息', '主管部门审核', '企业确认']),
    );
  });

  it('should refuse to deploy a typo in a check code, listing the problem, and deploy nothing', async () => {
    // given the new-issue diagram with "phot" for "photo"
    const xml = newIssue.replace('realname,photo,employed', 'realname,phot,employed');

    // when
    const r = await api.request('POST', '/api/modeler/processes/new-issue/deployments', {
      token: analyst,
      body: { xml, forms: {}, comment: '改检测条件' },
    });

    // then
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'diagram-has-problems' });
    expect(r.body.problems).toContainEqual(
      expect.objectContaining({ elementId: 'checks-operation', code: 'check-unknown' }),
    );
    const list = await api.request('GET', '/api/modeler/processes/new-issue', { token: analyst });
    expect(list.body.latestVersion).toBe(1);
  });

  it('should save a draft, read it back and deploy it as a new version written back', async () => {
    // given a draft with another candidate group for the review
    const xml = newIssue.replace('candidateGroups="regulator"', 'candidateGroups="association"');
    const saved = await api.request('POST', '/api/modeler/processes/new-issue/drafts', {
      token: analyst,
      body: { xml, forms: {}, comment: '改由协会审核', basedOnVersion: 1 },
    });
    expect(saved.status).toBe(201);
    const draft = await api.request(
      'GET',
      `/api/modeler/processes/new-issue/drafts/${saved.body.id}`,
      {
        token: analyst,
      },
    );
    expect(draft.body).toMatchObject({ xml, comment: '改由协会审核', basedOnVersion: 1 });

    // when
    const r = await api.request('POST', '/api/modeler/processes/new-issue/deployments', {
      token: analyst,
      body: { xml, forms: {}, comment: '改由协会审核', draftId: saved.body.id },
    });

    // then
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ version: 2, unchanged: false, writtenBack: ['new-issue.bpmn'] });
    expect(fs.readFileSync(path.join(writeBack, 'new-issue.bpmn'), 'utf8')).toBe(xml);
    const detail = await api.request('GET', '/api/modeler/processes/new-issue', { token: analyst });
    expect(detail.body.versions[0]).toMatchObject({ version: 2, comment: '改由协会审核' });
    expect(detail.body.drafts).toHaveLength(1);
    const v2 = await api.request('GET', '/api/modeler/processes/new-issue/versions/2', {
      token: analyst,
    });
    expect(v2.body.xml).toBe(xml);
  });

  it('should keep the version when the same diagram is deployed again', async () => {
    const xml = newIssue.replace('candidateGroups="regulator"', 'candidateGroups="association"');
    const r = await api.request('POST', '/api/modeler/processes/new-issue/deployments', {
      token: analyst,
      body: { xml, forms: {}, comment: '再次部署' },
    });
    expect(r.body).toMatchObject({ version: 2, unchanged: true });
  });

  it.each([
    [
      'a diagram of another process',
      { xml: fs.readFileSync(path.join(PROCESSES_DIR, 'renewal.bpmn'), 'utf8') },
      'process-id-mismatch',
    ],
    [
      'a form filed under another id',
      { forms: { 'review-decision': { id: 'other' } } },
      'form-id-mismatch',
    ],
  ])('should refuse %s', async (_what, over, code) => {
    const r = await api.request('POST', '/api/modeler/processes/new-issue/drafts', {
      token: analyst,
      body: { xml: newIssue, forms: {}, comment: '试', ...over },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe(code);
  });
});
