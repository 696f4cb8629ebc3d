import { elementTemplates } from '../../domain/process-contract';
import { principalOf } from '../auth/policy';
import { route } from '../route';
import {
  CheckBody,
  DeployBody,
  DraftBody,
  checkBody,
  checkResult,
  contractAnswer,
  deployBody,
  deployed,
  draft,
  draftBody,
  draftCreated,
  draftParams,
  formsAnswer,
  processDetail as processDetailSchema,
  processList,
  processParams,
  versionParams,
  versionXml as versionXmlSchema,
} from '../schemas/modeler';
import type { UseCaseContext } from '../use-cases/context';
import { deployDiagram } from '../use-cases/modeler/deploy';
import { checkDiagram } from '../use-cases/modeler/diagram-check';
import { getDraft, saveDraft } from '../use-cases/modeler/drafts';
import { currentForms } from '../use-cases/modeler/forms';
import { processContract } from '../use-cases/modeler/process-contract';
import { listProcesses, processDetail, versionXml } from '../use-cases/modeler/process-versions';
import { ok, problems } from './responses';

const ANALYST = { roles: ['analyst'], apiKeys: false } as const;
const TAG = '流程建模';
const engineDown = { 503: ok('流程引擎暂时不可用') };

type P = { processId: string };

/** The analysts' modeler (issue 11): processes, versions, drafts, the contract check, deploy. */
export function modelerRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'get',
      path: '/api/modeler/contract',
      operationId: 'getModelerContract',
      tag: TAG,
      summary: '建模契约与业务构件的元素模板',
      description:
        '问题面板检查流程图所依据的契约（有处理程序的作业类型及其所需变量和任务头、检测条件目录、表单、消息模板、各流程的启动变量），以及由契约生成的元素模板。部署时服务器按同一契约检查。',
      access: ANALYST,
      responses: { 200: ok('契约', contractAnswer), ...problems(401, 403) },
      handle: async () => {
        const contract = processContract();
        return { body: { contract, templates: elementTemplates(contract) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/modeler/forms',
      operationId: 'listModelerForms',
      tag: TAG,
      summary: '当前表单（processes/ 中的表单及经建模器部署的最新表单）',
      access: ANALYST,
      responses: { 200: ok('表单', formsAnswer), ...problems(401, 403) },
      handle: async () => ({ body: { forms: await currentForms(ctx) } }),
    }),
    route({
      method: 'get',
      path: '/api/modeler/processes',
      operationId: 'listModelerProcesses',
      tag: TAG,
      summary: '流程列表：各流程的已部署版本、最新草稿、谁在何时改了什么',
      access: ANALYST,
      responses: { 200: ok('流程列表', processList), ...problems(401, 403), ...engineDown },
      handle: async () => ({ body: { items: await listProcesses(ctx) } }),
    }),
    route<unknown, unknown, P>({
      method: 'get',
      path: '/api/modeler/processes/{processId}',
      operationId: 'getModelerProcess',
      tag: TAG,
      summary: '一个流程的版本与草稿',
      access: ANALYST,
      params: processParams,
      responses: {
        200: ok('流程', processDetailSchema),
        ...problems(400, 401, 403, 404),
        ...engineDown,
      },
      handle: async ({ params }) => ({ body: await processDetail(ctx, params.processId) }),
    }),
    route<unknown, unknown, P & { version: string }>({
      method: 'get',
      path: '/api/modeler/processes/{processId}/versions/{version}',
      operationId: 'getModelerProcessVersion',
      tag: TAG,
      summary: '已部署版本的流程图（XML）',
      access: ANALYST,
      params: versionParams,
      responses: {
        200: ok('流程图', versionXmlSchema),
        ...problems(400, 401, 403, 404),
        ...engineDown,
      },
      handle: async ({ params }) => ({
        body: await versionXml(ctx, params.processId, Number(params.version)),
      }),
    }),
    route<DraftBody, unknown, P>({
      method: 'post',
      path: '/api/modeler/processes/{processId}/drafts',
      operationId: 'saveModelerDraft',
      tag: TAG,
      summary: '保存草稿（附说明）',
      description: '每次保存都是新的一条记录，草稿不会被修改；有问题的流程图也可以保存为草稿。',
      access: ANALYST,
      params: processParams,
      body: draftBody,
      responses: { 201: ok('已保存', draftCreated), ...problems(400, 401, 403, 415, 422) },
      handle: async ({ req, params, body }) => ({
        status: 201,
        body: await saveDraft(ctx, principalOf(req), params.processId, body),
      }),
    }),
    route<unknown, unknown, P & { id: string }>({
      method: 'get',
      path: '/api/modeler/processes/{processId}/drafts/{id}',
      operationId: 'getModelerDraft',
      tag: TAG,
      summary: '一个草稿（流程图和表单）',
      access: ANALYST,
      params: draftParams,
      responses: { 200: ok('草稿', draft), ...problems(400, 401, 403, 404) },
      handle: async ({ params }) => ({ body: await getDraft(ctx, params.processId, params.id) }),
    }),
    route<CheckBody, unknown, P>({
      method: 'post',
      path: '/api/modeler/processes/{processId}/check',
      operationId: 'checkModelerDiagram',
      tag: TAG,
      summary: '按契约检查流程图（部署前同样的检查）',
      access: ANALYST,
      params: processParams,
      body: checkBody,
      responses: { 200: ok('问题列表', checkResult), ...problems(400, 401, 403, 415) },
      handle: async ({ body }) => ({
        body: { problems: (await checkDiagram(body.xml, Object.keys(body.forms ?? {}))).problems },
      }),
    }),
    route<DeployBody, unknown, P>({
      method: 'post',
      path: '/api/modeler/processes/{processId}/deployments',
      operationId: 'deployModelerDiagram',
      tag: TAG,
      summary: '部署流程图及其表单',
      description:
        '先按契约检查（与问题面板相同的规则）；有错误时 422 diagram-has-problems，problems 列出每个问题，什么也不部署。流程引擎拒绝时 422 engine-refused。内容与最新版本相同时不产生新版本（unchanged=true）。开发环境下同时写回 processes/。',
      access: ANALYST,
      params: processParams,
      body: deployBody,
      responses: {
        201: ok('已部署', deployed),
        ...problems(400, 401, 403, 415, 422),
        ...engineDown,
      },
      handle: async ({ req, params, body }) => ({
        status: 201,
        body: await deployDiagram(ctx, principalOf(req), params.processId, body),
      }),
    }),
  ];
}
