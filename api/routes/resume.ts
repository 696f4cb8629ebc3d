import type { ResumeEntryInput } from '../../repositories/resume-entries';
import { personIdOf, principalOf } from '../auth/policy';
import { route } from '../route';
import { idParams } from '../schemas/common';
import { arrayOf } from '../schemas/json-schema';
import { createResumeEntryBody, resumeEntry, updateResumeEntryBody } from '../schemas/resume';
import type { UseCaseContext } from '../use-cases/context';
import {
  addResumeEntry,
  changeResumeEntry,
  removeResumeEntry,
  resumeEntryOf,
  resumeOf,
} from '../use-cases/resume';
import { ok, problems } from './responses';

const PERSON = { roles: ['person'] } as const;
const TAG = '履历';
type Id = { id: string };

export function resumeRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'get',
      path: '/api/persons/me/resume',
      operationId: 'listMyResume',
      tag: TAG,
      summary: '我的履历',
      access: PERSON,
      responses: {
        200: ok('履历条目，按开始日期排序', arrayOf(resumeEntry)),
        ...problems(401, 403),
      },
      handle: async ({ req }) => ({ body: await resumeOf(ctx, personIdOf(principalOf(req))) }),
    }),
    route<ResumeEntryInput>({
      method: 'post',
      path: '/api/persons/me/resume',
      operationId: 'addMyResumeEntry',
      tag: TAG,
      summary: '添加履历条目',
      access: PERSON,
      body: createResumeEntryBody,
      responses: { 201: ok('已添加', resumeEntry), ...problems(400, 401, 403) },
      handle: async ({ req, body }) => ({
        status: 201,
        body: await addResumeEntry(ctx, personIdOf(principalOf(req)), body),
      }),
    }),
    route<unknown, unknown, Id>({
      method: 'get',
      path: '/api/persons/me/resume/{id}',
      operationId: 'getMyResumeEntry',
      tag: TAG,
      summary: '查看履历条目',
      access: PERSON,
      params: idParams,
      responses: { 200: ok('履历条目', resumeEntry), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => ({
        body: await resumeEntryOf(ctx, personIdOf(principalOf(req)), params.id),
      }),
    }),
    route<Partial<ResumeEntryInput>, unknown, Id>({
      method: 'patch',
      path: '/api/persons/me/resume/{id}',
      operationId: 'updateMyResumeEntry',
      tag: TAG,
      summary: '修改履历条目',
      access: PERSON,
      params: idParams,
      body: updateResumeEntryBody,
      responses: { 200: ok('已修改', resumeEntry), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params, body }) => ({
        body: await changeResumeEntry(ctx, personIdOf(principalOf(req)), params.id, body),
      }),
    }),
    route<unknown, unknown, Id>({
      method: 'delete',
      path: '/api/persons/me/resume/{id}',
      operationId: 'deleteMyResumeEntry',
      tag: TAG,
      summary: '删除履历条目',
      access: PERSON,
      params: idParams,
      responses: { 204: ok('已删除'), ...problems(400, 401, 403, 404) },
      handle: async ({ req, params }) => {
        await removeResumeEntry(ctx, personIdOf(principalOf(req)), params.id);
        return { status: 204 };
      },
    }),
  ];
}
