/**
 * Our system's contract as the modeler checks diagrams against it, built from the real
 * registries: the workers' job handlers (a job type without a handler is not offered and is an
 * error), the check catalogue, the message templates, the forms of processes/ and the start
 * variables of the API. The page fetches it (GET /api/modeler/contract); the deploy uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_STATE_NAMES } from '../../../domain/application-states';
import { CHECK_CODES, CHECK_TITLES } from '../../../domain/checks/run-checks';
import {
  JOB_CONTRACT,
  JOB_SETTABLE_STATES,
  ProcessContract,
  START_VARIABLES,
} from '../../../domain/process-contract';
import { JOB_HANDLERS } from '../../../workers/runtime/handlers';
import { MESSAGE_TEMPLATES, renderMessage } from '../../../workers/shared/message-templates';

export const PROCESSES_DIR = path.join(__dirname, '..', '..', '..', 'processes');

/** Placeholder data, so a template's rendered title can name it in the modeler. */
const SAMPLE = {
  personName: '某某',
  enterpriseName: '某企业',
  comment: '',
  certificateLabel: '证书',
  certificateNumber: '',
  categoryNames: '',
  failedChecks: [],
  businessName: '业务',
};

/** The forms of processes/: form id → form-js schema. */
export function processForms(dir = PROCESSES_DIR): Record<string, unknown> {
  const forms: Record<string, unknown> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.form'))) {
    const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id: string };
    forms[schema.id] = schema;
  }
  return forms;
}

let cached: ProcessContract | undefined;

/** The contract; `extraForms` adds the forms of the draft being checked. */
export function processContract(extraForms: readonly string[] = []): ProcessContract {
  cached ??= {
    jobTypes: Object.fromEntries(
      Object.entries(JOB_CONTRACT).filter(([type]) => type in JOB_HANDLERS),
    ),
    checks: CHECK_CODES.map((code) => ({ code, title: CHECK_TITLES[code] })),
    forms: Object.keys(processForms()),
    messageTemplates: Object.keys(MESSAGE_TEMPLATES).map((code) => ({
      code,
      title: `${renderMessage(code, SAMPLE).title}（${code}）`,
    })),
    startVariables: START_VARIABLES,
    states: JOB_SETTABLE_STATES.map((value) => ({ value, label: APPLICATION_STATE_NAMES[value] })),
  };
  if (extraForms.length === 0) return cached;
  return { ...cached, forms: [...new Set([...cached.forms, ...extraForms])] };
}
