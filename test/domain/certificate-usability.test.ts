import { certificateUsability } from '../../domain/certificate-usability';

describe('domain/certificate-usability - whether a certificate can be used today', () => {
  const TODAY = '2026-12-02';
  it.each([
    ['valid, within its validity', 'valid', '2031-12-01', [], true, []],
    ['valid on its last day', 'valid', TODAY, [], true, []],
    [
      'valid but past its end (before the daily work marks it)',
      'valid',
      '2026-12-01',
      [],
      false,
      ['证书已超过有效期（有效期至 2026-12-01）'],
    ],
    ['expired', 'expired', '2026-11-30', [], false, ['证书已超过有效期（有效期至 2026-11-30）']],
    ['cancelled', 'cancelled', '2031-12-01', [], false, ['证书已注销']],
    [
      'abnormal with its reasons',
      'abnormal',
      '2031-12-01',
      ['ce-not-completed', 'category-not-covering-job-type'],
      false,
      ['证书未按规定时间完成继续教育', '企业经营类别已不包含证书工种'],
    ],
    ['abnormal without a stored reason', 'abnormal', '2031-12-01', [], false, ['证书状态异常']],
  ] as const)(
    'should judge a certificate %s',
    (_what, state, validityEnd, abnormalReasons, usable, reasons) => {
      expect(
        certificateUsability({ state, validityEnd, abnormalReasons: [...abnormalReasons] }, TODAY),
      ).toEqual({ usable, reasons: [...reasons] });
    },
  );
});
