/** The shapes of /api answers the pages read (see /openapi.json for the full ones). */

export interface TimelineEntry {
  step: string;
  stepName: string;
  actor: string;
  at: string;
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
}

export interface CheckResult {
  code: string;
  passed: boolean;
  message: string;
}

export interface ApplicationDetail {
  id: string;
  type: string;
  typeName: string;
  state: string;
  stateName: string;
  personId: string | null;
  enterpriseId: string | null;
  employmentId: string | null;
  subject: Record<string, unknown>;
  createdAt: string;
  completedAt: string | null;
  checkResults: CheckResult[];
  timeline: TimelineEntry[];
}

export interface TaskApplication {
  id: string;
  type: string;
  typeName: string;
  state: string;
  subject: Record<string, unknown>;
  applicant: string | null;
  certificateNumber: string | null;
  submittedAt: string;
}

export interface Task {
  key: string;
  name: string;
  elementId: string;
  processId: string;
  candidateGroups: string[];
  assignee: string | null;
  createdAt: string | null;
  limitDays: number | null;
  dueDate: string | null;
  warning: boolean;
  overdue: boolean;
  batchApprovable: boolean;
  application: TaskApplication | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DoneTask {
  taskKey: string;
  step: string;
  stepName: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decidedAt: string;
  application: TaskApplication | null;
}

/** An application as `GET /api/applications` lists it. */
export type ApplicationSummary = Omit<ApplicationDetail, 'checkResults' | 'timeline'>;
