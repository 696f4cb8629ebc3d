/**
 * The one client of /api for every app. The access token lives in this module's memory only
 * (never localStorage or a cookie): a script injected into the page cannot read it from
 * storage, and closing or reloading the tab ends the browser session.
 */
import { reactive } from 'vue';
import { ROLE_NAMES, RoleName } from '@domain/role-names';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An answer of /api other than 2xx: its problem+json, in Chinese for the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

export type Role = RoleName;

/** The roles' Chinese names, the same the API writes on timelines (domain/role-names.ts). */
export { ROLE_NAMES };

export const session = reactive({
  token: null as string | null,
  role: null as Role | null,
  username: '',
});

/**
 * Calls /api with the session's token; throws ApiError with the server's Chinese detail. The
 * body is sent as JSON, or as it is under another `contentType` (a CSV import's text).
 */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = contentType;
  const json = contentType === 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : json ? JSON.stringify(body) : (body as string),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : undefined;
  if (!res.ok) {
    if (res.status === 401 && session.token) signOut();
    throw new ApiError(
      res.status,
      data?.code ?? 'http',
      data?.detail ?? `请求失败（${res.status}）`,
      data?.errors ?? [],
    );
  }
  return data as T;
}

export async function signIn(username: string, password: string): Promise<void> {
  const answer = await api<{ accessToken: string; role: Role }>('POST', '/api/auth/token', {
    username,
    password,
  });
  session.token = answer.accessToken;
  session.role = answer.role;
  session.username = username;
}

/** Forgets the session in this page (after a 401 the server has ended it already). */
export function signOut(): void {
  session.token = null;
  session.role = null;
  session.username = '';
}

/** 退出登录: the server ends the token (issue 10), then the page forgets it, whatever answered. */
export async function endSession(): Promise<void> {
  try {
    if (session.token) await api('POST', '/api/auth/sign-out');
  } catch {
    // Signed out here all the same; an unreachable server leaves the token to expire.
  }
  signOut();
}

/** A file of /api fetched with the token, as a blob URL (revoked after a minute). */
async function fileUrl(path: string): Promise<string> {
  const res = await fetch(path, {
    headers: session.token ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!res.ok) {
    const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : {};
    throw new ApiError(res.status, data.code ?? 'http', data.detail ?? '文件无法打开');
  }
  const url = URL.createObjectURL(await res.blob());
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

/** Opens a file of /api (a PDF, a photo) in a new tab. */
export async function openFile(path: string): Promise<void> {
  window.open(await fileUrl(path), '_blank', 'noopener');
}

/** Saves a file of /api (an export) under `filename`. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const a = document.createElement('a');
  a.href = await fileUrl(path);
  a.download = filename;
  a.click();
}

/** What to tell the user about a failed call: the detail, then each failed field or condition. */
export function errorText(e: unknown, fallback: string): string {
  if (!(e instanceof ApiError)) return fallback;
  const reasons = e.errors.map((f) => f.message).filter((m) => m && m !== e.detail);
  return reasons.length ? `${e.detail}：${reasons.join('；')}` : e.detail;
}
