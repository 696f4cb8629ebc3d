import { calendarDate } from './common';
import { JsonSchema, nullable, object } from './json-schema';

const text = (title: string, maxLength: number): JsonSchema => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength,
});

const fields = {
  startDate: { ...calendarDate, title: '开始日期' },
  endDate: nullable({ ...calendarDate, title: '结束日期', description: 'null 表示至今' }),
  organisation: { ...text('单位', 200), pattern: '\\S', 'x-message': '单位不能为空白' },
  position: nullable(text('职务', 100)),
  description: nullable(text('说明', 2000)),
};

export const createResumeEntryBody = object(fields, ['startDate', 'organisation']);

export const updateResumeEntryBody = object(fields, [], { minProperties: 1, title: '履历' });

export const resumeEntry = object(
  {
    id: { type: 'string' },
    startDate: calendarDate,
    endDate: nullable(calendarDate),
    organisation: { type: 'string' },
    position: nullable({ type: 'string' }),
    description: nullable({ type: 'string' }),
  },
  ['id', 'startDate', 'endDate', 'organisation', 'position', 'description'],
);
