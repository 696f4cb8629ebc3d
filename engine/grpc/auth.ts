import { Metadata, ServerInterceptingCall, ServerInterceptor, status } from '@grpc/grpc-js';
import { EngineAuth, isAuthorized } from '../rest/auth';

/**
 * The REST face's credentials on the gRPC face: the `authorization` metadata entry carries
 * `Basic …` or `Bearer …` exactly as the HTTP header does (the SDK's and zeebe-node's gRPC
 * clients send it so). Checked when the call's metadata arrives, before its message is read;
 * "Unauthorized" in the details is what the desktop Modeler looks for to say so.
 */
export function authInterceptor(auth: EngineAuth): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata: Metadata, pass) => {
            const header = metadata.get('authorization')[0];
            if (isAuthorized(auth, header === undefined ? undefined : String(header)))
              pass(metadata);
            else
              call.sendStatus({
                code: status.UNAUTHENTICATED,
                details:
                  'Unauthorized: the request is not authenticated; send Basic or Bearer credentials in the authorization metadata.',
              });
          },
        }),
    });
}
