import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the deployable diagrams and forms. */
export const processesDir = join(__dirname, '../../processes');

/** File names in `processes/` ending with an extension (e.g. `.bpmn`), sorted. */
export function processFiles(extension: string): string[] {
  return readdirSync(processesDir)
    .filter((f) => f.endsWith(extension))
    .sort();
}

export function readProcessFile(name: string): string {
  return readFileSync(join(processesDir, name), 'utf8');
}
