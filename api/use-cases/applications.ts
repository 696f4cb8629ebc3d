/** Applications (办件, SPEC §8) as their parties and reviewers see them. */
import {
  Application,
  ApplicationScope,
  ApplicationType,
  findApplicationById,
  listApplications,
  listTimeline,
} from '../../repositories/applications';
import { forbidden, visibleOr404 } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';
import { IncidentView, instanceElementNames, openIncidents, tolerant } from './process-facts';
import { stepName } from './timeline-steps';
import { APPLICATION_STATE_NAMES } from '../../domain/application-states';
import { APPLICATION_TYPE_NAMES } from '../../domain/application-types';

export const TYPE_NAMES: Readonly<Record<string, string>> = APPLICATION_TYPE_NAMES;

export const STATE_NAMES: Readonly<Record<string, string>> = APPLICATION_STATE_NAMES;

/** What staff read while an application's process has an incident (SPEC §8). */
const INCIDENT_STATE_NAME = '流程异常（待运维处理）';
/** What the applicant reads meanwhile: the office is on it, nothing for them to do. */
const INCIDENT_STATE_NAME_FOR_PARTIES = '处理中';

const ALL_TYPES = Object.keys(TYPE_NAMES) as ApplicationType[];

/** The application types each reviewing role is assigned (the candidate groups of the diagrams). */
export const REVIEWED_TYPES: Partial<Record<Principal['role'], readonly ApplicationType[]>> = {
  regulator: [
    'new-issue',
    'work-unit-change',
    'enterprise-rename',
    'name-change',
    'auto-review',
    'renewal',
    'cancellation',
  ],
  association: ['category-registration', 'category-change'],
  // The operator who cancels stuck applications sees every one.
  admin: ALL_TYPES,
};

function scopeOf(principal: Principal): ApplicationScope {
  if (principal.role === 'person' && principal.personId) return { personId: principal.personId };
  if (principal.role === 'enterprise' && principal.enterpriseId)
    return { enterpriseId: principal.enterpriseId };
  const types = REVIEWED_TYPES[principal.role];
  if (types) return { types };
  throw forbidden('当前身份没有可查看的办件');
}

function maySee(principal: Principal, a: Application): boolean {
  const scope = scopeOf(principal);
  if ('personId' in scope) return a.personId === scope.personId;
  if ('enterpriseId' in scope) return a.enterpriseId === scope.enterpriseId;
  return scope.types.includes(a.type);
}

/** Parties (person, enterprise) are not shown the technical side of their application. */
const isParty = (principal: Principal) =>
  principal.role === 'person' || principal.role === 'enterprise';

function summary(a: Application, principal: Principal, incident: IncidentView | undefined) {
  const stuck = Boolean(incident) && a.completedAt === null;
  const party = isParty(principal);
  const stateName = !stuck
    ? (STATE_NAMES[a.state] ?? a.state)
    : party
      ? INCIDENT_STATE_NAME_FOR_PARTIES
      : INCIDENT_STATE_NAME;
  return {
    id: a.id,
    type: a.type,
    typeName: TYPE_NAMES[a.type] ?? a.type,
    state: a.state,
    stateName,
    ...(party ? {} : { incident: stuck ? incident! : null }),
    personId: a.personId,
    enterpriseId: a.enterpriseId,
    employmentId: a.employmentId,
    examResultId: a.examResultId,
    processInstanceKey: a.processInstanceKey,
    subject: a.subject,
    createdAt: a.createdAt,
    completedAt: a.completedAt,
  };
}

/** The open incidents of these applications' instances (only those still in progress). */
function incidentsOf(ctx: UseCaseContext, applications: readonly Application[]) {
  const keys = applications
    .filter((a) => a.completedAt === null && a.processInstanceKey !== null)
    .map((a) => a.processInstanceKey!);
  const camunda = ctx.camunda;
  if (!camunda || keys.length === 0) return Promise.resolve(new Map<string, IncidentView>());
  return tolerant('incidents', () => openIncidents(camunda, keys), new Map<string, IncidentView>());
}

export async function applicationsOf(
  ctx: UseCaseContext,
  principal: Principal,
  query: { state?: string; type?: string },
) {
  const rows = await listApplications(ctx.db, scopeOf(principal), { ...query, limit: 500 });
  const incidents = await incidentsOf(ctx, rows);
  return rows.map((a) => summary(a, principal, incidents.get(a.processInstanceKey ?? '')));
}

/** The application with this id when the principal may see it, else 404. */
export async function visibleApplication(
  ctx: UseCaseContext,
  principal: Principal,
  id: string,
): Promise<Application> {
  return visibleOr404(await findApplicationById(ctx.db, id), (x) => maySee(principal, x), '办件');
}

export async function applicationFor(ctx: UseCaseContext, principal: Principal, id: string) {
  const a = await visibleApplication(ctx, principal, id);
  const camunda = ctx.camunda;
  const [timeline, incidents, names] = await Promise.all([
    listTimeline(ctx.db, a.id),
    incidentsOf(ctx, [a]),
    camunda && a.processInstanceKey
      ? tolerant(
          'element names',
          () => instanceElementNames(camunda, a.processInstanceKey!),
          new Map<string, string>(),
        )
      : new Map<string, string>(),
  ]);
  return {
    ...summary(a, principal, incidents.get(a.processInstanceKey ?? '')),
    checkResults: a.checkResults,
    timeline: timeline.map((e) => ({
      step: e.step,
      stepName: stepName(e.step, names),
      actor: e.actorName,
      at: e.at,
      decision: e.decision,
      comment: e.comment,
    })),
  };
}
