import { status, StatusObject } from '@grpc/grpc-js';
import type { EngineLog } from '../engine-log';
import { engineErrorFor } from '../rest/engine-error';

/**
 * The gRPC status of each of the engine's rejections, as Zeebe's gateway maps its rejection
 * types (https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/ lists each RPC's):
 * a wrong state is FAILED_PRECONDITION, RESOURCE_EXHAUSTED is back-pressure only (clients
 * retry it), DEADLINE_EXCEEDED a with-result request that timed out.
 */
const CODES: Record<string, status> = {
  NOT_FOUND: status.NOT_FOUND,
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  'Bad Request': status.INVALID_ARGUMENT,
  'Payload Too Large': status.INVALID_ARGUMENT,
  INVALID_STATE: status.FAILED_PRECONDITION,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  FORBIDDEN: status.PERMISSION_DENIED,
};

/** The status a failed call ends with: Zeebe's code and the same message the REST face gives. */
export function grpcStatus(
  err: unknown,
  method: string,
  log: EngineLog,
): Pick<StatusObject, 'code' | 'details'> {
  const e = engineErrorFor(err, `gRPC ${method}`, log);
  return { code: CODES[e.title] ?? status.INTERNAL, details: e.detail };
}
