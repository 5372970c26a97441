import type { Clock } from "../internal/read-clock.js";
import type { AttestationDecision } from "../attestation/attestation.types.js";
import type { PendingOverrideStore } from "../override/pending-override.types.js";
import type { PolicyRegistry } from "../policy/policy-registry.types.js";
import type { ReplayStore } from "../replay/replay-store.types.js";
import type { RuntimeIdentity } from "../runtime/runtime-manifest.types.js";

/** What to decide: the policy and the signals, plus the caller's business transaction id. */
export interface ExecuteInput {
  /**
   * The business transaction id (`claim-CLM-2024-00441`); the replay key is
   * `"<policyId>:<executionId>"`. When absent, a random UUID is used and the replay key is the
   * execution fingerprint, so identical policy + signals are decided once.
   */
  readonly executionId?: string;
  readonly policyId: string;
  readonly policyVersion: string;
  /**
   * Signal values by name, plain or wrapped with `withProvenance` (unwrapped before evaluation).
   * Typed `object` so that signals declared with an `interface` (which TypeScript never treats
   * as a `Record<string, unknown>`) are accepted; the shape is checked at run time (`VAL-010`).
   */
  readonly signals: object;
}

/**
 * The runtime environment of the product's five-argument form. `policiesRootPath` is where
 * `policies/{policyId}/{policyVersion}/policy.json` live; the other paths name trust material.
 */
export interface RuntimeEnvironment {
  readonly policiesRootPath?: string;
  readonly trustPublicKeyPath?: string;
  readonly trustRootPath?: string;
  readonly releaseManifestPath?: string;
}

export type { Clock };

/** @deprecated Use {@link Clock}: the same type under the name every clock option uses. */
export type ExecutionClock = Clock;

/** The options form of `executeFromSignals` (the documented modern form). */
export interface ExecuteOptions {
  /** Required: where replay keys are reserved and confirmed. */
  readonly replayStore: ReplayStore;
  /** Where policies come from; the file registry under `runtimeEnvironment.policiesRootPath`, `PARMANA_POLICIES_ROOT` or `./policies` by default. */
  readonly policies?: PolicyRegistry;
  /** Used to build the default file registry when `policies` is absent. */
  readonly runtimeEnvironment?: RuntimeEnvironment;
  /** Time written to `issuedAt`; `Date.now` by default. */
  readonly clock?: Clock;
  /** executionId source when the input has none; `crypto.randomUUID` by default. */
  readonly generateId?: () => string;
  /** `signerKeyId` to write; the signer's `keyId`, else `"unspecified"`, by default. */
  readonly signerKeyId?: string;
  /** `trustRootVersion` to write; `"local"` (no trust root configured) by default. */
  readonly trustRootVersion?: string;
  /** Where pending-override decisions are recorded; the in-memory default store by default. */
  readonly pendingOverrideStore?: PendingOverrideStore;
  /** Runtime identity to write; the running runtime's (`getRuntimeIdentity()`) by default. */
  readonly runtime?: RuntimeIdentity;
  /**
   * Deadline of the whole call in milliseconds; 30,000 (30 s) by default. Keep it well under the
   * replay store's reservation TTL (300 s for `MemoryReplayStore`). A replay store, signer,
   * verifier or pending-override store that has not answered in time fails the call with
   * `INV-EXEC-004`; the reservation is released with its token and no attestation is returned.
   */
  readonly timeoutMs?: number;
}

/** Options of `simulate`. */
export interface SimulateOptions {
  readonly policies?: PolicyRegistry;
  readonly runtimeEnvironment?: RuntimeEnvironment;
}

/** What `simulate` returns: the decision without signing or touching a replay store. */
export interface SimulationResult {
  readonly decision: AttestationDecision;
  /** `id` of the rule that matched. */
  readonly rule_id: string;
  readonly execution_fingerprint: string;
  readonly signalsHash: string;
}
