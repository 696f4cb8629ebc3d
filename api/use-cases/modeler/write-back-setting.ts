import { PROCESSES_DIR } from './process-contract';

/**
 * Where the modeler's deployments are written back (development only): processes/ unless
 * NODE_ENV=production or MODELER_WRITE_BACK=false. A production server has no working copy to
 * commit from, and its processes/ must stay what was released.
 */
export function modelerWriteBack(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_ENV === 'production' || env.MODELER_WRITE_BACK === 'false') return undefined;
  return PROCESSES_DIR;
}
