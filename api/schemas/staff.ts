import { STAFF_ROLES } from '../auth/principal';
import { password } from './common';
import { object } from './json-schema';

export interface CreateStaffInput {
  role: 'regulator' | 'association' | 'training' | 'admin' | 'analyst';
  username: string;
  password: string;
}

/**
 * Staff usernames are lowercase and start with a letter, so they can never be mistaken for
 * an ID number or a credit code (the usernames of persons and enterprises).
 */
export const createStaffInput = object(
  {
    role: {
      type: 'string',
      title: '角色',
      enum: STAFF_ROLES,
    },
    username: {
      type: 'string',
      title: '用户名',
      maxLength: 32,
      pattern: '^[a-z][a-z0-9._-]{2,31}$',
      'x-message': '用户名须为3至32位小写字母、数字或 . _ -，并以字母开头',
    },
    password,
  },
  ['role', 'username', 'password'],
);
