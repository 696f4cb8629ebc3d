import { createHash } from 'node:crypto';
import type { EngineContext } from '../runtime/engine-context';
import { parseBpmn } from '../bpmn/parse';
import type { ProcessModel } from '../bpmn/model';
import { invalidArgument } from '../rest/engine-error';
import { scheduleTimer } from '../runtime/timer-due';
import { engineNow } from '../clock';
import { forgetLatest } from '../runtime/definitions';
import { parseDmn } from '../dmn/parse';
import type { DecisionGraph } from '../dmn/model';
import { deployDecisions } from './deploy-decisions';

export interface Resource {
  name: string;
  content: Buffer;
}

/**
 * `deployResourcesFromFiles` in SDK 8.8.13 reads files as latin1 and form-data re-encodes
 * them, so every non-ASCII byte arrives UTF-8-encoded twice. If the text decodes as UTF-8 once
 * more after reading it back as latin1, it was double-encoded: undo that.
 */
export function repairDoubleUtf8(content: Buffer): string {
  const text = content.toString('utf8');
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text)) return text;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text;
  const once = Buffer.from(text, 'latin1');
  const repaired = once.toString('utf8');
  return Buffer.from(repaired, 'utf8').equals(once) ? repaired : text;
}

type Deployed = Record<string, Record<string, unknown>>;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Deploys BPMN and form resources: byte-identical → same key and version; changed → +1. */
export async function deploy(engine: EngineContext, resources: Resource[], tenantId: string) {
  if (resources.length === 0)
    throw invalidArgument('Expected to deploy at least one resource, but none given');
  const parsedBpmn = new Map<string, ProcessModel[]>();
  const forms = new Map<string, { id: string; text: string }>();
  const graphs = new Map<string, DecisionGraph>();
  const errors: string[] = [];
  const texts = new Map<string, string>();
  for (const r of resources) {
    const text = repairDoubleUtf8(r.content);
    texts.set(r.name, text);
    const lower = r.name.toLowerCase();
    if (lower.endsWith('.bpmn') || lower.endsWith('.xml')) {
      const parsed = await parseBpmn(text);
      if (parsed.errors.length) errors.push(`'${r.name}': ${parsed.errors.join('\n')}`);
      else parsedBpmn.set(r.name, parsed.processes);
    } else if (lower.endsWith('.dmn')) {
      const parsed = await parseDmn(text);
      if (parsed.graph) graphs.set(r.name, parsed.graph);
      else errors.push(`'${r.name}': ${parsed.errors.join('\n')}`);
    } else if (lower.endsWith('.form')) {
      try {
        const id = JSON.parse(text).id;
        if (typeof id !== 'string' || !id) throw new Error('missing id');
        forms.set(r.name, { id, text });
      } catch {
        errors.push(`'${r.name}': Expected the form to be a JSON document with a non-empty 'id'`);
      }
    } else {
      errors.push(
        `'${r.name}': Expected to deploy a resource with extension .bpmn, .xml, .dmn or .form, but found '${r.name}'`,
      );
    }
  }
  if (errors.length)
    throw invalidArgument(
      `Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`,
    );
  const now = await engineNow(engine.db);
  const decisionCount = [...graphs.values()].reduce((n, g) => n + g.decisions.length, 0);
  await engine.keys.reserve(resources.length * 2 + decisionCount + 10);
  const deploymentKey = engine.keys.take();
  const deployments: Deployed[] = [];
  let timersChanged = false;
  const changedIds: string[] = [];
  await engine.db.transaction(async (trx) => {
    // Versions are per process id; concurrent deploys take turns.
    await trx.raw(`select pg_advisory_xact_lock(hashtext('engine_deploy'))`);
    for (const r of resources) {
      const text = texts.get(r.name)!;
      for (const model of parsedBpmn.get(r.name) ?? []) {
        const checksum = sha(text);
        const latest = await trx('engine_process_definitions')
          .where({ bpmn_process_id: model.id })
          .orderBy('version', 'desc')
          .first(trx.raw('key::text as key'), 'version', 'checksum');
        let key: string;
        let version: number;
        if (latest && latest.checksum === checksum) {
          key = latest.key;
          version = latest.version;
        } else {
          key = engine.keys.take();
          version = (latest?.version ?? 0) + 1;
          await trx('engine_process_definitions').insert({
            key,
            bpmn_process_id: model.id,
            version,
            name: model.name ?? null,
            version_tag: model.versionTag ?? null,
            resource_name: r.name,
            checksum,
            xml: text,
            deployment_key: deploymentKey,
            tenant_id: tenantId,
          });
          timersChanged =
            (await subscribeStartEvents(engine, trx, model, key, now)) || timersChanged;
          await trx.raw(`select pg_notify('engine_deployments', ?)`, [model.id]);
          changedIds.push(model.id);
        }
        deployments.push({
          processDefinition: {
            processDefinitionId: model.id,
            processDefinitionVersion: version,
            resourceName: r.name,
            tenantId,
            processDefinitionKey: key,
          },
        });
      }
      const graph = graphs.get(r.name);
      if (graph)
        deployments.push(
          ...(await deployDecisions(
            trx,
            engine.keys,
            { name: r.name, text, checksum: sha(text), graph },
            deploymentKey,
            tenantId,
          )),
        );
      const form = forms.get(r.name);
      if (form) {
        const checksum = sha(form.text);
        const latest = await trx('engine_forms')
          .where({ form_id: form.id })
          .orderBy('version', 'desc')
          .first(trx.raw('key::text as key'), 'version', 'checksum');
        let key = latest?.key;
        let version = latest?.version;
        if (!latest || latest.checksum !== checksum) {
          key = engine.keys.take();
          version = (latest?.version ?? 0) + 1;
          await trx('engine_forms').insert({
            key,
            form_id: form.id,
            version,
            resource_name: r.name,
            checksum,
            content: form.text,
            deployment_key: deploymentKey,
            tenant_id: tenantId,
          });
        }
        deployments.push({
          form: { formId: form.id, version, resourceName: r.name, tenantId, formKey: key },
        });
      }
    }
  });
  for (const id of changedIds) forgetLatest(id);
  if (timersChanged) engine.onTimersChanged();
  return { deploymentKey, tenantId, deployments };
}

/** Only the latest version of a process listens on its message, signal and timer starts. */
async function subscribeStartEvents(
  engine: EngineContext,
  trx: import('knex').Knex.Transaction,
  model: ProcessModel,
  key: string,
  now: Date,
): Promise<boolean> {
  await trx('engine_start_events').where({ bpmn_process_id: model.id }).delete();
  await trx.raw(
    `delete from engine_timers where process_instance_key is null and process_definition_key in
       (select key from engine_process_definitions where bpmn_process_id = ?)
       and process_definition_key <> ?`,
    [model.id, key],
  );
  let timers = false;
  for (const id of model.startEvents) {
    const node = model.elements.get(id)!;
    const ev = node.event;
    if (ev?.kind === 'message' || ev?.kind === 'signal')
      await trx('engine_start_events').insert({
        process_definition_key: key,
        bpmn_process_id: model.id,
        element_id: id,
        kind: ev.kind,
        name: ev.kind === 'message' ? ev.messageName : ev.signalName,
      });
    if (ev?.kind === 'timer' && ev.timer) {
      const s = scheduleTimer(ev.timer, now, {});
      await trx('engine_timers').insert({
        key: engine.keys.take(),
        process_instance_key: null,
        element_instance_key: null,
        process_definition_key: key,
        element_id: id,
        due_date: s.due,
        repetitions: s.repetitions,
        interval: s.interval,
      });
      timers = true;
    }
  }
  return timers;
}
