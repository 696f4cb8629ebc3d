import type { AppError } from '../../../api/app-error';
import { Access, candidateGroupsOf, check, maySeeCertificate } from '../../../api/auth/policy';
import type { Principal } from '../../../api/auth/principal';
import type { Certificate } from '../../../repositories/certificates';

const person: Principal = {
  accountId: '1',
  role: 'person',
  username: '630102199005171236',
  personId: '10',
  idNumber: '630102199005171236',
  via: 'token',
};
const enterprise: Principal = {
  accountId: '2',
  role: 'enterprise',
  username: '91630102MA0000001X',
  enterpriseId: '20',
  creditCode: '91630102MA0000001X',
  via: 'token',
};
const viaKey: Principal = { ...enterprise, via: 'api-key', apiKeyId: '5' };
const staff = (role: Principal['role']): Principal => ({
  accountId: '3',
  role,
  username: role,
  via: 'token',
});

function outcome(access: Access, principal: Principal | undefined) {
  try {
    check(access, principal);
    return 'allowed';
  } catch (e) {
    return `${(e as AppError).status} ${(e as AppError).code}`;
  }
}

describe('api/auth/policy - who may call a route', () => {
  it.each([
    { access: 'public' as const, who: undefined, expected: 'allowed' },
    { access: { roles: ['person'] } as const, who: undefined, expected: '401 unauthenticated' },
    { access: { roles: ['person'] } as const, who: person, expected: 'allowed' },
    { access: { roles: ['person'] } as const, who: enterprise, expected: '403 forbidden' },
    { access: { roles: ['person'] } as const, who: staff('regulator'), expected: '403 forbidden' },
    { access: { roles: ['enterprise'] } as const, who: viaKey, expected: 'allowed' },
    {
      access: { roles: ['enterprise'], apiKeys: false } as const,
      who: viaKey,
      expected: '403 forbidden',
    },
    {
      access: { roles: ['enterprise'], apiKeys: false } as const,
      who: enterprise,
      expected: 'allowed',
    },
  ])('should answer $expected for $who.role on $access', ({ access, who, expected }) => {
    expect(outcome(access, who)).toBe(expected);
  });
});

describe('api/auth/policy - certificates and task groups', () => {
  const certificate = { personId: '10', unitEnterpriseId: '20' } as Certificate;

  it.each([
    { who: person, expected: true },
    { who: { ...person, personId: '11' }, expected: false },
    { who: enterprise, expected: true },
    { who: { ...enterprise, enterpriseId: '21' }, expected: false },
    { who: staff('regulator'), expected: true },
    { who: staff('association'), expected: false },
    { who: staff('training'), expected: false },
  ])('should let $who.role ($who.accountId) see it: $expected', ({ who, expected }) => {
    expect(maySeeCertificate(who, certificate)).toBe(expected);
  });

  it.each([
    { who: person, groups: ['person:630102199005171236'] },
    { who: enterprise, groups: ['enterprise:91630102MA0000001X'] },
    { who: staff('regulator'), groups: ['regulator'] },
    { who: staff('association'), groups: ['association'] },
    { who: staff('training'), groups: ['training'] },
    { who: staff('admin'), groups: [] },
  ])('should put a $who.role in the groups $groups', ({ who, groups }) => {
    expect(candidateGroupsOf(who)).toEqual(groups);
  });
});
