import type { Engine } from '../engine';
import { publishMessage } from '../commands/messages';
import { resolveIncident } from '../commands/resolve-incident';
import { checkTenants } from '../commands/activate-jobs';
import { topology } from '../topology';
import type { Calls } from './calls';
import { parseDocument } from './documents';

/** https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/ — messages, signals, incidents, topology. */
export function eventHandlers(engine: Engine, calls: Calls) {
  return {
    PublishMessage: calls.unary('PublishMessage', async (r) => {
      checkTenants([r.tenantId], 'Publish Message');
      const key = await publishMessage(engine.ctx, {
        name: r.name,
        correlationKey: r.correlationKey,
        timeToLive: Number(r.timeToLive) || 0,
        messageId: r.messageId || null,
        variables: parseDocument(r.variables),
      });
      return { key, tenantId: '<default>' };
    }),
    BroadcastSignal: calls.unary('BroadcastSignal', async (r) => {
      checkTenants([r.tenantId], 'Broadcast Signal');
      const variables = parseDocument(r.variables) ?? {};
      return { key: await engine.broadcastSignal(r.signalName, variables), tenantId: '<default>' };
    }),
    ResolveIncident: calls.unary('ResolveIncident', async (r) => {
      await resolveIncident(engine.ctx, r.incidentKey);
      return {};
    }),
    Topology: calls.unary('Topology', async () => {
      const t = topology();
      return {
        ...t,
        brokers: t.brokers.map((b) => ({
          ...b,
          partitions: b.partitions.map((p) => ({
            partitionId: p.partitionId,
            role: p.role.toUpperCase(),
            health: p.health.toUpperCase(),
          })),
        })),
      };
    }),
  };
}
