import type { Check, CheckContext } from '../../../domain/checks/check-context';
import { CHECKS, CheckCode } from '../../../domain/checks/run-checks';
import { qinghaiCreditCode } from '../fixtures';
import {
  CERT_NUMBER,
  EMPLOYER_CODE,
  OUT_OF_PROVINCE_CODE,
  contextWith,
  passingContext,
} from './context';

type Case = [string, (ctx: CheckContext) => void, boolean, string];

const OTHER_CODE = qinghaiCreditCode(2);
const unchanged = () => undefined;

/** Cases per check: what changes in the passing context, whether it passes, message part. */
const CASES: Record<CheckCode, Case[]> = {
  realname: [
    ['verified', unchanged, true, '人员已完成实名认证'],
    ['not verified', (c) => void (c.person.verified = false), false, '人员未完成实名认证'],
  ],
  photo: [
    ['photo uploaded', unchanged, true, '人员已上传证件照'],
    ['no photo', (c) => void (c.person.hasPhoto = false), false, '人员未上传证件照'],
  ],
  employed: [
    ['employed', unchanged, true, '人员当前受聘于西宁燃气有限公司'],
    ['not employed', (c) => void (c.employment = null), false, '没有有效的聘用关系'],
  ],
  'employer-in-province': [
    ['a Qinghai employer', unchanged, true, '是本省企业'],
    ['no employer', (c) => void (c.employer = null), false, '人员当前没有聘用单位'],
    [
      'a Beijing employer',
      (c) => void (c.employer!.creditCode = OUT_OF_PROVINCE_CODE),
      false,
      `聘用单位西宁燃气有限公司（统一社会信用代码${OUT_OF_PROVINCE_CODE}）不是本省企业`,
    ],
  ],
  'employer-categories': [
    ['approved', unchanged, true, '已完成经营类别登记（管道燃气）'],
    [
      'never registered',
      (c) => void (c.employer!.categoryRegistration = 'none'),
      false,
      '尚未进行经营类别登记',
    ],
    ['pending', (c) => void (c.employer!.categoryRegistration = 'pending'), false, '正在审核中'],
    ['rejected', (c) => void (c.employer!.categoryRegistration = 'rejected'), false, '未通过审核'],
    ['no employer', (c) => void (c.employer = null), false, '人员当前没有聘用单位'],
    [
      'the unit of a principal certificate, not the employer',
      (c) =>
        void (c.unitEnterprise = {
          creditCode: OTHER_CODE,
          name: '海东燃气有限公司',
          categories: [],
          categoryRegistration: 'pending',
        }),
      false,
      '企业海东燃气有限公司的经营类别登记正在审核中',
    ],
  ],
  'holding-rules': [
    ['B next to a C', unchanged, true, '符合证书持有规定'],
    [
      'a second C',
      (c) => void (c.wanted = { type: 'C', jobType: '02', unitCreditCode: EMPLOYER_CODE }),
      false,
      '每人只能持有一本运行、维护和抢修人员证书',
    ],
    [
      'an A next to a C',
      (c) => void (c.wanted = { type: 'A', jobType: null, unitCreditCode: EMPLOYER_CODE }),
      false,
      '不能与其他类型证书同时持有',
    ],
    [
      'an A once the C is cancelled',
      (c) => {
        c.heldCertificates[0].state = 'cancelled';
        c.wanted = { type: 'A', jobType: null, unitCreditCode: EMPLOYER_CODE };
      },
      true,
      '符合证书持有规定',
    ],
    [
      'an A at a represented enterprise without employment',
      (c) => {
        c.heldCertificates = [];
        c.employment = null;
        c.employer = null;
        c.legalRepresentativeOf = [OTHER_CODE];
        c.wanted = { type: 'A', jobType: null, unitCreditCode: OTHER_CODE };
      },
      true,
      '符合证书持有规定',
    ],
    ['no wanted certificate', (c) => void (c.wanted = null), false, '未指定拟发放的证书'],
  ],
  age: [
    ['39 years old', unchanged, true, '人员年龄符合要求（39周岁）'],
    [
      'on the 60th birthday',
      (c) => void (c.today = '2050-01-01'),
      false,
      '人员已于2050-01-01年满60周岁',
    ],
    ['the day before the 60th birthday', (c) => void (c.today = '2049-12-31'), true, '59周岁'],
    [
      'a woman on her 55th birthday',
      (c) => {
        c.person.sex = 'F';
        c.today = '2045-01-01';
      },
      false,
      '超过女性从业年龄限制',
    ],
    [
      'the day before the 18th birthday',
      (c) => void (c.person.birthDate = '2011-05-16'),
      false,
      '人员未满18周岁',
    ],
    ['on the 18th birthday', (c) => void (c.person.birthDate = '2011-05-15'), true, '18周岁'],
  ],
  'not-busy': [
    ['idle', unchanged, true, `证书${CERT_NUMBER}没有正在办理的其他业务`],
    ['busy', (c) => void (c.busy = true), false, `证书${CERT_NUMBER}正在办理其他业务`],
  ],
  'cert-valid': [
    ['valid', unchanged, true, '状态正常，有效期至2029-06-30'],
    ['on the last day', (c) => void (c.today = '2029-06-30'), true, '状态正常'],
    [
      'the day after the end, not yet marked',
      (c) => void (c.today = '2029-07-01'),
      false,
      '已于2029-06-30到期',
    ],
    [
      'abnormal',
      (c) => {
        c.certificate!.state = 'abnormal';
        c.certificate!.abnormalReasons = ['ce-not-completed'];
      },
      false,
      '状态为“异常”（异常原因：证书未按规定时间完成继续教育）',
    ],
    ['expired', (c) => void (c.certificate!.state = 'expired'), false, '状态为“过期”'],
    ['cancelled', (c) => void (c.certificate!.state = 'cancelled'), false, '状态为“注销”'],
    ['no certificate', (c) => void (c.certificate = null), false, '未指定证书'],
  ],
  'cert-in-province': [
    ['青 number', unchanged, true, '是本省证书'],
    [
      'another province',
      (c) => void (c.certificate!.number = '川C012024000123'),
      false,
      '不是本省签发的证书',
    ],
    ['no certificate', (c) => void (c.certificate = null), false, '未指定证书'],
  ],
  'employer-is-cert-unit': [
    ['same enterprise', unchanged, true, '是证书所在单位'],
    [
      'another unit',
      (c) => {
        c.certificate!.unitCreditCode = OTHER_CODE;
        c.certificate!.unitName = '海东燃气有限公司';
      },
      false,
      '当前聘用单位西宁燃气有限公司不是证书所在单位海东燃气有限公司',
    ],
    ['no employer', (c) => void (c.employer = null), false, '人员当前没有聘用单位'],
  ],
  'employer-name-matches': [
    ['same name', unchanged, true, '名称一致'],
    [
      'renamed employer',
      (c) => void (c.employer!.name = '青海西宁燃气集团有限公司'),
      false,
      '证书所在单位名称“西宁燃气有限公司”与当前聘用单位名称“青海西宁燃气集团有限公司”不一致',
    ],
    ['no employer', (c) => void (c.employer = null), false, '没有聘用单位'],
  ],
  'renewal-window': [
    ['inside', unchanged, true, '2029-04-01至2029-06-30'],
    ['the first day', (c) => void (c.today = '2029-04-01'), true, '今天在证书延期申请时间内'],
    [
      'the day before the first day',
      (c) => void (c.today = '2029-03-31'),
      false,
      '今天（2029-03-31）尚未到申请时间',
    ],
    ['the last day', (c) => void (c.today = '2029-06-30'), true, '今天在证书延期申请时间内'],
    ['the day after the end', (c) => void (c.today = '2029-07-01'), false, '到期后不能申请延期'],
  ],
  'ce-record': [
    ['a second CE record', unchanged, true, '合格日期2029-03-01'],
    [
      'first review not passed',
      (c) => void (c.certificate!.ceReviewPassed = false),
      false,
      '第一次继续教育复核未通过',
    ],
    [
      'only a first record',
      (c) => void c.ceRecords.splice(1),
      false,
      '没有证书青C012024000123的第二次继续教育合格记录',
    ],
    [
      'a second record of another certificate',
      (c) => void (c.ceRecords[1].certificateNumber = '青C012024000999'),
      false,
      '没有证书',
    ],
    [
      'a second record under an earlier number',
      (c) => {
        c.ceRecords[1].certificateNumber = '青C012024000001';
        c.certificate!.previousNumbers = ['青C012024000001'];
      },
      true,
      '有符合要求的第二次继续教育合格记录',
    ],
    [
      'a second record before the validity start',
      (c) => void (c.ceRecords[1].passDate = '2024-06-30'),
      false,
      '不在证书有效期内（2024-07-01至2029-06-30）',
    ],
    [
      'a second record on the validity start',
      (c) => void (c.ceRecords[1].passDate = '2024-07-01'),
      true,
      '合格日期2024-07-01',
    ],
    [
      'a second record already used',
      (c) => void (c.ceRecords[1].usedByRenewal = true),
      false,
      '已用于之前的延期',
    ],
    [
      'a used and an unused second record',
      (c) => {
        c.ceRecords[1].usedByRenewal = true;
        c.ceRecords.push({ ...c.ceRecords[1], passDate: '2029-04-02', usedByRenewal: false });
      },
      true,
      '合格日期2029-04-02',
    ],
  ],
  'category-covers': [
    ['C job type allowed by G', unchanged, true, '包含工种“燃气管网工”'],
    [
      'C job type not allowed by P',
      (c) => void (c.employer!.categories = ['P']),
      false,
      '企业西宁燃气有限公司的经营类别（瓶装燃气）不包含证书工种“燃气管网工”',
    ],
    [
      'C job type allowed by the union of categories',
      (c) => {
        c.employer!.categories = ['P', 'J'];
        c.certificate!.jobType = '09';
      },
      true,
      '汽车加气站操作工',
    ],
    [
      'A/B with an approved category',
      (c) => {
        c.certificate!.type = 'B';
        c.certificate!.jobType = null;
        c.employer!.categories = ['T'];
      },
      true,
      '已登记经营类别（其他）',
    ],
    [
      'A/B without approved registration',
      (c) => {
        c.certificate!.type = 'A';
        c.employer!.categoryRegistration = 'pending';
        c.employer!.categories = [];
      },
      false,
      '没有已登记的经营类别',
    ],
    [
      'a wanted C for a new issue',
      (c) => {
        c.certificate = null;
        c.wanted = { type: 'C', jobType: '07', unitCreditCode: EMPLOYER_CODE };
      },
      false,
      '不包含证书工种“液化石油气库站工”',
    ],
    ['no employer', (c) => void (c.employer = null), false, '没有聘用单位'],
    [
      'neither certificate nor wanted one',
      (c) => {
        c.certificate = null;
        c.wanted = null;
      },
      false,
      '未指定证书',
    ],
  ],
};

describe('domain/checks - the checks of SPEC §6', () => {
  it('should pass every check on the passing context', () => {
    const ctx = passingContext();
    for (const [code, check] of Object.entries(CHECKS) as [CheckCode, Check][]) {
      expect(check(ctx)).toMatchObject({ code, ok: true });
    }
  });

  describe.each(Object.entries(CASES) as [CheckCode, Case[]][])('%s', (code, cases) => {
    it.each(cases)('should judge %s', (_description, change, ok, message) => {
      // given
      const ctx = contextWith(change);
      // when
      const result = CHECKS[code](ctx);
      // then
      expect(result).toMatchObject({ code, ok });
      expect(result.message).toContain(message);
    });
  });
});
