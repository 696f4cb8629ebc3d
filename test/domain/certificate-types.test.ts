import {
  ABNORMAL_REASON_NAMES,
  CERTIFICATE_STATE_NAMES,
  CERTIFICATE_TYPE_NAMES,
  CertificateState,
  certificateLabel,
  countsAsHeld,
  isAbnormalReason,
  isCertificateState,
  isCertificateType,
} from '../../domain/certificate-types';

describe('domain/certificate-types - types, states and abnormal reasons', () => {
  it('should name types, states and reasons in Chinese', () => {
    expect(CERTIFICATE_TYPE_NAMES).toEqual({
      A: '企业主要负责人',
      B: '安全生产管理人员',
      C: '运行、维护和抢修人员',
    });
    expect(CERTIFICATE_STATE_NAMES.valid).toBe('正常');
    expect(CERTIFICATE_STATE_NAMES.abnormal).toBe('异常');
    expect(CERTIFICATE_STATE_NAMES.cancelled).toBe('注销');
    expect(ABNORMAL_REASON_NAMES['ce-not-completed']).toBe('证书未按规定时间完成继续教育');
  });

  it.each<[CertificateState, boolean]>([
    ['valid', true],
    ['abnormal', true],
    ['expired', false],
    ['cancelled', false],
  ])('should count a %s certificate as held: %s', (state, held) => {
    expect(countsAsHeld(state)).toBe(held);
  });

  it('should recognise codes', () => {
    expect(isCertificateType('A')).toBe(true);
    expect(isCertificateType('D')).toBe(false);
    expect(isCertificateState('expired')).toBe(true);
    expect(isCertificateState('revoked')).toBe(false);
    expect(isAbnormalReason('category-not-covering-job-type')).toBe(true);
    expect(isAbnormalReason('other')).toBe(false);
  });

  it('should label certificates for messages, with the job type of an O&M one', () => {
    expect(certificateLabel('B')).toBe('安全生产管理人员证书');
    expect(certificateLabel('C', '04')).toBe('运行、维护和抢修人员证书（燃气用户检修工）');
  });
});
