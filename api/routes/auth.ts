import type { Request, Response } from 'express';
import { AppError } from '../app-error';
import { principalOf } from '../auth/policy';
import { ROLES } from '../auth/principal';
import { route } from '../route';
import { object } from '../schemas/json-schema';
import { ChangePasswordBody, changePasswordBody } from '../schemas/passwords';
import { login } from '../use-cases/login';
import type { UseCaseContext } from '../use-cases/context';
import { changeOwnPassword } from '../use-cases/passwords';
import { signOut } from '../use-cases/sign-out';
import { PROBLEMS, ok, problems } from './responses';

interface TokenBody {
  username: string;
  password: string;
}

const tokenBody = object(
  {
    username: {
      type: 'string',
      title: '用户名',
      minLength: 1,
      maxLength: 100,
      description: '身份证号码（从业人员）、统一社会信用代码（企业）或工作人员用户名',
    },
    password: { type: 'string', title: '密码', minLength: 1, maxLength: 128 },
  },
  ['username', 'password'],
);

const tokenResponse = object({
  accessToken: { type: 'string', description: 'JWT（HS256），12 小时内有效' },
  tokenType: { type: 'string', enum: ['Bearer'] },
  expiresIn: { type: 'integer', description: '有效期（秒）' },
  role: { type: 'string' },
});

const signedOut = object({ signedOut: { type: 'boolean', enum: [true] } });

const throttledProblem = {
  ...PROBLEMS[400],
  description:
    '登录失败次数过多：同一用户名 15 分钟内失败 5 次、或同一地址失败 20 次后锁定 15 分钟（即使密码正确）；Retry-After 头为需等待的秒数',
};

/**
 * The client address the throttle counts. Express `trust proxy` is off, so this is the peer
 * of the TCP connection; behind a reverse proxy, set `trust proxy` to count real clients.
 */
const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Runs a throttled use case; a 429 carries its wait in `Retry-After` as well. */
async function withRetryAfter<T>(res: Response, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const seconds = e instanceof AppError ? e.extra.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') res.set('Retry-After', String(seconds));
    throw e;
  }
}

export function authRoutes(ctx: UseCaseContext) {
  return [
    route<TokenBody>({
      method: 'post',
      path: '/api/auth/token',
      operationId: 'createToken',
      tag: '登录',
      summary: '用户名和密码换取访问令牌',
      description:
        '用户名或密码错误答 401（未知用户名与错误密码相同）；停用的账号答 403（account-disabled）；失败次数过多答 429（login-throttled）。',
      access: 'public',
      body: tokenBody,
      responses: {
        200: ok('访问令牌', tokenResponse),
        ...problems(400, 401, 403),
        429: throttledProblem,
      },
      handle: async ({ req, res, body }) => ({
        body: await withRetryAfter(res, () =>
          login(ctx, body.username, body.password, addressOf(req)),
        ),
      }),
    }),
    route<ChangePasswordBody>({
      method: 'post',
      path: '/api/auth/password',
      operationId: 'changePassword',
      tag: '登录',
      summary: '修改本人密码',
      description:
        '须提供当前密码；新密码 8 至 128 个字符且不同于当前密码。修改后此前签发的访问令牌全部失效，响应中返回新的访问令牌。当前密码错误计入登录失败次数。',
      access: { roles: ROLES, apiKeys: false },
      body: changePasswordBody,
      responses: {
        200: ok('新的访问令牌', tokenResponse),
        ...problems(400, 401, 403),
        429: throttledProblem,
      },
      handle: async ({ req, res, body }) => ({
        body: await withRetryAfter(res, () =>
          changeOwnPassword(ctx, principalOf(req), body, addressOf(req)),
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/auth/sign-out',
      operationId: 'signOut',
      tag: '登录',
      summary: '退出登录（令牌在服务端作废）',
      description:
        '本次请求所用的访问令牌立即作废：之后携带它的每个请求都答 401（invalid-token）。其他会话不受影响。',
      access: { roles: ROLES, apiKeys: false },
      responses: { 200: ok('已退出', signedOut), ...problems(401, 403) },
      handle: async ({ req }) => ({ body: await signOut(ctx, principalOf(req)) }),
    }),
  ];
}
