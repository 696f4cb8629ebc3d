import type { Behaviour } from './behaviour';
import { openEventSubscription } from './subscriptions';

/** Event-based gateway: subscribes for every following catch event; the first trigger wins. */
export const eventBasedGateway: Behaviour = {
  async activate(cmd, ei, node) {
    const model = cmd.model(ei);
    for (const f of node.outgoing) {
      const target = model.elements.get(model.flows.get(f)!.targetId)!;
      await openEventSubscription(cmd, ei, target);
      if (ei.state !== 'ACTIVE') return;
    }
  },
};
