import { chooseBin, parseMajor } from '../../db/pg-tools';

describe('db/pg-tools - which PostgreSQL client programs to use', () => {
  it.each([
    ['pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)', 15],
    ['pg_restore (PostgreSQL) 18.4', 18],
    ['psql (PostgreSQL) 9.6.24', 9],
    ['something else', undefined],
  ])('should read the major version of %j', (line, major) => {
    expect(parseMajor(line)).toBe(major);
  });

  const found = [
    { dir: '/embedded', major: 18 },
    { dir: '/usr/lib/postgresql/17/bin', major: 17 },
    { dir: '/usr/lib/postgresql/15/bin', major: 15 },
  ];
  it.each([
    [15, '/usr/lib/postgresql/15/bin'],
    [16, '/embedded'],
    [17, '/usr/lib/postgresql/17/bin'],
    [18, '/embedded'],
    [19, undefined],
  ])('should pick for a server of version %i: %s', (server, dir) => {
    // a folder of the server's own version first, else the first newer one; never an older one
    expect(chooseBin(found, server)?.dir).toBe(dir);
  });
});
