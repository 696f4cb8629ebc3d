import { CertificateState, CertificateType } from '../../domain/certificate-types';
import { HeldCertificate, checkHoldingRules, holdingViolations } from '../../domain/holding-rules';

// enterprises: E employs the person; R1 and R2 are represented by the person; X is unrelated
const [E, R1, R2, X] = ['E', 'R1', 'R2', 'X'];

function held(type: CertificateType, unit = E, state: CertificateState = 'valid'): HeldCertificate {
  return { type, state, unitCreditCode: unit };
}

describe('domain/holding-rules - which certificates may be held together', () => {
  it.each<[string, HeldCertificate[], CertificateType, string, string[]]>([
    // description, held, wanted type, wanted unit, violation codes
    ['a first certificate of any type: A', [], 'A', E, []],
    ['a first certificate of any type: B', [], 'B', E, []],
    ['a first certificate of any type: C', [], 'C', E, []],
    ['B with C', [held('C')], 'B', E, []],
    ['C with B', [held('B')], 'C', E, []],
    ['a second B', [held('B')], 'B', E, ['safety-manager-already-held']],
    ['a second C', [held('C')], 'C', E, ['operation-already-held']],
    [
      'a second C while B and C are held',
      [held('B'), held('C')],
      'C',
      E,
      ['operation-already-held'],
    ],
    ['B with A', [held('A')], 'B', E, ['other-type-with-principal']],
    ['C with A', [held('A')], 'C', E, ['other-type-with-principal']],
    ['A with B', [held('B')], 'A', E, ['principal-with-other-type']],
    ['A with C', [held('C')], 'A', E, ['principal-with-other-type']],
    ['a second A at the employer', [held('A')], 'A', E, ['principal-already-held-for-unit']],
    [
      'a second A elsewhere, not a legal representative',
      [held('A', X)],
      'A',
      E,
      ['principal-already-held'],
    ],
    ['an A at an enterprise the person represents', [], 'A', R1, []],
    ['an A at an unrelated enterprise', [], 'A', X, ['principal-unit-not-allowed']],
    ['a second A at another represented enterprise', [held('A', R1)], 'A', R2, []],
    ['a third A, one per represented enterprise', [held('A', R1), held('A', R2)], 'A', E, []],
    [
      'a second A at the same represented enterprise',
      [held('A', R1)],
      'A',
      R1,
      ['principal-already-held-for-unit'],
    ],
    ['a represented A next to one at the employer', [held('A', E)], 'A', R1, []],
    ['a second unrepresented A', [held('A', R1), held('A', X)], 'A', E, ['principal-already-held']],
    // states: valid and abnormal count, expired and cancelled do not
    ['B after an abnormal B', [held('B', E, 'abnormal')], 'B', E, ['safety-manager-already-held']],
    ['B after an expired B', [held('B', E, 'expired')], 'B', E, []],
    ['B after a cancelled B', [held('B', E, 'cancelled')], 'B', E, []],
    ['A after a cancelled C', [held('C', E, 'cancelled')], 'A', E, []],
    ['A after an abnormal C', [held('C', E, 'abnormal')], 'A', E, ['principal-with-other-type']],
    ['C after an expired A', [held('A', E, 'expired')], 'C', E, []],
    // several rules broken at once are all reported
    [
      'A at an unrelated enterprise over B and C',
      [held('B'), held('C')],
      'A',
      X,
      ['principal-unit-not-allowed', 'principal-with-other-type'],
    ],
  ])('should decide %s', (_description, heldCertificates, type, unit, codes) => {
    // given the person works for E and legally represents R1 and R2
    const input = {
      held: heldCertificates,
      wanted: { type, unitCreditCode: unit },
      legalRepresentativeOf: [R1, R2],
      employerCreditCode: E,
    };
    // when
    const violations = holdingViolations(input);
    // then
    expect(violations.map((v) => v.code)).toEqual(codes);
  });

  it('should allow a principal certificate at a represented enterprise without any employer', () => {
    expect(
      checkHoldingRules({
        held: [],
        wanted: { type: 'A', unitCreditCode: R1 },
        legalRepresentativeOf: [R1],
        employerCreditCode: null,
      }),
    ).toEqual({ ok: true });
  });

  it('should explain a refusal in Chinese, naming the blocking certificates', () => {
    // given
    const input = {
      held: [
        {
          type: 'B' as const,
          state: 'valid' as const,
          unitCreditCode: E,
          number: '青GB2024000001',
        },
        {
          type: 'C' as const,
          state: 'abnormal' as const,
          unitCreditCode: E,
          number: '青C012024000002',
        },
      ],
      wanted: { type: 'A' as const, unitCreditCode: E },
      legalRepresentativeOf: [],
      employerCreditCode: E,
    };
    // when
    const result = checkHoldingRules(input);
    // then
    expect(result).toMatchObject({ ok: false, code: 'principal-with-other-type' });
    expect(result.ok || result.message).toBe(
      '已持有安全生产管理人员证书（青GB2024000001）、运行、维护和抢修人员证书（青C012024000002），企业主要负责人证书不能与其他类型证书同时持有',
    );
  });

  it('should join every broken rule into one message', () => {
    const result = checkHoldingRules({
      held: [held('B')],
      wanted: { type: 'A', unitCreditCode: X },
      legalRepresentativeOf: [],
      employerCreditCode: E,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations).toHaveLength(2);
      expect(result.message).toContain('；');
      expect(result.message).toContain('当前聘用单位或本人担任法定代表人的企业');
    }
  });
});
