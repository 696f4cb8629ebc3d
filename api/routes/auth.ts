import { route } from '../route';
import { object } from '../schemas/json-schema';
import { login } from '../use-cases/login';
import type { UseCaseContext } from '../use-cases/context';
import { ok, problems } from './responses';

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

export function authRoutes(ctx: UseCaseContext) {
  return [
    route<TokenBody>({
      method: 'post',
      path: '/api/auth/token',
      operationId: 'createToken',
      tag: '登录',
      summary: '用户名和密码换取访问令牌',
      access: 'public',
      body: tokenBody,
      responses: { 200: ok('访问令牌', tokenResponse), ...problems(400, 401) },
      handle: async ({ body }) => ({ body: await login(ctx, body.username, body.password) }),
    }),
  ];
}
