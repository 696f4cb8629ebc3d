import { Router } from 'express';
import type { Engine } from '../engine';
import { correlate, publishMessage } from '../commands/messages';
import { int64 } from './int64';

export function messagesRouter(engine: Engine): Router {
  const r = Router();
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/publish-a-message/
  r.post('/messages/publication', async (req, res) => {
    const timeToLive = int64(req.body.timeToLive, 'timeToLive');
    const messageKey = await publishMessage(engine.ctx, { ...req.body, timeToLive });
    res.json({ messageKey, tenantId: '<default>' });
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/correlate-a-message/
  r.post('/messages/correlation', async (req, res) => {
    const result = await correlate(engine.ctx, req.body);
    res.json({ ...result, tenantId: '<default>' });
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/broadcast-signal/
  r.post('/signals/broadcast', async (req, res) => {
    const signalKey = await engine.broadcastSignal(
      String(req.body.signalName ?? ''),
      req.body.variables ?? null,
    );
    res.json({ signalKey, tenantId: '<default>' });
  });
  return r;
}
