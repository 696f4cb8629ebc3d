import { AppError } from '../../../api/app-error';
import { EXAM_RESULT_COLUMNS } from '../../../api/schemas/exam-results';
import { examRows } from '../../../api/use-cases/exam-results';

const row = {
  idNumber: '11010519491231002X',
  name: '马六',
  certificateType: 'B',
  examDate: '2030-01-02',
  passed: true,
};

const json = (n: number) => ({ results: Array.from({ length: n }, () => row) });

const csv = (n: number) =>
  [
    EXAM_RESULT_COLUMNS.join(','),
    ...Array.from({ length: n }, () => `${row.idNumber},${row.name},B,,,${row.examDate},true`),
  ].join('\n');

function problemOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('api/use-cases/exam-results - batch size', () => {
  it('should accept 2000 rows as JSON and as CSV', () => {
    expect(examRows(json(2000), 'json').rows).toHaveLength(2000);
    expect(examRows(csv(2000), 'csv').rows).toHaveLength(2000);
  });

  it('should refuse a CSV batch over 2000 rows with the same answer as a JSON one', () => {
    // given / when
    const fromJson = problemOf(() => examRows(json(2001), 'json'));
    const fromCsv = problemOf(() => examRows(csv(30_000), 'csv'));
    // then
    expect(fromJson).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(fromJson.errors).toEqual([
      { field: 'results', code: 'too-many', message: '考核结果最多2000项' },
    ]);
    expect({ ...fromCsv, message: fromCsv.message }).toEqual({
      ...fromJson,
      message: fromJson.message,
    });
  });
});
