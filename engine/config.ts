import type { EngineAuth } from './rest/auth';

/**
 * The engine's settings from the environment, shared by `npm start` and `npm run engine`:
 *
 * - `ENGINE_HOST` (default 127.0.0.1) and `ENGINE_PORT` (default 8080);
 * - `ENGINE_GRPC_PORT` (default 26500, Zeebe's gateway port): the gRPC face, on the same host
 *   and credentials; `off` serves REST only;
 * - `ENGINE_USERNAME` (default `gas-cert`) and `ENGINE_PASSWORD`: Basic credentials, what the
 *   SDK sends with `CAMUNDA_AUTH_STRATEGY=BASIC`;
 * - `ENGINE_TOKENS`: comma-separated bearer tokens (`CAMUNDA_AUTH_STRATEGY=BEARER`);
 * - `ENGINE_AUTH=none`: an open engine, for a sandbox only;
 * - `ENGINE_CLOCK_CONTROLLED=true`: `PUT /v2/clock` may pin "now" (Camunda's
 *   `ZEEBE_CLOCK_CONTROLLED`); never on by default.
 *
 * `password` is what to use when ENGINE_PASSWORD is unset (the caller generates or stores one).
 */
export function engineSettings(env: NodeJS.ProcessEnv, password: string) {
  const username = env.ENGINE_USERNAME || 'gas-cert';
  const tokens = (env.ENGINE_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const auth: EngineAuth =
    env.ENGINE_AUTH === 'none'
      ? 'none'
      : {
          basic: { username, password: env.ENGINE_PASSWORD || password },
          ...(tokens.length ? { bearerTokens: tokens } : {}),
        };
  return {
    host: env.ENGINE_HOST || '127.0.0.1',
    port: Number(env.ENGINE_PORT ?? 8080),
    grpcPort: env.ENGINE_GRPC_PORT === 'off' ? undefined : Number(env.ENGINE_GRPC_PORT ?? 26500),
    auth,
    clockControlled: env.ENGINE_CLOCK_CONTROLLED === 'true',
  };
}
