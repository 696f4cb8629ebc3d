import { calendarDate, idNumber, password, personName, phone, timestamp } from './common';
import { JsonSchema, arrayOf, nullable, object } from './json-schema';

export interface RegisterPersonBody {
  name: string;
  idNumber: string;
  password: string;
  phone?: string;
}

export const registerPersonBody = object({ name: personName, idNumber, password, phone }, [
  'name',
  'idNumber',
  'password',
]);

export interface VerifyPersonBody {
  name: string;
}

export const verifyPersonBody = object({ name: personName }, ['name']);

export interface UpdatePersonBody {
  phone?: string | null;
}

export const updatePersonBody: JsonSchema = object({ phone: nullable(phone) }, [], {
  description: '姓名不能在此修改：姓名变更须重新实名认证（POST /api/persons/me/verification）',
});

export const person = object(
  {
    id: { type: 'string' },
    idNumber: { type: 'string' },
    name: { type: 'string' },
    sex: { type: 'string', enum: ['M', 'F'] },
    birthDate: calendarDate,
    phone: nullable({ type: 'string' }),
    verifiedAt: nullable(timestamp),
    hasPhoto: { type: 'boolean' },
    photoUpdatedAt: nullable(timestamp),
    names: arrayOf(object({ name: { type: 'string' }, verifiedAt: timestamp })),
  },
  ['id', 'idNumber', 'name', 'sex', 'birthDate', 'hasPhoto'],
);

export const verificationResult = object({ person, nameChanged: { type: 'boolean' } });

const employment = object({
  id: { type: 'string' },
  state: { type: 'string', enum: ['proposed', 'active', 'ended', 'declined', 'lapsed'] },
  enterprise: object({
    id: { type: 'string' },
    name: { type: 'string' },
    creditCode: { type: 'string' },
  }),
  contractStart: calendarDate,
  contractEnd: nullable(calendarDate),
  proposedAt: timestamp,
  startedAt: nullable(timestamp),
  endedAt: nullable(timestamp),
});

export const personEmployments = object({
  current: nullable({ ...employment, type: 'object' }),
  pending: arrayOf(employment),
  history: arrayOf(employment),
});
