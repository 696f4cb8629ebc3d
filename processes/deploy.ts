import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CamundaRestClient } from '@camunda8/sdk';

/** Every diagram and form of this folder, as the deployment sends them. */
export function processResources(dir = __dirname): { name: string; content: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn') || f.endsWith('.form'))
    .sort()
    .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Deploys the diagrams and forms at start-up. Read as UTF-8 strings and sent with
 * deployResources: the SDK's deployResourcesFromFiles reads files as latin1 and would send the
 * Chinese names double-encoded to a real Camunda cluster. Identical content keeps its version,
 * so deploying on every start is harmless; an analyst's newer version from the modeler stays
 * the latest until the files here change.
 */
export async function deployProcesses(camunda: CamundaRestClient): Promise<string[]> {
  const result = await camunda.deployResources(processResources());
  return result.processes.map((p) => `${p.processDefinitionId} v${p.processDefinitionVersion}`);
}
