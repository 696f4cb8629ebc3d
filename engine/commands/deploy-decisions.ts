import type { Knex } from 'knex';
import type { KeyAllocator } from '../keys';
import type { DecisionGraph } from '../dmn/model';

type Deployed = Record<string, Record<string, unknown>>;

/**
 * Deploys one `.dmn` resource inside the deployment's transaction: the decision requirements
 * graph is versioned by its definitions id and checksum (byte-identical → same key and
 * version); when it changed, each of its decisions gets its next version too, as in Zeebe.
 */
export async function deployDecisions(
  trx: Knex.Transaction,
  keys: KeyAllocator,
  resource: { name: string; text: string; checksum: string; graph: DecisionGraph },
  deploymentKey: string,
  tenantId: string,
): Promise<Deployed[]> {
  const { graph } = resource;
  const latest = await trx('engine_decision_requirements')
    .where({ decision_requirements_id: graph.id })
    .orderBy('version', 'desc')
    .first(trx.raw('key::text as key'), 'version', 'checksum');
  const unchanged = latest && latest.checksum === resource.checksum;
  const drgKey: string = unchanged ? latest.key : keys.take();
  const drgVersion: number = unchanged ? latest.version : (latest?.version ?? 0) + 1;
  if (!unchanged)
    await trx('engine_decision_requirements').insert({
      key: drgKey,
      decision_requirements_id: graph.id,
      name: graph.name ?? null,
      version: drgVersion,
      resource_name: resource.name,
      checksum: resource.checksum,
      xml: resource.text,
      deployment_key: deploymentKey,
      tenant_id: tenantId,
    });
  const out: Deployed[] = [
    {
      decisionRequirements: {
        decisionRequirementsId: graph.id,
        version: drgVersion,
        decisionRequirementsName: graph.name ?? graph.id,
        tenantId,
        resourceName: resource.name,
        decisionRequirementsKey: drgKey,
      },
    },
  ];
  for (const d of graph.decisions) {
    let row = await trx('engine_decision_definitions')
      .where({ decision_id: d.id, decision_requirements_key: drgKey })
      .first(trx.raw('key::text as key'), 'version');
    if (!row) {
      const prev = await trx('engine_decision_definitions')
        .where({ decision_id: d.id })
        .max('version as v')
        .first();
      row = { key: keys.take(), version: Number(prev?.v ?? 0) + 1 };
      await trx('engine_decision_definitions').insert({
        key: row.key,
        decision_id: d.id,
        name: d.name ?? null,
        version: row.version,
        decision_requirements_key: drgKey,
        decision_requirements_id: graph.id,
        tenant_id: tenantId,
      });
    }
    out.push({
      decisionDefinition: {
        decisionDefinitionId: d.id,
        version: row.version,
        name: d.name ?? d.id,
        tenantId,
        decisionRequirementsId: graph.id,
        decisionDefinitionKey: row.key,
        decisionRequirementsKey: drgKey,
      },
    });
  }
  return out;
}
