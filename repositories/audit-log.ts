import type { Knex } from 'knex';

export interface AuditEntry {
  /** The account acting; null for the system or the admin CLI. */
  actorAccountId: string | null;
  /** Username, or e.g. "admin-cli", kept as text so the entry outlives the account. */
  actor: string;
  /** Stable action code, e.g. `person.register`. */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Appends one entry to the audit log (in the caller's transaction when given one). */
export async function recordAudit(db: Knex, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor_account_id: entry.actorAccountId,
    actor: entry.actor,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    details: JSON.stringify(entry.details ?? {}),
  });
}
