import type {
  handleServerStreamingCall,
  handleUnaryCall,
  ServerUnaryCall,
  ServerWritableStream,
} from '@grpc/grpc-js';
import type { EngineLog } from '../engine-log';
import { grpcStatus } from './status';

/** A request message as proto-loader hands it over (int64 as strings, defaults filled in). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = Record<string, any>;

type Stream = ServerWritableStream<Message, Message>;

/** Commands may throw before their first await: the same rejection either way. */
const attempt = <T>(f: () => Promise<T>): Promise<T> => Promise.resolve().then(f);

/**
 * Runs the gateway's calls over the engine's commands: a failure of any kind becomes the
 * call's gRPC status (status.ts); a call the client cancels aborts its signal, so a long poll
 * or a stream stops waiting and activates nothing more for it. The engine's stop aborts every
 * call still running and waits for them, so no statement runs on a pool being closed.
 */
export class Calls {
  private running = new Set<{ abort: AbortController; done: Promise<unknown> }>();

  constructor(private log: EngineLog) {}

  unary(
    method: string,
    fn: (request: Message, signal: AbortSignal) => Promise<Message>,
  ): handleUnaryCall<Message, Message> {
    return (call: ServerUnaryCall<Message, Message>, callback) => {
      this.run(call, (signal) =>
        attempt(() => fn(call.request, signal)).then(
          (response) => callback(null, response),
          (e) => callback(grpcStatus(e, method, this.log)),
        ),
      );
    };
  }

  /** A server-streaming call: `fn` writes its messages; the stream ends OK when it resolves. */
  stream(
    method: string,
    fn: (call: Stream, signal: AbortSignal) => Promise<void>,
  ): handleServerStreamingCall<Message, Message> {
    return (call: Stream) => {
      this.run(call, (signal) =>
        attempt(() => fn(call, signal)).then(
          () => {
            if (!signal.aborted) call.end();
          },
          (e) => {
            if (!signal.aborted) call.emit('error', grpcStatus(e, method, this.log));
          },
        ),
      );
    };
  }

  private run(
    call: { on(event: 'cancelled', listener: () => void): unknown },
    body: (signal: AbortSignal) => Promise<unknown>,
  ) {
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort());
    const entry = { abort, done: Promise.resolve() as Promise<unknown> };
    entry.done = body(abort.signal).finally(() => this.running.delete(entry));
    this.running.add(entry);
  }

  /** Aborts every running call and waits until each has finished. */
  async stop(): Promise<void> {
    const all = [...this.running];
    for (const c of all) c.abort.abort();
    await Promise.allSettled(all.map((c) => c.done));
  }
}
