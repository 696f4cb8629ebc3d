import { ROLES } from '../auth/principal';
import { password } from './common';
import { object } from './json-schema';

export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

export const changePasswordBody = object(
  {
    currentPassword: { type: 'string', title: '当前密码', minLength: 1, maxLength: 128 },
    newPassword: { ...password, title: '新密码' },
  },
  ['currentPassword', 'newPassword'],
);

export const passwordResetResponse = object({
  username: { type: 'string', description: '登录用户名' },
  temporaryPassword: {
    type: 'string',
    description: '临时密码，仅此一次返回；请交给本人并提醒其登录后立即修改',
  },
});

/** An account named as people type it in the admin CLI. */
export const accountUsername = {
  type: 'string',
  title: '用户名',
  minLength: 1,
  maxLength: 100,
} as const;

export interface UsernameInput {
  username: string;
}

export const usernameInput = object({ username: accountUsername }, ['username']);

export interface ResetPasswordInput {
  username: string;
  password?: string;
}

export const resetPasswordInput = object({ username: accountUsername, password }, ['username']);

export interface ListUsersInput {
  role?: (typeof ROLES)[number];
}

export const listUsersInput = object({
  role: { type: 'string', title: '角色', enum: ROLES },
});
