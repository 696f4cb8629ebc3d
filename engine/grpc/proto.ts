import { loadPackageDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/**
 * The Zeebe gateway protocol (`gateway_protocol.Gateway`) as `@camunda8/sdk` ships it, loaded
 * from that package rather than copied, so the engine serves exactly what Camunda's own Node
 * client speaks. int64 travels as decimal strings (keys stay exact), enums by name, and a
 * request's unset fields arrive with their proto3 defaults (0, '', []).
 */
export function gatewayService(): ServiceDefinition {
  const file = require.resolve('@camunda8/sdk/dist/proto/zeebe.proto');
  const definition = loadSync(file, {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: { service: ServiceDefinition } };
  };
  return pkg.gateway_protocol.Gateway.service;
}
