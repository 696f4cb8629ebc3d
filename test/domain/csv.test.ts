import { parseCsv, toCsv } from '../../domain/csv';

describe('domain/csv - reading a batch file', () => {
  it('should name the cells by the header and number records by their file line', () => {
    // given
    const text = '\uFEFFa,b\r\n1,2\r\n\r\n3,4\n';
    // when
    const { header, records } = parseCsv(text);
    // then
    expect(header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { line: 2, values: { a: '1', b: '2' } },
      { line: 4, values: { a: '3', b: '4' } },
    ]);
  });

  it.each([
    { case: 'a quoted comma', text: 'a,b\n"x,y",2', values: { a: 'x,y', b: '2' } },
    { case: 'a doubled quote', text: 'a,b\n"say ""hi""",2', values: { a: 'say "hi"', b: '2' } },
    { case: 'a missing cell', text: 'a,b\n1', values: { a: '1', b: '' } },
    { case: 'spaces around cells', text: ' a , b \n 1 , 2 ', values: { a: '1', b: '2' } },
  ])('should read $case', ({ text, values }) => {
    expect(parseCsv(text).records[0].values).toEqual(values);
  });

  it('should count the lines inside a quoted cell', () => {
    const { records } = parseCsv('a\n"x\ny"\nz');
    expect(records.map((r) => r.line)).toEqual([2, 4]);
  });

  it('should give no records for a header alone or an empty text', () => {
    expect(parseCsv('a,b\n').records).toEqual([]);
    expect(parseCsv('')).toEqual({ header: [], records: [] });
  });

  it('should write rows that read back the same, quoting only where needed', () => {
    // given cells with a comma, a quote, a line break and plain text
    const rows = [
      ['身份证号码', '错误原因'],
      ['630102199005171234', '姓名与实名认证不一致，请核对'],
      ['a,b', 'say "hi"\n第二行'],
    ];
    // when written
    const text = toCsv(rows);
    // then plain cells stay bare, Excel gets its BOM, and reading gives the cells back
    expect(text.startsWith('\uFEFF身份证号码,错误原因\r\n')).toBe(true);
    const { header, records } = parseCsv(text);
    expect(header).toEqual(rows[0]);
    expect(records.map((r) => header.map((h) => r.values[h]))).toEqual(rows.slice(1));
  });
});
