/** What the certificate pages of the Tasklist show of GET /api/certificates. */
export interface CertificateRow {
  id: string;
  number: string;
  type: string;
  typeName: string;
  jobTypeName: string | null;
  holder: { personId: string; name: string; idNumber: string };
  unit: { enterpriseId: string; name: string };
  firstIssueDate: string;
  validityStart: string;
  validityEnd: string;
  ceDeadline: string;
  state: string;
  stateName: string;
  abnormalReasons: Array<{ code: string; name: string }>;
}

export interface CertificateHistory {
  certificate: CertificateRow;
  issuances: Array<{
    id: string;
    kindName: string;
    reasonName: string;
    number: string;
    issuedAt: string;
    applicationId: string;
    hasPdf: boolean;
  }>;
  numbers: Array<{ number: string; since: string; until: string | null; current: boolean }>;
  states: Array<{ toStateName: string; at: string; applicationId: string | null }>;
}

/** Element Plus tag colours of the certificate states. */
export const STATE_TAGS: Record<string, 'success' | 'warning' | 'info' | 'danger'> = {
  valid: 'success',
  abnormal: 'warning',
  expired: 'info',
  cancelled: 'danger',
};
