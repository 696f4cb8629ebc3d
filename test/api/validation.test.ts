import { AppError } from '../../api/app-error';
import { object, nullable } from '../../api/schemas/json-schema';
import { creditCode, idNumber, personName, phone } from '../../api/schemas/common';
import { validate } from '../../api/validation';

const schema = object(
  {
    name: personName,
    idNumber,
    creditCode,
    phone: nullable(phone),
    tags: { type: 'array', title: '标签', items: { type: 'string' }, maxItems: 2 },
  },
  ['name', 'idNumber'],
);

function errorsOf(value: unknown) {
  try {
    validate(schema, value);
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, errors: e.errors };
    throw e;
  }
  return undefined;
}

describe('api/validation - field errors in Chinese', () => {
  it('should pass a valid value through unchanged', () => {
    const value = { name: '张三', idNumber: '11010519491231002X', phone: null };
    expect(validate(schema, value)).toBe(value);
  });

  it.each([
    [{ idNumber: '11010519491231002X' }, 'name', 'required', '姓名为必填项'],
    [{ name: '   ', idNumber: '11010519491231002X' }, 'name', 'pattern', '姓名不能为空白'],
    [{ name: 1, idNumber: '11010519491231002X' }, 'name', 'type', '姓名应为字符串'],
    [
      { name: 'a', idNumber: '110105194912310021' },
      'idNumber',
      'id-number-check-char',
      '校验位错误',
    ],
    [
      { name: 'a', idNumber: '11010519491231002X', creditCode: 'X' },
      'creditCode',
      'credit-code-length',
      '应为18位',
    ],
    [
      { name: 'a', idNumber: '11010519491231002X', phone: 5 },
      'phone',
      'type',
      '手机号码应为字符串或null',
    ],
    [
      { name: 'a', idNumber: '11010519491231002X', tags: ['a', 'b', 'c'] },
      'tags',
      'too-many',
      '标签最多2项',
    ],
    [{ name: 'a', idNumber: '11010519491231002X', tags: [1] }, 'tags.0', 'type', '应为字符串'],
    [
      { name: 'a', idNumber: '11010519491231002X', extra: 1 },
      'extra',
      'unknown-field',
      '不支持的字段“extra”',
    ],
  ])('should report %j as %s / %s', (value, field, code, message) => {
    const found = errorsOf(value);
    expect(found).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(found?.errors).toEqual([{ field, code, message: expect.stringContaining(message) }]);
  });

  it('should report a body that is not an object', () => {
    expect(errorsOf([])?.errors).toEqual([
      { field: '', code: 'type', message: expect.stringContaining('对象') },
    ]);
  });
});
