import { version } from '../../package.json';
import { ROLE_NAMES } from '../auth/policy';
import type { Route } from '../route';
import type { JsonSchema } from '../schemas/json-schema';

type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema };

function parameters(r: Route): Parameter[] {
  const out: Parameter[] = [];
  for (const [where, schema] of [
    ['path', r.params],
    ['query', r.query],
  ] as const) {
    for (const [name, s] of Object.entries(schema?.properties ?? {}))
      out.push({
        name,
        in: where,
        required: where === 'path' || !!schema?.required?.includes(name),
        schema: s,
      });
  }
  return out;
}

function security(r: Route) {
  if (r.access === 'public') return [];
  return r.access.apiKeys === false || !r.access.roles.includes('enterprise')
    ? [{ bearerAuth: [] }]
    : [{ bearerAuth: [] }, { apiKeyHeader: [] }];
}

function accessNote(r: Route): string {
  if (r.access === 'public') return '公开，无需登录。';
  return `调用者：${r.access.roles.map((x) => ROLE_NAMES[x]).join('、')}。`;
}

function operation(r: Route) {
  const requestBody = r.rawBody
    ? { required: true, content: r.rawBody.content }
    : r.body
      ? { required: true, content: { 'application/json': { schema: r.body } } }
      : undefined;
  const responses = Object.fromEntries(
    Object.entries(r.responses).map(([status, spec]) => {
      const type =
        spec.contentType ??
        (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      return [
        status,
        {
          description: spec.description,
          ...(spec.schema ? { content: { [type]: { schema: spec.schema } } } : {}),
        },
      ];
    }),
  );
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description: [r.description, accessNote(r)].filter(Boolean).join('\n\n'),
    parameters: parameters(r),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security: security(r),
  };
}

/** The OpenAPI 3.1 document of the routes, from the very schemas the API validates with. */
export function openApiDocument(routes: Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method] = operation(r);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '燃气经营企业从业人员证书管理 API',
      version,
      description:
        '登录：POST /api/auth/token 取得访问令牌，之后在请求头中携带 `Authorization: Bearer <令牌>`；' +
        '企业系统也可使用 API 密钥（`X-Api-Key`）。错误响应均为 application/problem+json，' +
        '含稳定的英文 `code`、中文 `detail` 和逐字段的 `errors`。',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
}
