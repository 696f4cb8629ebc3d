/**
 * Employment proposal and termination (聘用确认 / 解除聘用, SPEC §3): synchronous checks, then
 * the employment row, the application and the process (employment-proposal / -termination).
 */
import {
  deleteEmploymentProposal,
  findActiveEmployment,
  findEmployment,
  insertEmploymentProposal,
} from '../../repositories/employments';
import { findEnterpriseById } from '../../repositories/enterprises';
import { findPersonById, findPersonByIdNumber } from '../../repositories/persons';
import {
  hasOpenApplication,
  insertApplication,
  lockSubject,
} from '../../repositories/applications';
import { AppError } from '../app-error';
import {
  enterpriseIdOf,
  isEmploymentParty,
  notFound,
  personIdOf,
  visibleOr404,
} from '../auth/policy';
import type { Principal } from '../auth/principal';
import { CONTRACT_MAX_BYTES, EmploymentProposalBody } from '../schemas/applications';
import type { UseCaseContext } from './context';
import { Started, conditionsFailed, engineOf, startApplication } from './process-start';
import { checkContractFile } from './uploaded-files';

type Failure = { code: string; message: string };

const TERMINATION_IN_PROGRESS: Failure = {
  code: 'termination-in-progress',
  message: '已提交解除聘用申请，正在等待企业确认',
};

/** The contract's bytes, when they are the PDF, JPEG or PNG declared and open. */
async function decodeContract(file: EmploymentProposalBody['contractFile']): Promise<Buffer> {
  const data = Buffer.from(file.contentBase64, 'base64');
  if (data.length === 0 || data.length > CONTRACT_MAX_BYTES)
    throw new AppError(400, 'validation-failed', '劳动合同文件为空或超过 5 MB', [
      {
        field: 'contractFile.contentBase64',
        code: 'range',
        message: '劳动合同文件为空或超过 5 MB',
      },
    ]);
  await checkContractFile(data, file.mime);
  return data;
}

/** The enterprise proposes to employ a verified person; the person consents as a user task. */
export async function proposeEmployment(
  ctx: UseCaseContext,
  principal: Principal,
  body: EmploymentProposalBody,
): Promise<Started & { employmentId: string; state: string }> {
  engineOf(ctx);
  const enterpriseId = enterpriseIdOf(principal);
  const enterprise = await findEnterpriseById(ctx.db, enterpriseId);
  if (!enterprise) throw notFound('企业');
  const contract = await decodeContract(body.contractFile);
  const idNumber = body.idNumber.toUpperCase();
  const person = await findPersonByIdNumber(ctx.db, idNumber);
  const failures: Failure[] = [];
  if (!person || !person.verifiedAt)
    failures.push({
      code: 'person-not-verified',
      message: '该身份证号码的人员尚未完成实名认证，请其先注册并实名认证',
    });
  else if (person.name !== body.name.trim())
    failures.push({
      code: 'person-name-mismatch',
      message: '姓名与实名认证的姓名不一致',
    });
  // Another enterprise's employment is told only to whoever already knows ID number and name.
  else if (await findActiveEmployment(ctx.db, person.id))
    failures.push({
      code: 'person-already-employed',
      message: '该人员已有有效的聘用关系（同一时间只能受聘于一家企业），须先解除原聘用关系',
    });
  if (!body.commitmentAccepted)
    failures.push({ code: 'commitment-not-accepted', message: '须阅读并接受用人单位承诺书' });
  if (body.contractEnd && body.contractEnd < body.contractStart)
    failures.push({
      code: 'contract-dates-ordered',
      message: '劳动合同结束日期不能早于开始日期',
    });
  if (failures.length) throw conditionsFailed(failures);
  const personId = String(person!.id);

  let employmentId = '';
  const started = await startApplication(
    ctx,
    'employment-proposal',
    async (trx) => {
      employmentId = await insertEmploymentProposal(trx, {
        personId,
        enterpriseId,
        contractStart: body.contractStart,
        contractEnd: body.contractEnd ?? null,
        contractFile: contract,
        contractFileName: body.contractFile.name,
        contractFileMime: body.contractFile.mime,
      });
      const applicationId = await insertApplication(trx, {
        type: 'employment-proposal',
        state: 'submitted',
        applicantAccountId: principal.accountId,
        personId,
        enterpriseId,
        employmentId,
        subject: {
          personName: person!.name,
          idNumber,
          enterpriseName: enterprise.name,
          creditCode: enterprise.creditCode,
          contractStart: body.contractStart,
          contractEnd: body.contractEnd ?? null,
        },
      });
      return {
        applicationId,
        variables: {
          employmentId,
          personId,
          idNumber,
          enterpriseId,
          creditCode: enterprise.creditCode,
        },
      };
    },
    (trx) => deleteEmploymentProposal(trx, employmentId),
  );
  return { ...started, employmentId, state: 'submitted' };
}

/** The person asks to end their active employment; the enterprise confirms as a user task. */
export async function requestTermination(
  ctx: UseCaseContext,
  principal: Principal,
  employmentId: string,
): Promise<Started & { state: string }> {
  engineOf(ctx);
  const personId = personIdOf(principal);
  const employment = visibleOr404(
    await findEmployment(ctx.db, employmentId),
    (m) => isEmploymentParty(principal, m),
    '聘用关系',
  );
  const failures: Failure[] = [];
  if (employment.state !== 'active')
    failures.push({ code: 'employment-not-active', message: '该聘用关系不是有效状态，无需解除' });
  if (await hasOpenApplication(ctx.db, { employmentId }, ['employment-termination']))
    failures.push(TERMINATION_IN_PROGRESS);
  if (failures.length) throw conditionsFailed(failures);
  const person = await findPersonById(ctx.db, personId);
  const started = await startApplication(ctx, 'employment-termination', async (trx) => {
    await lockSubject(trx, 'employments', employmentId);
    if (await hasOpenApplication(trx, { employmentId }, ['employment-termination']))
      throw conditionsFailed([TERMINATION_IN_PROGRESS]);
    const applicationId = await insertApplication(trx, {
      type: 'employment-termination',
      state: 'awaiting-enterprise',
      applicantAccountId: principal.accountId,
      personId,
      enterpriseId: String(employment.enterpriseId),
      employmentId,
      subject: {
        personName: person?.name ?? employment.personName,
        idNumber: employment.idNumber,
        enterpriseName: employment.enterpriseName,
        creditCode: employment.creditCode,
      },
    });
    return {
      applicationId,
      variables: {
        employmentId,
        personId,
        idNumber: employment.idNumber,
        enterpriseId: String(employment.enterpriseId),
        creditCode: employment.creditCode,
      },
    };
  });
  return { ...started, state: 'awaiting-enterprise' };
}
