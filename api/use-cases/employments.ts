import {
  Employment,
  findEmploymentContract,
  listEmploymentsOfPerson,
} from '../../repositories/employments';
import { isEmploymentParty, visibleOr404 } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';

function view(m: Employment) {
  return {
    id: String(m.id),
    state: m.state,
    enterprise: { id: String(m.enterpriseId), name: m.enterpriseName, creditCode: m.creditCode },
    contractStart: m.contractStart,
    contractEnd: m.contractEnd,
    proposedAt: m.proposedAt,
    startedAt: m.startedAt,
    endedAt: m.endedAt,
  };
}

/**
 * A person's employments (SPEC §3): the current one (at most one is active), proposals awaiting
 * consent, and the history of ended, declined and lapsed ones, newest first.
 */
export async function employmentsOfPerson(ctx: UseCaseContext, personId: string) {
  const all = (await listEmploymentsOfPerson(ctx.db, personId)).map(view);
  return {
    current: all.find((m) => m.state === 'active') ?? null,
    pending: all.filter((m) => m.state === 'proposed'),
    history: all.filter((m) => !['active', 'proposed'].includes(m.state)),
  };
}

/** The labour contract, for the employment's person or enterprise (others: 404). */
export async function employmentContract(ctx: UseCaseContext, principal: Principal, id: string) {
  const found = await findEmploymentContract(ctx.db, id);
  return visibleOr404(found, (c) => isEmploymentParty(principal, c), '聘用关系');
}
