import type { Engine } from '../engine';
import { addDuration } from '../bpmn/timer';
import { createInstance } from '../runtime/create-instance';
import { definitionByKey } from '../runtime/definitions';
import { triggerEvent } from '../runtime/triggers';
import { lockInstance } from '../sql/load-instance';

interface TimerRow {
  key: string;
  pik: string | null;
  eik: string | null;
  pdk: string;
  element_id: string;
  due_date: Date;
  repetitions: number;
  interval: string | null;
}

const SELECT = `select key::text, process_instance_key::text as pik, element_instance_key::text as eik,
  process_definition_key::text as pdk, element_id, due_date, repetitions, interval
  from engine_timers where key = ?`;

/**
 * Fires one due timer in its own command: a start timer creates an instance; otherwise the
 * owner's instance is locked first, then the timer re-read, so a concurrent command that
 * removed it wins. Cycles are rescheduled from their due date.
 */
export function fireTimer(engine: Engine, key: string): Promise<void> {
  return engine.ctx.run(async (cmd) => {
    const first = (await (await cmd.tx()).raw(SELECT, [key])).rows[0] as TimerRow | undefined;
    if (!first) return;
    if (first.pik) await lockInstance(cmd, first.pik);
    const t = (await (await cmd.tx()).raw(`${SELECT} for update skip locked`, [key])).rows[0] as
      TimerRow | undefined;
    if (!t || t.due_date > cmd.now) return;
    const again = t.interval && (t.repetitions === -1 || t.repetitions > 1);
    const reschedule = () => {
      cmd.update('engine_timers', t.key, {
        due_date: addDuration(new Date(t.due_date), t.interval!),
        repetitions: t.repetitions === -1 ? -1 : t.repetitions - 1,
      });
      cmd.timersChanged = true;
    };
    if (!t.pik) {
      const def = await definitionByKey(cmd.db, t.pdk);
      if (def) createInstance(cmd, def, { startElementId: t.element_id });
      if (again) reschedule();
      else cmd.remove('engine_timers', t.key);
      return;
    }
    const owner = cmd.elements.get(t.eik!);
    if (!owner || owner.state !== 'ACTIVE') {
      cmd.remove('engine_timers', t.key);
      return;
    }
    const node = cmd.model(owner).elements.get(t.element_id);
    // Non-interrupting boundary events and event subprocesses fire their cycles repeatedly.
    if (again && node?.interrupting === false) reschedule();
    else cmd.remove('engine_timers', t.key);
    await triggerEvent(cmd, owner, t.element_id, null);
  });
}
