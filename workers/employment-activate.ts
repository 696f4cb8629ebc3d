/**
 * `employment-activate`: proposed → active (SPEC §3). The person's other open proposals can no
 * longer succeed: each is sent `employment-superseded` (through the outbox, in this
 * transaction), which ends it as lapsed with a message to its enterprise. Should the person
 * hold another employment after all, the proposal ends the same way (BPMN error
 * `person-already-employed`) rather than retrying into an incident.
 */
import { moveEmployment } from '../repositories/employment-transitions';
import { enqueueMessage } from '../repositories/outbox';
import { BpmnError, JobHandler, requireVariable } from './runtime/job-handler';

export const SUPERSEDED_MESSAGE = 'employment-superseded';

const ONE_PER_PERSON = [
  'employments_one_active_per_person',
  'employments_one_commitment_per_person',
];

export const employmentActivate: JobHandler = async ({ trx, job }) => {
  const employmentId = requireVariable(job, 'employmentId');
  let moved: { personId: string; enterpriseId: string };
  try {
    moved = await moveEmployment(trx, employmentId, 'proposed', 'active');
  } catch (e) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505' && ONE_PER_PERSON.includes(constraint ?? ''))
      throw new BpmnError('person-already-employed', 'The person holds another employment');
    throw e;
  }
  const others = await trx('applications as a')
    .join('employments as m', 'm.id', 'a.employment_id')
    .where({
      'a.type': 'employment-proposal',
      'm.person_id': moved.personId,
      'm.state': 'proposed',
    })
    .whereNot('m.id', employmentId)
    .select(trx.raw('a.id::text as id'));
  for (const { id } of others)
    await enqueueMessage(
      trx,
      { name: SUPERSEDED_MESSAGE, correlationKey: id, messageId: `${SUPERSEDED_MESSAGE}-${id}` },
      id,
    );
  return {
    variables: {},
    changed: { personIds: [moved.personId], enterpriseIds: [moved.enterpriseId] },
  };
};
