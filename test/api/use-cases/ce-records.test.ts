import { AppError } from '../../../api/app-error';
import { ceRows } from '../../../api/use-cases/ce-records';

const row = {
  idNumber: '11010519491231002X',
  certificateNumber: '青GPB2024000123',
  sequence: 1,
  passDate: '2026-01-02',
};

const json = (n: number) => ({ records: Array.from({ length: n }, () => row) });

const csv = (n: number, header = 'idNumber,certificateNumber,sequence,passDate') =>
  [
    header,
    ...Array.from(
      { length: n },
      () => `${row.idNumber},${row.certificateNumber},1,${row.passDate}`,
    ),
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

describe('api/use-cases/ce-records - batches', () => {
  it('should accept 2000 rows as JSON and as CSV', () => {
    expect(ceRows(json(2000), 'json').rows).toHaveLength(2000);
    expect(ceRows(csv(2000), 'csv').rows).toHaveLength(2000);
  });

  it('should read a CSV row as the JSON row it stands for, whichever header language', () => {
    const english = ceRows(csv(1), 'csv').rows;
    const chinese = ceRows(csv(1, '身份证号码,证书编号,继续教育次数,合格日期'), 'csv').rows;
    expect(english).toEqual([{ row: 2, input: row }]);
    expect(chinese).toEqual(english);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['第一次', 1],
    ['第二次', 2],
    ['3', 3],
    ['三', '三'],
  ])('should read the sequence cell %s as %p', (cell, expected) => {
    const text = `sequence,idNumber,certificateNumber,passDate\n${cell},${row.idNumber},x,2026-01-02`;
    expect(ceRows(text, 'csv').rows[0].input).toMatchObject({ sequence: expected });
  });

  it('should refuse a CSV batch over 2000 rows with the same answer as a JSON one', () => {
    // given / when
    const fromJson = problemOf(() => ceRows(json(2001), 'json'));
    const fromCsv = problemOf(() => ceRows(csv(30_000), 'csv'));
    // then
    expect(fromJson).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(fromJson.errors).toEqual([
      { field: 'records', code: 'too-many', message: '继续教育记录最多2000项' },
    ]);
    expect({ ...fromCsv, message: fromCsv.message }).toEqual({
      ...fromJson,
      message: fromJson.message,
    });
  });

  it('should name every missing and unknown column of a CSV header', () => {
    const problem = problemOf(() => ceRows('身份证号码,姓名\n1,张三', 'csv'));
    expect(problem).toMatchObject({ status: 400, code: 'csv-invalid' });
    expect(problem.errors.map((e) => [e.field, e.code])).toEqual([
      ['certificateNumber', 'required'],
      ['sequence', 'required'],
      ['passDate', 'required'],
      ['姓名', 'unknown-field'],
    ]);
  });
});
