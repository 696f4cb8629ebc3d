import { calendarDate, creditCode, idNumber, password, personName, timestamp } from './common';
import { arrayOf, nullable, object } from './json-schema';

export interface RegisterEnterpriseBody {
  creditCode: string;
  name: string;
  legalRepresentative: { name: string; idNumber: string };
  password: string;
}

export const registerEnterpriseBody = object(
  {
    creditCode,
    name: {
      type: 'string',
      title: '企业名称',
      minLength: 1,
      maxLength: 100,
      pattern: '\\S',
      'x-message': '企业名称不能为空白',
    },
    legalRepresentative: object(
      {
        name: { ...personName, title: '法定代表人姓名' },
        idNumber: { ...idNumber, title: '法定代表人身份证号码' },
      },
      ['name', 'idNumber'],
      { title: '法定代表人' },
    ),
    password,
  },
  ['creditCode', 'name', 'legalRepresentative', 'password'],
);

export const enterprise = object({
  id: { type: 'string' },
  creditCode: { type: 'string' },
  name: { type: 'string' },
  legalRepresentative: object({
    name: nullable({ type: 'string' }),
    idNumber: nullable({ type: 'string' }),
  }),
  divisionCode: { type: 'string', description: '行政区划代码（信用代码第3至8位）' },
  inProvince: { type: 'boolean', description: '本省企业（区划代码以63开头）' },
  categories: arrayOf(
    { type: 'string', enum: ['G', 'P', 'J', 'T'] },
    { description: '已核准的经营类别' },
  ),
  categoryRegistration: { type: 'string', enum: ['none', 'pending', 'approved', 'rejected'] },
  createdAt: timestamp,
});

export const staffMember = object({
  employmentId: { type: 'string' },
  personId: { type: 'string' },
  name: { type: 'string' },
  idNumber: { type: 'string' },
  contractStart: calendarDate,
  contractEnd: nullable(calendarDate),
  startedAt: nullable(timestamp),
});

export interface CreateApiKeyBody {
  label: string;
}

export const createApiKeyBody = object(
  {
    label: {
      type: 'string',
      title: '密钥名称',
      minLength: 1,
      maxLength: 100,
      pattern: '\\S',
      'x-message': '密钥名称不能为空白',
    },
  },
  ['label'],
);

export const apiKey = object({
  id: { type: 'string' },
  label: { type: 'string' },
  createdAt: timestamp,
  lastUsedAt: nullable(timestamp),
  revokedAt: nullable(timestamp),
});

export const createdApiKey = object({
  ...apiKey.properties,
  key: { type: 'string', description: '密钥原文，仅在创建时返回一次，请妥善保存' },
});
