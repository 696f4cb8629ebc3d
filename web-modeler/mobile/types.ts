/** The shapes of the /api answers the practitioner's pages read (see /openapi.json). */
import type { CheckResult, TimelineEntry } from '@shared/types';

export interface Certificate {
  id: string;
  number: string;
  type: 'A' | 'B' | 'C';
  typeName: string;
  jobType: string | null;
  jobTypeName: string | null;
  holder: { personId: string; name: string; idNumber: string };
  unit: { enterpriseId: string; name: string };
  firstIssueDate: string;
  validityStart: string;
  validityEnd: string;
  ceDeadline: string;
  ceReviewed: boolean;
  state: 'valid' | 'abnormal' | 'expired' | 'cancelled';
  stateName: string;
  abnormalReasons: Array<{ code: string; name: string }>;
  verifyPath: string;
}

export interface ApplicationSummary {
  id: string;
  type: string;
  typeName: string;
  state: string;
  stateName: string;
  subject: Record<string, unknown>;
  employmentId: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  checkResults: CheckResult[];
  timeline: TimelineEntry[];
}

export interface ProgressStep {
  elementId: string;
  name: string;
  kind: 'start' | 'userTask' | 'serviceTask' | 'end';
  status: 'done' | 'current' | 'stopped' | 'pending';
  at: string | null;
}

export interface Progress {
  applicationId: string;
  available: boolean;
  steps: ProgressStep[];
}

export interface Message {
  id: string;
  category: string;
  title: string;
  body: string;
  applicationId: string | null;
  certificateId: string | null;
  read: boolean;
  createdAt: string;
}

export interface Person {
  id: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  verifiedAt: string | null;
  hasPhoto: boolean;
  names: Array<{ name: string; verifiedAt: string }>;
}

export interface Employment {
  id: string;
  state: 'proposed' | 'active' | 'ended' | 'declined' | 'lapsed';
  enterprise: { id: string; name: string; creditCode: string };
  contractStart: string;
  contractEnd: string | null;
  proposedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface Employments {
  current: Employment | null;
  pending: Employment[];
  history: Employment[];
}

export interface ResumeEntry {
  id: string;
  startDate: string;
  endDate: string | null;
  organisation: string;
  position: string | null;
  description: string | null;
}
