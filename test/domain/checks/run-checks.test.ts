import {
  CHECK_CODES,
  CHECK_TITLES,
  isCheckCode,
  runChecks,
} from '../../../domain/checks/run-checks';
import { contextWith, passingContext } from './context';

describe('domain/checks/run-checks - running a list of checks', () => {
  it('should register all fifteen checks of SPEC §6, each with a Chinese title', () => {
    expect(CHECK_CODES).toHaveLength(15);
    expect(Object.keys(CHECK_TITLES).sort()).toEqual([...CHECK_CODES].sort());
    expect(isCheckCode('ce-record')).toBe(true);
    expect(isCheckCode('toString')).toBe(false);
  });

  it('should report ok with every result when all checks pass', () => {
    // when
    const outcome = runChecks(['realname', 'photo', 'age'], passingContext());
    // then
    expect(outcome.ok).toBe(true);
    expect(outcome.results.map((r) => r.code)).toEqual(['realname', 'photo', 'age']);
    expect(outcome.failures).toEqual([]);
  });

  it('should evaluate every check and report all failures, not only the first', () => {
    // given a person without photo, not employed, with a busy certificate
    const ctx = contextWith((c) => {
      c.person.hasPhoto = false;
      c.employment = null;
      c.employer = null;
      c.busy = true;
    });
    // when
    const outcome = runChecks(
      ['photo', 'employed', 'employer-in-province', 'not-busy', 'cert-valid', 'age'],
      ctx,
    );
    // then
    expect(outcome.ok).toBe(false);
    expect(outcome.results).toHaveLength(6);
    expect(outcome.failures.map((f) => f.code)).toEqual([
      'photo',
      'employed',
      'employer-in-province',
      'not-busy',
    ]);
    expect(outcome.failures[0].message).toBe('人员未上传证件照');
  });

  it('should run a code listed twice once', () => {
    expect(runChecks(['photo', 'photo'], passingContext()).results).toHaveLength(1);
  });

  it('should run nothing for an empty list and pass', () => {
    expect(runChecks([], passingContext())).toEqual({ ok: true, results: [], failures: [] });
  });

  it('should reject unknown codes, naming each of them', () => {
    expect(() => runChecks(['photo', 'fotos', 'agee'], passingContext())).toThrow(
      /Unknown check code\(s\): fotos, agee/,
    );
  });
});
