/**
 * Authorization, decided here and nowhere else: routes declare who may call them (`Access`),
 * and read their subject through these helpers, which answer 401 for anonymous callers, 403
 * for the wrong role and 404 for someone else's resource (existence is not revealed).
 */
import type { RequestHandler } from 'express';
import type { Certificate } from '../../repositories/certificates';
import type { Recipient } from '../../repositories/messages';
import { AppError } from '../app-error';
import { Principal, Role, findPrincipal, principalOf } from './principal';
import { ROLE_NAMES as DOMAIN_ROLE_NAMES } from '../../domain/role-names';

/** Who may call a route: anyone, or any authenticated caller whose role is listed. */
export type Access = 'public' | { roles: readonly Role[]; apiKeys?: boolean };

/** Re-exported where the API always found it; the names live in domain/ (repositories use them). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = DOMAIN_ROLE_NAMES;

export function forbidden(detail: string): AppError {
  return new AppError(403, 'forbidden', detail);
}

export function notFound(what: string): AppError {
  return new AppError(404, 'not-found', `${what}不存在`);
}

/** Checks the caller against a route's `Access`. */
export function check(access: Access, principal: Principal | undefined): void {
  if (access === 'public') return;
  if (!principal)
    throw new AppError(401, 'unauthenticated', '请先登录：请求需携带有效的访问令牌或 API 密钥');
  if (!access.roles.includes(principal.role)) {
    const allowed = access.roles.map((r) => ROLE_NAMES[r]).join('、');
    throw forbidden(`当前身份（${ROLE_NAMES[principal.role]}）无权执行此操作，仅限：${allowed}`);
  }
  if (principal.via === 'api-key' && access.apiKeys === false)
    throw forbidden('API 密钥不能执行此操作，请使用账号登录后的访问令牌');
}

export function authorize(access: Access): RequestHandler {
  return (req, _res, next) => {
    check(access, findPrincipal(req));
    next();
  };
}

/** The calling person's id (the route admits only persons). */
export function personIdOf(principal: Principal): string {
  if (principal.role !== 'person' || !principal.personId) throw forbidden('仅限从业人员本人操作');
  return principal.personId;
}

/** The calling enterprise's id (the route admits only enterprises). */
export function enterpriseIdOf(principal: Principal): string {
  if (principal.role !== 'enterprise' || !principal.enterpriseId)
    throw forbidden('仅限燃气经营企业操作');
  return principal.enterpriseId;
}

/** Where the caller's messages go: a person or an enterprise. */
export function recipientOf(principal: Principal): Recipient {
  if (principal.personId) return { personId: principal.personId };
  if (principal.enterpriseId) return { enterpriseId: principal.enterpriseId };
  throw forbidden('只有从业人员和企业有消息');
}

/** The holder, the unit enterprise and the regulator may see a certificate. */
export function maySeeCertificate(principal: Principal, certificate: Certificate): boolean {
  return (
    principal.role === 'regulator' ||
    (principal.role === 'person' && principal.personId === String(certificate.personId)) ||
    (principal.role === 'enterprise' &&
      principal.enterpriseId === String(certificate.unitEnterpriseId))
  );
}

/** The person and the enterprise of an employment may see it (and its contract). */
export function isEmploymentParty(
  principal: Principal,
  employment: { personId: string; enterpriseId: string },
): boolean {
  return (
    (principal.role === 'person' && principal.personId === String(employment.personId)) ||
    (principal.role === 'enterprise' && principal.enterpriseId === String(employment.enterpriseId))
  );
}

/** `resource` when present and visible to the caller; otherwise 404, whichever the cause. */
export function visibleOr404<T>(
  resource: T | undefined,
  visible: (r: T) => boolean,
  what: string,
): T {
  if (resource === undefined || !visible(resource)) throw notFound(what);
  return resource;
}

/**
 * The user-task candidate groups the caller belongs to (issue 4: `regulator`, `association`,
 * `training`, `enterprise:<credit code>`, `person:<ID number>`), for the task routes to match
 * against a task's `candidateGroups`.
 */
export function candidateGroupsOf(principal: Principal): string[] {
  switch (principal.role) {
    case 'person':
      return principal.idNumber ? [`person:${principal.idNumber}`] : [];
    case 'enterprise':
      return principal.creditCode ? [`enterprise:${principal.creditCode}`] : [];
    case 'admin':
      return [];
    default:
      return [principal.role];
  }
}

export { principalOf };
