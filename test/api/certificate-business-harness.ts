/** A practitioner holding an issued certificate, through the real API, engine and workers. */
import { addDays, todayInChina } from '../../domain/calendar-date';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
} from './process-api-harness';

export interface Holder {
  enterprise: { token: string; creditCode: string; enterpriseId: string };
  person: { token: string; idNumber: string; personId: string; name: string };
  certificateId: string;
  number: string;
}

export interface Staff {
  association: string;
  regulator: string;
  training: string;
}

/** One account of each staff role the certificate businesses need. */
export async function staffAccounts(api: ProcessApi): Promise<Staff> {
  const [regulator, association, training] = await Promise.all([
    api.staff('regulator'),
    api.staff('association'),
    api.staff('training'),
  ]);
  return { regulator, association, training };
}

/** Exam result → the regulator's approval → the certificate (type C 04 unless told). */
export async function certificated(
  api: ProcessApi,
  staff: Staff,
  name: string,
  options: { categories?: string[]; type?: 'A' | 'B' | 'C'; enterpriseName?: string } = {},
): Promise<Holder> {
  const enterprise = await enterpriseWithCategories(
    api,
    staff.association,
    options.categories ?? ['G', 'P'],
    options.enterpriseName,
  );
  const person = await personWithPhoto(api, name);
  await employed(api, enterprise, person);
  const type = options.type ?? 'C';
  const res = await api.request('POST', '/api/exam-results', {
    token: staff.training,
    body: {
      results: [
        {
          idNumber: person.idNumber,
          name,
          certificateType: type,
          ...(type === 'C' ? { jobTypeCode: '04' } : {}),
          examDate: addDays(todayInChina(new Date()), -7),
          passed: true,
        },
      ],
    },
  });
  const applicationId = res.body.results?.[0]?.applicationId;
  if (!applicationId) throw new Error(`exam result: ${JSON.stringify(res.body)}`);
  await api.decide(staff.regulator, applicationId, 'approve');
  await api.waitState(applicationId, 'completed');
  const certs = await api.request('GET', '/api/persons/me/certificates', { token: person.token });
  const [c] = certs.body as Array<{ id: string; number: string }>;
  return { enterprise, person, certificateId: c.id, number: c.number };
}

/** Ends the person's employment at their enterprise (the person asks, the enterprise agrees). */
export async function leaveJob(api: ProcessApi, h: Holder) {
  const mine = await api.request('GET', '/api/persons/me/employments', { token: h.person.token });
  const active = (mine.body as { current: { id: string } | null }).current;
  if (!active) throw new Error('no active employment');
  const res = await api.request('POST', `/api/employments/${active.id}/termination`, {
    token: h.person.token,
  });
  if (res.status !== 201) throw new Error(`termination: ${JSON.stringify(res.body)}`);
  await api.decide(h.enterprise.token, res.body.applicationId, 'approve');
  await api.waitState(res.body.applicationId, 'completed');
}
