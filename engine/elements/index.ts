import type { Behaviour } from './behaviour';
import { passThrough } from './pass-through';
import { endEvent } from './end-event';
import { jobTask } from './job-task';
import { scriptTask } from './script-task';
import { businessRuleTask } from './business-rule-task';
import { userTask } from './user-task';
import { exclusiveGateway } from './exclusive-gateway';
import { inclusiveGateway } from './inclusive-gateway';
import { parallelGateway } from './parallel-gateway';
import { eventBasedGateway } from './event-based-gateway';
import { catchEvent } from './catch-event';
import { boundaryEvent } from './boundary-event';
import { subProcess } from './sub-process';
import { eventSubProcess } from './event-sub-process';
import { callActivity } from './call-activity';
import { multiInstance } from './multi-instance';
import { throwEvent } from './throw-event';

const BEHAVIOURS: Record<string, Behaviour> = {
  startEvent: passThrough,
  manualTask: passThrough,
  intermediateThrowEvent: throwEvent,
  endEvent,
  jobTask,
  scriptTask,
  businessRuleTask,
  userTask,
  receiveTask: catchEvent,
  exclusiveGateway,
  inclusiveGateway,
  parallelGateway,
  eventBasedGateway,
  intermediateCatchEvent: catchEvent,
  boundaryEvent,
  subProcess,
  eventSubProcess,
  callActivity,
  multiInstance,
};

export function behaviourOf(kind: string): Behaviour {
  const b = BEHAVIOURS[kind];
  if (!b) throw new Error(`no behaviour for ${kind}`);
  return b;
}
