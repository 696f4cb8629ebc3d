/**
 * Which certificates a person may hold together (SPEC §5.2, issuance condition 4 of the manual:
 * "企业主要人员证书不能和其他任意一类证书同时拥有，除法人外其他人员只能拥有一本企业主要人员证书，
 * 身为多家企业的法人可以拥有多本不同企业的主要负责人证书……").
 */
import {
  CertificateState,
  CertificateType,
  certificateLabel,
  countsAsHeld,
} from './certificate-types';

export interface HeldCertificate {
  type: CertificateType;
  state: CertificateState;
  unitCreditCode: string;
  /** Only for messages. */
  number?: string;
}

export interface WantedCertificate {
  type: CertificateType;
  /** For A the enterprise of the exam result (default the employer); for B and C the employer. */
  unitCreditCode: string;
}

export interface HoldingInput {
  held: readonly HeldCertificate[];
  wanted: WantedCertificate;
  /** Credit codes of the enterprises whose legal representative the person is. */
  legalRepresentativeOf: readonly string[];
  employerCreditCode: string | null;
}

export interface HoldingViolation {
  code: string;
  message: string;
}

export type HoldingResult =
  { ok: true } | { ok: false; code: string; message: string; violations: HoldingViolation[] };

function describe(c: HeldCertificate): string {
  return `${certificateLabel(c.type)}${c.number ? `（${c.number}）` : ''}`;
}

/** Every rule the wanted certificate breaks (empty when it may be issued). */
export function holdingViolations(input: HoldingInput): HoldingViolation[] {
  const { wanted, legalRepresentativeOf, employerCreditCode } = input;
  const held = input.held.filter((c) => countsAsHeld(c.state));
  const ofType = (t: CertificateType) => held.filter((c) => c.type === t);
  const blocking = (cs: HeldCertificate[]) => cs.map(describe).join('、');
  const violations: HoldingViolation[] = [];

  if (wanted.type === 'A') {
    const represents = (code: string) => legalRepresentativeOf.includes(code);
    if (wanted.unitCreditCode !== employerCreditCode && !represents(wanted.unitCreditCode)) {
      violations.push({
        code: 'principal-unit-not-allowed',
        message: '企业主要负责人证书的所在单位必须是当前聘用单位或本人担任法定代表人的企业',
      });
    }
    const others = [...ofType('B'), ...ofType('C')];
    if (others.length > 0) {
      violations.push({
        code: 'principal-with-other-type',
        message: `已持有${blocking(others)}，企业主要负责人证书不能与其他类型证书同时持有`,
      });
    }
    // [decision] At most one principal certificate per enterprise, and at most one at an
    // enterprise the person does not legally represent: a legal representative of several
    // enterprises may hold one for each of them (plus the one any person may hold).
    const principals = ofType('A');
    const sameUnit = principals.filter((c) => c.unitCreditCode === wanted.unitCreditCode);
    if (sameUnit.length > 0) {
      violations.push({
        code: 'principal-already-held-for-unit',
        message: `已持有该企业的${blocking(sameUnit)}，同一企业只能持有一本企业主要负责人证书`,
      });
    } else if (!represents(wanted.unitCreditCode)) {
      const unrepresented = principals.filter((c) => !represents(c.unitCreditCode));
      if (unrepresented.length > 0) {
        violations.push({
          code: 'principal-already-held',
          message: `已持有${blocking(unrepresented)}，除担任多家企业法定代表人外，每人只能持有一本企业主要负责人证书`,
        });
      }
    }
  } else {
    const principals = ofType('A');
    if (principals.length > 0) {
      violations.push({
        code: 'other-type-with-principal',
        message: `已持有${blocking(principals)}，企业主要负责人证书不能与其他类型证书同时持有`,
      });
    }
    const same = ofType(wanted.type);
    if (same.length > 0) {
      violations.push({
        code: wanted.type === 'B' ? 'safety-manager-already-held' : 'operation-already-held',
        message: `已持有${blocking(same)}，每人只能持有一本${certificateLabel(wanted.type)}`,
      });
    }
  }
  return violations;
}

/** Whether §5.2 allows the wanted certificate; on refusal every broken rule is in the message. */
export function checkHoldingRules(input: HoldingInput): HoldingResult {
  const violations = holdingViolations(input);
  if (violations.length === 0) return { ok: true };
  return {
    ok: false,
    code: violations[0].code,
    message: violations.map((v) => v.message).join('；'),
    violations,
  };
}
