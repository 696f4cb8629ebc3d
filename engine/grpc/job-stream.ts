import type { ServerWritableStream } from '@grpc/grpc-js';
import type { Engine } from '../engine';
import { engineNow } from '../clock';
import { activateJobs } from '../sql/activate-jobs';
import { activationRequest } from '../commands/activate-jobs';
import type { Message } from './calls';
import { activatedJob } from './job-message';

/** Jobs activated per statement for a stream; more follow at once while a batch comes full. */
const BATCH = 32;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Resolves when the client has taken what was written (gRPC flow control) or went away. */
const drained = (call: ServerWritableStream<Message, Message>, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      call.removeListener('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#streamactivatedjobs-rpc
 * Pushes jobs of a type to a connected worker as they become activatable, until it goes away.
 * It is the REST long poll's machinery without an end: the same one-statement activation
 * (`for update skip locked`, so engines sharing the database never hand a job out twice, to
 * a stream or a poll), woken by the same NOTIFY line (job-notifier.ts; one wake-up per
 * notification, so a stream and the polls of a type take turns), with the same one-second
 * re-check for jobs whose deadline passed. A job written to a worker that disconnects before
 * finishing it is activatable again once its timeout has passed.
 */
export async function streamJobs(
  engine: Engine,
  call: ServerWritableStream<Message, Message>,
  signal: AbortSignal,
): Promise<void> {
  const r = call.request;
  const request = activationRequest(
    {
      type: r.type,
      worker: r.worker,
      timeout: Number(r.timeout),
      fetchVariable: r.fetchVariable,
      tenantIds: r.tenantIds,
    },
    BATCH,
  );
  while (!signal.aborted) {
    // Taken before the query, so a job made activatable meanwhile still wakes this stream.
    const ticket = engine.jobs.ticket(request.type);
    try {
      const now = await engineNow(engine.db);
      const jobs = await activateJobs(engine.db, now, request, () => signal.aborted);
      for (const job of jobs)
        if (!call.write(activatedJob(job)) && !signal.aborted) await drained(call, signal);
      if (jobs.length < BATCH) await ticket.wait(1000, signal);
    } catch (e) {
      if (signal.aborted) return;
      // A database hiccup must not end a worker's stream (clients do not all reopen one).
      engine.log.warn(`engine: job stream of type '${request.type}'`, e);
      await pause(1000, signal);
    } finally {
      ticket.cancel();
    }
  }
}
