/** The regulator's certificate search (证书查询, issue 10): query and answer. */
import { CERTIFICATE_STATE_NAMES, CERTIFICATE_TYPE_NAMES } from '../../domain/certificate-types';
import type { CertificateFilter } from '../../repositories/certificate-search';
import { certificate } from './certificates';
import { calendarDate } from './common';
import { arrayOf, object } from './json-schema';
import { paging } from './tasks';

export type CertificateSearchQuery = CertificateFilter & { page?: string; pageSize?: string };

const text = (title: string, maxLength: number, description: string) => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength,
  description,
});

export const certificateSearchQuery = object({
  ...paging,
  number: text('证书编号', 40, '现用或曾用编号的开头部分（如“青GPB2024”）'),
  name: text('姓名', 50, '持证人姓名（证书所印或现用）的一部分'),
  idNumber: text('身份证号码', 18, '身份证号码的开头部分或全部'),
  enterprise: text('工作单位', 100, '工作单位名称的一部分，或统一社会信用代码的开头部分'),
  type: { type: 'string', title: '证书类型', enum: Object.keys(CERTIFICATE_TYPE_NAMES) },
  state: { type: 'string', title: '证书状态', enum: Object.keys(CERTIFICATE_STATE_NAMES) },
  issuedFrom: { ...calendarDate, title: '初次发证日期起' },
  issuedTo: { ...calendarDate, title: '初次发证日期止' },
  validUntilFrom: { ...calendarDate, title: '有效期截止日起' },
  validUntilTo: { ...calendarDate, title: '有效期截止日止' },
});

export const certificatePage = object({
  items: arrayOf(certificate),
  total: { type: 'integer' },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
});
