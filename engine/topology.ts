/** The version this engine answers as: the Camunda 8.8 APIs it serves. */
export const ENGINE_VERSION = '8.8.0';

/**
 * https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-topology/
 * One broker with one partition, leading and healthy: every engine process on the database is
 * that broker, as far as a client can tell.
 */
export function topology() {
  return {
    brokers: [
      {
        nodeId: 0,
        host: 'localhost',
        port: 26501,
        version: ENGINE_VERSION,
        partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
      },
    ],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: ENGINE_VERSION,
    lastCompletedChangeId: '-1',
  };
}
