import type { Request } from 'express';
import { AppError } from '../app-error';

export const STAFF_ROLES = ['regulator', 'association', 'training', 'admin', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLES = ['person', 'enterprise', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by `authenticate` from a bearer token or an API key. */
export interface Principal {
  accountId: string;
  role: Role;
  username: string;
  personId?: string;
  idNumber?: string;
  enterpriseId?: string;
  creditCode?: string;
  /** How the caller authenticated; API keys may not manage API keys. */
  via: 'token' | 'api-key';
  apiKeyId?: string;
  /** The access token's id and expiry, when it has an id (sign-out ends it). */
  token?: { id: string; expiresAt: Date };
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** The caller, or undefined for an anonymous request. */
export function findPrincipal(req: Request): Principal | undefined {
  return principals.get(req);
}

/** The caller; 401 when the request is anonymous. */
export function principalOf(req: Request): Principal {
  const p = principals.get(req);
  if (!p)
    throw new AppError(401, 'unauthenticated', '请先登录：请求需携带有效的访问令牌或 API 密钥');
  return p;
}
