/**
 * The whole system through HTTP: a fresh database, the engine with every diagram and form of
 * processes/ deployed, the real workers, and the API wired to the engine as main.ts wires it.
 */
import type { AppDeps } from '../../api/app';
import type { StaffRole } from '../../api/auth/principal';
import { createStaffUser } from '../../api/use-cases/staff';
import { eventually, startWorkerHarness, WorkerHarness } from '../workers/worker-harness';
import { samplePhotoPng } from '../documents/certificate-fixture';
import { minimalPdf } from './use-cases/sample-files';
import {
  ApiHarness,
  PASSWORD,
  Reply,
  login,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

export interface ProcessApi extends ApiHarness {
  h: WorkerHarness;
  /** A staff account (created by the admin use case) and its token. */
  staff(role: StaffRole): Promise<string>;
  /** Waits for the open task of an application visible to `token`; returns its key. */
  taskOf(token: string, applicationId: string): Promise<string>;
  decide(
    token: string,
    applicationId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<Reply>;
  /** Moves the business clock and the engine's together (the workers' harness); null: reset. */
  setClock(epochMs: number | null): Promise<void>;
  /** Waits until the application reaches `state`. */
  waitState(applicationId: string, state: string): Promise<void>;
  /** Waits until the application's process instance has ended. */
  finished(applicationId: string): Promise<void>;
  stopAll(): Promise<void>;
}

let staffSerial = 0;

/** `deps` adds to the API's wiring (e.g. the modeler's write-back folder). */
export async function startProcessApi(deps: Partial<AppDeps> = {}): Promise<ProcessApi> {
  const h = await startWorkerHarness();
  const api = await startApi({ camunda: h.client, clockControlled: true, ...deps }, h.db);
  const staff = async (role: StaffRole) => {
    staffSerial += 1;
    const username = `${role}${staffSerial}`;
    await createStaffUser(h.sql, { role, username, password: PASSWORD });
    return login(api, username, PASSWORD);
  };
  const taskOf = (token: string, applicationId: string) =>
    eventually(async () => {
      const r = await api.request('GET', `/api/tasks?applicationId=${applicationId}`, { token });
      if (r.status !== 200) throw new Error(`GET /api/tasks: ${JSON.stringify(r.body)}`);
      const t = (r.body.items as Array<{ key: string; application: { id: string } | null }>).find(
        (x) => x.application?.id === applicationId,
      );
      return t?.key;
    }, 8000);
  return {
    ...api,
    h,
    staff,
    taskOf,
    setClock: (epochMs) => h.setClock(epochMs),
    async decide(token, applicationId, decision, comment) {
      const key = await taskOf(token, applicationId);
      return api.request('POST', `/api/tasks/${key}/complete`, {
        token,
        body: { decision, ...(comment !== undefined ? { comment } : {}) },
      });
    },
    async waitState(applicationId, state) {
      await eventually(async () => {
        const row = await h.sql('applications').where({ id: applicationId }).first('state');
        return row?.state === state;
      }, 8000);
    },
    async finished(applicationId) {
      const row = await h
        .sql('applications')
        .where({ id: applicationId })
        .first('process_instance_key');
      await h.d.waitState(row.process_instance_key, 'COMPLETED', 8000);
    },
    async stopAll() {
      await api.stop();
      await h.stopAll();
    },
  };
}

/** A verified person with an ID photo. */
export async function personWithPhoto(api: ApiHarness, name = '王建国', sex: 'M' | 'F' = 'M') {
  const p = await registeredPerson(api, name, sex);
  const res = await api.request('PUT', '/api/persons/me/photo', {
    token: p.token,
    raw: samplePhotoPng(),
    contentType: 'image/png',
  });
  if (res.status !== 200) throw new Error(`photo: ${JSON.stringify(res.body)}`);
  return { ...p, name };
}

/** An enterprise whose categories the association approved through the API. */
export async function enterpriseWithCategories(
  api: ProcessApi,
  association: string,
  categories = ['G', 'P'],
  name = '西宁燃气有限公司',
) {
  const e = await registeredEnterprise(api, name);
  const res = await api.request('POST', '/api/enterprises/me/category-registrations', {
    token: e.token,
    body: { categories },
  });
  if (res.status !== 201) throw new Error(`categories: ${JSON.stringify(res.body)}`);
  await api.decide(association, res.body.applicationId, 'approve');
  await api.waitState(res.body.applicationId, 'completed');
  return e;
}

/** A labour-contract file as the API takes it: a real one-page PDF. */
export const contractFile = {
  name: '劳动合同.pdf',
  mime: 'application/pdf',
  contentBase64: minimalPdf('labour contract').toString('base64'),
};

/** The enterprise proposes to employ the person (who has not answered yet). */
export async function proposeEmployment(
  api: ApiHarness,
  enterprise: { token: string },
  person: { idNumber: string; name: string },
) {
  const res = await api.request('POST', '/api/enterprises/me/employments', {
    token: enterprise.token,
    body: {
      idNumber: person.idNumber,
      name: person.name,
      contractStart: '2026-01-01',
      contractEnd: null,
      commitmentAccepted: true,
      contractFile,
    },
  });
  if (res.status !== 201) throw new Error(`employ: ${JSON.stringify(res.body)}`);
  return res;
}

/** Proposes employment and has the person consent through their task. */
export async function employed(
  api: ProcessApi,
  enterprise: { token: string },
  person: { token: string; idNumber: string; name: string },
) {
  const res = await proposeEmployment(api, enterprise, person);
  const consent = await api.decide(person.token, res.body.applicationId, 'approve');
  if (consent.status !== 200) throw new Error(`consent: ${JSON.stringify(consent.body)}`);
  await api.waitState(res.body.applicationId, 'completed');
  return res.body as { applicationId: string; employmentId: string };
}
