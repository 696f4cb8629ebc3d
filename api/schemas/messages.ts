import { timestamp } from './common';
import { arrayOf, nullable, object } from './json-schema';

export interface MessageQuery {
  category?: string;
  unread?: 'true' | 'false';
}

export const messageQuery = object({
  category: { type: 'string', title: '消息类别', minLength: 1, maxLength: 50 },
  unread: {
    type: 'string',
    title: '未读筛选',
    enum: ['true', 'false'],
    description: 'true 只看未读，false 只看已读；不填为全部',
  },
});

export const message = object({
  id: { type: 'string' },
  category: { type: 'string' },
  title: { type: 'string' },
  body: { type: 'string' },
  link: nullable({ type: 'string' }),
  applicationId: nullable({ type: 'string' }),
  certificateId: nullable({ type: 'string' }),
  read: { type: 'boolean' },
  readAt: nullable(timestamp),
  createdAt: timestamp,
});

export const messageList = arrayOf(message);
