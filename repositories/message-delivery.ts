import type { Knex } from 'knex';

export interface OutgoingMessage {
  personId?: string | null;
  enterpriseId?: string | null;
  category: string;
  title: string;
  body: string;
  link?: string | null;
  applicationId?: string | null;
  certificateId?: string | null;
  /** Unique per message the sender means; a second send with the same key does nothing. */
  dedupeKey: string;
}

/** The row of one message. */
function messageRow(message: OutgoingMessage) {
  return {
    person_id: message.personId ?? null,
    enterprise_id: message.enterpriseId ?? null,
    category: message.category,
    title: message.title,
    body: message.body,
    link: message.link ?? null,
    application_id: message.applicationId ?? null,
    certificate_id: message.certificateId ?? null,
    dedupe_key: message.dedupeKey,
  };
}

/** Sends (stores) a message once per dedupe key; true when it was new. */
export async function deliverMessage(db: Knex, message: OutgoingMessage): Promise<boolean> {
  const rows = await db('messages')
    .insert(messageRow(message))
    .onConflict('dedupe_key')
    .ignore()
    .returning('id');
  return rows.length > 0;
}

/** Sends many messages in a few statements, each once per dedupe key; how many were new. */
export async function deliverMessages(db: Knex, messages: OutgoingMessage[]): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < messages.length; i += 500) {
    const rows = await db('messages')
      .insert(messages.slice(i, i + 500).map(messageRow))
      .onConflict('dedupe_key')
      .ignore()
      .returning('id');
    delivered += rows.length;
  }
  return delivered;
}
