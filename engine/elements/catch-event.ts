import type { Behaviour } from './behaviour';
import { openEventSubscription } from './subscriptions';

/** Intermediate message/timer/signal catch events and receive tasks: wait for the trigger. */
export const catchEvent: Behaviour = {
  activate: (cmd, ei, node) => openEventSubscription(cmd, ei, node),
};
