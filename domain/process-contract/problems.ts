import type { JobContract } from './job-contract';

/** A finding of the modeler's problems panel and of the deploy check, in Chinese for analysts. */
export interface DiagramProblem {
  /** The element to select (the process id for findings about the whole process). */
  elementId: string;
  severity: 'error' | 'warning';
  /** Stable English code, e.g. `check-unknown`. */
  code: string;
  message: string;
}

/** The facts of our system the rules check a diagram against. */
export interface ProcessContract {
  /** Job types that have a worker, with what each expects (domain/process-contract/job-contract). */
  jobTypes: Readonly<Record<string, JobContract>>;
  /** The check catalogue (domain/checks): code and Chinese name. */
  checks: readonly { code: string; title: string }[];
  /** Form ids that exist (deployed, or in the draft being edited). */
  forms: readonly string[];
  /** `message-send` templates: code and Chinese title. */
  messageTemplates: readonly { code: string; title: string }[];
  /** The variables each process is started with. */
  startVariables: Readonly<Record<string, readonly string[]>>;
  /** Application states a job may set, with their Chinese names. */
  states: readonly { value: string; label: string }[];
}

export const hasErrors = (problems: readonly DiagramProblem[]): boolean =>
  problems.some((p) => p.severity === 'error');
