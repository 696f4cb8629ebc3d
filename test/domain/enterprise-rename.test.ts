import {
  ENTERPRISE_NAME_MAX,
  isRenameCandidate,
  renameNameFailures,
} from '../../domain/enterprise-rename';

describe('domain/enterprise-rename - the requested name', () => {
  const current = '西宁燃气有限公司';

  it.each([
    ['a different name', '青海新能燃气有限公司', []],
    ['a different name, no certificate behind', '青海新能燃气有限公司', [], 0],
    ['the same name while 2 certificates show another', current, [], 2],
    ['a different name with spaces around it', '  青海新能燃气有限公司 ', []],
    ['the same name', current, ['name-unchanged']],
    ['the same name with spaces around it', ` ${current}  `, ['name-unchanged']],
    ['an empty name', '', ['name-invalid']],
    ['a blank name', '   ', ['name-invalid']],
    ['one character', '燃', ['name-invalid']],
    ['two characters', '燃气', []],
    [`${ENTERPRISE_NAME_MAX} characters`, '燃'.repeat(ENTERPRISE_NAME_MAX), []],
    [
      `${ENTERPRISE_NAME_MAX + 1} characters`,
      '燃'.repeat(ENTERPRISE_NAME_MAX + 1),
      ['name-invalid'],
    ],
    ['a line break inside', '青海新能\n燃气有限公司', ['name-invalid']],
    ['a tab inside', '青海新能\t燃气有限公司', ['name-invalid']],
  ])('should judge %s', (_, requested, codes, behind = 0) => {
    const failures = renameNameFailures(current, requested, behind as number);
    expect(failures.map((f) => f.code)).toEqual(codes);
    for (const f of failures) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('domain/enterprise-rename - which certificates a rename is about', () => {
  it.each([
    ['valid', '旧名称', true],
    ['abnormal', '旧名称', true],
    ['valid', '新名称', false],
    ['abnormal', '新名称', false],
    ['expired', '旧名称', false],
    ['cancelled', '旧名称', false],
  ])('should take a %s certificate printed with %s: %s', (state, unitName, taken) => {
    expect(isRenameCandidate({ state, unitName }, '新名称')).toBe(taken);
  });
});
