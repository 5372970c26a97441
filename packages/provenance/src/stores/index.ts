export { InMemoryConsumptionStore } from "./in-memory-consumption-store.js";
export { RedisConsumptionStore } from "./redis-consumption-store.js";
export { PostgresLineageStore, DEFAULT_LINEAGE_TABLE } from "./postgres-lineage-store.js";
export {
  PostgresConsumptionStore,
  DEFAULT_CONSUMPTION_TABLE,
} from "./postgres-consumption-store.js";
export { verifyPersistedLineage } from "./verify-persisted-lineage.js";
export type { PersistedLineageVerificationResult } from "./verify-persisted-lineage.js";
export type {
  LineagePersistenceStore,
  GovernanceProofStore,
  ConsumptionStoreOptions,
} from "./store.types.js";
export type { RedisConsumptionClient, RedisConsumptionStoreOptions } from "./redis-client.types.js";
export type {
  PostgresQueryable,
  PostgresQueryResult,
  PostgresStoreOptions,
  PostgresConsumptionStoreOptions,
} from "./postgres-client.types.js";
