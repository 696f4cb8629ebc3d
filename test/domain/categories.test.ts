import {
  CATEGORY_CODES,
  CATEGORY_JOB_TYPES,
  CATEGORY_NAMES,
  CategoryCode,
  JOB_TYPE_CODES,
  JOB_TYPE_NAMES,
  allowedJobTypes,
  categoryNames,
  isCategoryCode,
  isJobTypeAllowed,
  isJobTypeCode,
  sortCategories,
  validateCategories,
} from '../../domain/categories';

describe('domain/categories - business categories and job types', () => {
  it('should name the four categories and ten job types of SPEC §4', () => {
    expect(CATEGORY_CODES).toEqual(['G', 'P', 'J', 'T']);
    expect(CATEGORY_NAMES).toEqual({
      G: '管道燃气',
      P: '瓶装燃气',
      J: '燃气汽车加气站',
      T: '其他',
    });
    expect(JOB_TYPE_CODES).toHaveLength(10);
    expect(JOB_TYPE_NAMES['01']).toBe('燃气管网工');
    expect(JOB_TYPE_NAMES['06']).toBe('城镇燃气抢修人员');
    expect(JOB_TYPE_NAMES['10']).toBe('压缩天然气场站工');
  });

  it.each<[CategoryCode, string[]]>([
    [
      'G',
      [
        '燃气管网工',
        '燃气输配场站工',
        '液化天然气储运工',
        '燃气用户检修工',
        '燃气燃烧器具安装维修工',
        '城镇燃气抢修人员',
      ],
    ],
    [
      'P',
      [
        '燃气用户检修工',
        '燃气燃烧器具安装维修工',
        '城镇燃气抢修人员',
        '液化石油气库站工',
        '瓶装燃气送气工',
      ],
    ],
    ['J', ['液化天然气储运工', '城镇燃气抢修人员', '汽车加气站操作工', '压缩天然气场站工']],
    ['T', ['燃气燃烧器具安装维修工']],
  ])('should allow category %s exactly the job types of the restored table', (category, names) => {
    expect(CATEGORY_JOB_TYPES[category].map((j) => JOB_TYPE_NAMES[j]).sort()).toEqual(
      [...names].sort(),
    );
  });

  it.each<[CategoryCode[], string[]]>([
    [[], []],
    [['T'], ['05']],
    [
      ['G', 'P'],
      ['01', '02', '03', '04', '05', '06', '07', '08'],
    ],
    [
      ['J', 'T'],
      ['03', '05', '06', '09', '10'],
    ],
    [
      ['T', 'J', 'P', 'G'],
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'],
    ],
  ])('should allow the union of job types for %j', (categories, jobTypes) => {
    expect(allowedJobTypes(categories)).toEqual(jobTypes);
  });

  it.each([
    [['G'], '01', true],
    [['P'], '01', false],
    [['P', 'J'], '09', true],
    [['T'], '06', false],
  ] as const)('should say whether %j allow job type %s: %s', (categories, jobType, allowed) => {
    expect(isJobTypeAllowed(categories, jobType)).toBe(allowed);
  });

  it.each<[CategoryCode[], CategoryCode[]]>([
    [
      ['T', 'G'],
      ['G', 'T'],
    ],
    [
      ['J', 'P', 'G'],
      ['G', 'P', 'J'],
    ],
    [['P', 'P'], ['P']],
    [[], []],
  ])('should sort %j canonically as %j', (input, sorted) => {
    expect(sortCategories(input)).toEqual(sorted);
  });

  it('should join category names in canonical order', () => {
    expect(categoryNames(['P', 'G'])).toBe('管道燃气、瓶装燃气');
  });

  it.each([
    ['G', true],
    ['T', true],
    ['g', false],
    ['C', false],
    [1, false],
  ])('should recognise category code %j: %s', (value, ok) => {
    expect(isCategoryCode(value)).toBe(ok);
  });

  it.each([
    ['01', true],
    ['10', true],
    ['11', false],
    ['1', false],
    ['00', false],
  ])('should recognise job type code %j: %s', (value, ok) => {
    expect(isJobTypeCode(value)).toBe(ok);
  });

  it('should validate a category list and return it in canonical order', () => {
    expect(validateCategories(['T', 'G'])).toEqual({ ok: true, value: ['G', 'T'] });
  });

  it.each([
    [[], 'categories-empty', '请至少选择一个经营类别'],
    [['G', 'X', 'y'], 'categories-unknown', '经营类别代码“X”、“y”不存在'],
    [['G', 'P', 'G'], 'categories-repeated', '经营类别管道燃气重复选择'],
  ])('should reject %j with %s', (input, code, message) => {
    const result = validateCategories(input);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message).toContain(message);
  });
});
