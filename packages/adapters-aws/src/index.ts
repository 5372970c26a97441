// --- AWS KMS: signing and verification ---
export { KMSSigner, KMS_MAX_RAW_MESSAGE_BYTES } from "./kms/kms-signer.js";
export type { KMSSignerOptions } from "./kms/kms-signer.js";
export { KMSVerifier } from "./kms/kms-verifier.js";
export type { KMSVerifierMode, KMSVerifierOptions } from "./kms/kms-verifier.js";
export { DEFAULT_KMS_TIMEOUT_MS } from "./kms/kms-connection.js";
export type { KmsConnectionOptions } from "./kms/kms-connection.js";

// --- DynamoDB: replay protection and pending overrides ---
export { DynamoReplayStore, DEFAULT_RESERVATION_TTL_MS } from "./dynamodb/dynamo-replay-store.js";
export type { DynamoReplayStoreOptions } from "./dynamodb/dynamo-replay-store.js";
export { DynamoPendingOverrideStore } from "./dynamodb/dynamo-pending-override-store.js";
export type { DynamoPendingOverrideStoreOptions } from "./dynamodb/dynamo-pending-override-store.js";
export { DEFAULT_DYNAMO_TIMEOUT_MS } from "./dynamodb/dynamo-connection.js";

// --- DynamoDB: table set-up ---
export { createReplayTable, createPendingOverrideTable } from "./dynamodb/create-table.js";
export type { CreateTableOptions, CreateTableResult } from "./dynamodb/create-table.js";
