import { isStorable, unstorableStrings } from '../../api/unstorable-strings';
import { object } from '../../api/schemas/json-schema';

describe('api/unstorable-strings - strings PostgreSQL cannot store', () => {
  it.each([
    ['plain Chinese', '张三', true],
    ['an empty string', '', true],
    ['a surrogate pair (U+20000)', '𠀀', true],
    ['U+0000', 'a\u0000b', false],
    ['a high surrogate at the end', 'a\uD800', false],
    ['a low surrogate at the start', '\uDC00a', false],
    ['a reversed pair', '\uDC00\uD800', false],
  ])('should judge %s', (_, s, storable) => {
    expect(isStorable(s)).toBe(storable);
  });

  it('should name each field, keys included, in the order they were sent', () => {
    const schema = object({ name: { type: 'string', title: '姓名' } });
    const errors = unstorableStrings([
      { value: { id: '1' }, schema: undefined },
      { value: { name: 'a\u0000', list: ['ok', '\uD800'], ['k\u0000']: 1 }, schema },
    ]);
    expect(errors).toEqual([
      { field: 'name', code: 'invalid-character', message: '姓名含有无法保存的字符' },
      { field: 'list.1', code: 'invalid-character', message: '字段“list.1”含有无法保存的字符' },
      { field: 'k\uFFFD', code: 'invalid-character', message: '字段名“k\uFFFD”含有无法保存的字符' },
    ]);
  });

  it('should stop at 20 errors however many strings are bad', () => {
    expect(unstorableStrings([{ value: new Array(300_000).fill('\u0000') }])).toHaveLength(20);
  });

  it('should walk a deeply nested value without overflowing the stack', () => {
    let value: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) value = [value];
    const [error] = unstorableStrings([{ value }]);
    expect(error.code).toBe('invalid-character');
    expect(error.message.length).toBeLessThan(120);
  });

  it('should leave a Buffer (a raw upload) alone', () => {
    expect(unstorableStrings([{ value: Buffer.from([0, 0xed, 0xa0, 0x80]) }])).toEqual([]);
  });
});
