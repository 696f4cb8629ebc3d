/**
 * Enterprise business categories (经营类别) and the O&M job types (工种) each allows (SPEC §4).
 * Job-type codes are a project decision; the category table restores the manual's garbled one.
 */
import { DomainResult, failure, success } from './result';

/** Canonical order G P J T: certificate numbers and lists always use it. */
export const CATEGORY_CODES = ['G', 'P', 'J', 'T'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const CATEGORY_NAMES: Readonly<Record<CategoryCode, string>> = {
  G: '管道燃气',
  P: '瓶装燃气',
  J: '燃气汽车加气站',
  T: '其他',
};

export const JOB_TYPE_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
export type JobTypeCode = (typeof JOB_TYPE_CODES)[number];

export const JOB_TYPE_NAMES: Readonly<Record<JobTypeCode, string>> = {
  '01': '燃气管网工',
  '02': '燃气输配场站工',
  '03': '液化天然气储运工',
  '04': '燃气用户检修工',
  '05': '燃气燃烧器具安装维修工',
  '06': '城镇燃气抢修人员',
  '07': '液化石油气库站工',
  '08': '瓶装燃气送气工',
  '09': '汽车加气站操作工',
  '10': '压缩天然气场站工',
};

export const CATEGORY_JOB_TYPES: Readonly<Record<CategoryCode, readonly JobTypeCode[]>> = {
  G: ['01', '02', '03', '04', '05', '06'],
  P: ['04', '05', '06', '07', '08'],
  J: ['03', '06', '09', '10'],
  T: ['05'],
};

export function isCategoryCode(value: unknown): value is CategoryCode {
  return typeof value === 'string' && (CATEGORY_CODES as readonly string[]).includes(value);
}

export function isJobTypeCode(value: unknown): value is JobTypeCode {
  return typeof value === 'string' && (JOB_TYPE_CODES as readonly string[]).includes(value);
}

/** Distinct categories in the canonical order G P J T. */
export function sortCategories(categories: readonly CategoryCode[]): CategoryCode[] {
  return CATEGORY_CODES.filter((c) => categories.includes(c));
}

/** The job types an enterprise of these categories may employ O&M staff for (the union). */
export function allowedJobTypes(categories: readonly CategoryCode[]): JobTypeCode[] {
  return JOB_TYPE_CODES.filter((j) => categories.some((c) => CATEGORY_JOB_TYPES[c].includes(j)));
}

export function isJobTypeAllowed(
  categories: readonly CategoryCode[],
  jobType: JobTypeCode,
): boolean {
  return allowedJobTypes(categories).includes(jobType);
}

/** e.g. "管道燃气、瓶装燃气" for messages. */
export function categoryNames(categories: readonly CategoryCode[]): string {
  return sortCategories(categories)
    .map((c) => CATEGORY_NAMES[c])
    .join('、');
}

/** Validates a requested category list: at least one, known codes, no repeats; sorted G P J T. */
export function validateCategories(input: readonly unknown[]): DomainResult<CategoryCode[]> {
  if (!Array.isArray(input) || input.length === 0) {
    return failure('categories-empty', '请至少选择一个经营类别');
  }
  const unknown = input.filter((c) => !isCategoryCode(c));
  if (unknown.length > 0) {
    return failure(
      'categories-unknown',
      `经营类别代码${unknown.map((c) => `“${String(c)}”`).join('、')}不存在，可选：G 管道燃气、P 瓶装燃气、J 燃气汽车加气站、T 其他`,
    );
  }
  const codes = input as CategoryCode[];
  const repeated = sortCategories(codes.filter((c, i) => codes.indexOf(c) !== i));
  if (repeated.length > 0) {
    return failure('categories-repeated', `经营类别${categoryNames(repeated)}重复选择`);
  }
  return success(sortCategories(codes));
}
