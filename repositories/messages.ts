import type { Knex } from 'knex';

export interface Message {
  id: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  applicationId: string | null;
  certificateId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** A message goes to exactly one person or one enterprise. */
export type Recipient = { personId: string } | { enterpriseId: string };

export interface MessageFilter {
  category?: string;
  unread?: boolean;
}

const COLUMNS = {
  id: 'id',
  category: 'category',
  title: 'title',
  body: 'body',
  link: 'link',
  applicationId: 'application_id',
  certificateId: 'certificate_id',
  readAt: 'read_at',
  createdAt: 'created_at',
};

function ofRecipient(db: Knex, recipient: Recipient) {
  return 'personId' in recipient
    ? db('messages').where({ person_id: recipient.personId })
    : db('messages').where({ enterprise_id: recipient.enterpriseId });
}

/** The recipient's messages, newest first. */
export async function listMessages(
  db: Knex,
  recipient: Recipient,
  filter: MessageFilter,
): Promise<Message[]> {
  const q = ofRecipient(db, recipient);
  if (filter.category !== undefined) q.where({ category: filter.category });
  if (filter.unread === true) q.whereNull('read_at');
  if (filter.unread === false) q.whereNotNull('read_at');
  return q
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .select(COLUMNS);
}

/** Marks one of the recipient's messages read (keeping the first read time). */
export async function markMessageRead(
  db: Knex,
  recipient: Recipient,
  id: string,
): Promise<Message | undefined> {
  await ofRecipient(db, recipient)
    .where({ id })
    .whereNull('read_at')
    .update({ read_at: db.fn.now() });
  return ofRecipient(db, recipient).where({ id }).first(COLUMNS);
}
