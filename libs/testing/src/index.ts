export {
  testInfrastructure,
  releaseTestInfrastructure,
  resolveTestInfrastructure,
  DEFAULT_DATABASE_URL,
  DEFAULT_NATS_URL,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestInfrastructure,
} from './test-infrastructure';
export {
  createTemplateDatabase,
  dropTemplateDatabase,
  migrationFingerprint,
  type TemplateDatabaseOptions,
} from './template-database';
export { createTestDatabase, type CreateTestDatabaseOptions, type TestDatabase } from './test-database';
export { createTestNamespace, type TestNamespace } from './test-namespace';
export { natsConnectionOptions } from './nats-connection';
export { waitFor, type WaitForOptions } from './wait-for';
export { withClient } from './sql-client';
export * from './service-observability.suite';
export { validateAtomFeed } from './atom.validator';
export * from './webhook-receiver';
export { serviceRpcCaller, type ServiceRpcCaller } from './service-rpc.caller';
