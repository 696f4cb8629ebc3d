import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkMajorVersion } from '../../db/embedded-postgres';

describe('db/embedded-postgres - a data directory of another PostgreSQL major version', () => {
  const dataDirOf = (version: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pgver-'));
    writeFileSync(path.join(dir, 'PG_VERSION'), `${version}\n`);
    return dir;
  };
  const noLog = () => undefined;

  it('should refuse it with a Chinese explanation that names both versions', () => {
    const dir = dataDirOf('18');
    expect(() => checkMajorVersion(dir, false, noLog)).toThrow(/PostgreSQL 18 创建.*PostgreSQL 15/);
    expect(existsSync(dir)).toBe(true);
  });

  it('should make test data anew when told it may be discarded', () => {
    const dir = dataDirOf('18');
    checkMajorVersion(dir, true, noLog);
    expect(existsSync(dir)).toBe(false);
  });

  it('should open a directory of its own version', () => {
    const dir = dataDirOf('15');
    expect(() => checkMajorVersion(dir, false, noLog)).not.toThrow();
  });
});
