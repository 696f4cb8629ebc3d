import { Router } from 'express';
import type { Engine } from '../engine';
import { pinClock } from '../clock';
import { EngineError, invalidArgument } from './engine-error';
import { int64 } from './int64';
import { topology } from '../topology';

/** Refuses clock commands unless the engine was started with a controlled clock. */
function requireControlledClock(engine: Engine): void {
  if (!engine.clockControlled)
    throw new EngineError(
      403,
      'FORBIDDEN',
      'The clock is not controlled: start the engine with ENGINE_CLOCK_CONTROLLED=true to pin or reset it (Camunda: ZEEBE_CLOCK_CONTROLLED).',
    );
}

/** Topology, license and the testing clock. */
export function clusterRouter(engine: Engine): Router {
  const r = Router();
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-topology/
  r.get('/topology', (_req, res) => {
    res.json(topology());
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-status-of-camunda-license/
  r.get('/license', (_req, res) => {
    // No licence, so no expiry: 8.8 leaves `expiresAt` out rather than writing null.
    res.json({ validLicense: false, licenseType: 'unknown', isCommercial: false });
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/pin-clock/
  r.put('/clock', async (req, res) => {
    requireControlledClock(engine);
    // int64 fields arrive as numbers or numeric strings (the official client sends strings).
    const ts = int64(req.body?.timestamp, 'timestamp', 0);
    if (ts === undefined)
      throw invalidArgument(
        'The value for timestamp is required and must be a non-negative number.',
      );
    await pinClock(engine.db, ts);
    engine.kickTimers();
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/reset-clock/
  r.post('/clock/reset', async (_req, res) => {
    requireControlledClock(engine);
    await pinClock(engine.db, null);
    engine.kickTimers();
    res.status(204).end();
  });
  return r;
}
