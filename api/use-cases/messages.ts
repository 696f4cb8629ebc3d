import { Message, Recipient, listMessages, markMessageRead } from '../../repositories/messages';
import { notFound } from '../auth/policy';
import type { MessageQuery } from '../schemas/messages';
import type { UseCaseContext } from './context';

function view(m: Message) {
  return { ...m, read: m.readAt !== null };
}

export async function messagesOf(ctx: UseCaseContext, recipient: Recipient, query: MessageQuery) {
  const unread = query.unread === undefined ? undefined : query.unread === 'true';
  return (await listMessages(ctx.db, recipient, { category: query.category, unread })).map(view);
}

/** Marks the message read; another recipient's message is "not found". */
export async function readMessage(ctx: UseCaseContext, recipient: Recipient, id: string) {
  const m = await markMessageRead(ctx.db, recipient, id);
  if (!m) throw notFound('消息');
  return view(m);
}
