import { CategoryCode, validateCategories } from '../../domain/categories';
import type { JobInput } from '../runtime/job-handler';

/** The `categories` variable, validated and in the canonical order G P J T. */
export function categoriesVariable(job: JobInput): CategoryCode[] {
  const raw = job.variables.categories;
  const result = validateCategories(Array.isArray(raw) ? raw : []);
  if (!result.ok) throw new Error(`Invalid categories ${JSON.stringify(raw)}: ${result.code}`);
  return result.value;
}
