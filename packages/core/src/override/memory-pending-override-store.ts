import { OverrideError } from "../errors/parmana-error.js";
import { canonicalHash } from "../hashing/sha256.js";
import type {
  PendingOverride,
  PendingOverrideReference,
  PendingOverrideStore,
} from "./pending-override.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link MemoryPendingOverrideStore}. */
export interface MemoryPendingOverrideStoreOptions {
  /**
   * Most decisions held at once, resolved or not. Default 100,000. At capacity, resolved
   * decisions are evicted oldest first; unresolved ones never are, so a full store of unresolved
   * decisions refuses new ones with `[SYS-027]`.
   */
  readonly maxSize?: number;
}

/** Default of {@link MemoryPendingOverrideStoreOptions.maxSize}. */
export const DEFAULT_PENDING_OVERRIDE_MAX_SIZE = 100_000;

interface Entry {
  readonly pending: PendingOverride;
  readonly attestationHash: string;
  resolved: boolean;
}

/**
 * A pending-override store in process memory: the default, into which `executeFromSignals`
 * records every `pending_override` decision so that the documented one-argument
 * `approveOverride(input)` works in the process that decided. A restart or another process does
 * not see it; implement {@link PendingOverrideStore} over a database for that.
 *
 * - `record` is idempotent for the same attestation. A different attestation of the same policy
 *   under an unresolved `executionId` replaces it (a retry after a failed attempt: the replay
 *   store only lets an executionId be decided again once the earlier attempt released its key);
 *   under a resolved one, or from another policy, it is refused with `[SYS-028]`.
 * - `find` by `executionId` (and, when both are given, the fingerprint must match too), or by
 *   `execution_fingerprint` alone: the one unresolved decision with that fingerprint, else the
 *   latest resolved one; several unresolved ones are ambiguous (`[SYS-028]`).
 * - `markResolved` is atomic (a synchronous check-and-set): of concurrent callers, one gets true.
 *
 * @example
 * ```ts
 * const store = new MemoryPendingOverrideStore({ maxSize: 10_000 });
 * const attestation = await executeFromSignals(input, signer, verifier, { replayStore, pendingOverrideStore: store });
 * const record = await approveOverride({ executionId: attestation.executionId, approved_by, approver_role, reason }, { store });
 * ```
 */
export class MemoryPendingOverrideStore implements PendingOverrideStore {
  // Insertion order is age: eviction walks from the oldest.
  readonly #byExecutionId = new Map<string, Entry>();
  readonly #byFingerprint = new Map<string, Set<string>>();
  readonly #maxSize: number;

  /**
   * @param options - capacity
   * @throws OverrideError `SYS-024` when `maxSize` is not a positive integer
   */
  constructor(options: MemoryPendingOverrideStoreOptions = {}) {
    try {
      const maxSize = options.maxSize ?? DEFAULT_PENDING_OVERRIDE_MAX_SIZE;
      if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
        throw new OverrideError(
          "SYS-024",
          `MemoryPendingOverrideStore maxSize must be a positive integer, got ${String(maxSize)}`,
          {
            details: { maxSize },
          },
        );
      }
      this.#maxSize = maxSize;
    } catch (error) {
      throw codedInputError(error, OverrideError, "SYS-024", "MemoryPendingOverrideStore");
    }
  }

  /** Number of decisions held, resolved or not. */
  get size(): number {
    return this.#byExecutionId.size;
  }

  /**
   * Records a pending decision.
   *
   * @param pending - the attestation with the signer and verifier that will sign its resolution
   * @throws OverrideError `SYS-024` malformed entry, `SYS-027` store full, `SYS-028` executionId held by another attestation
   */
  record(pending: PendingOverride): void {
    const { executionId, fingerprint } = checkPending(pending);
    const attestationHash = hashAttestation(pending.attestation);
    const existing = this.#byExecutionId.get(executionId);
    if (existing !== undefined) {
      if (existing.attestationHash === attestationHash) return;
      // The replay store lets a policy decide an executionId again only after the earlier
      // attempt failed and released its key, so an unresolved entry of the same policy belongs
      // to an attestation that was never returned: the retry replaces it.
      const retry =
        !existing.resolved &&
        existing.pending.attestation.policyId === pending.attestation.policyId;
      if (!retry) {
        throw new OverrideError(
          "SYS-028",
          `executionId ${executionId} is already recorded for a different attestation${existing.resolved ? " and was resolved" : ` of policy ${existing.pending.attestation.policyId}`}; give each business transaction its own executionId`,
          { details: { executionId } },
        );
      }
      this.#forget(executionId, existing);
    }
    if (this.#byExecutionId.size >= this.#maxSize) this.#evictResolved();
    if (this.#byExecutionId.size >= this.#maxSize) {
      throw new OverrideError(
        "SYS-027",
        `MemoryPendingOverrideStore is full (maxSize ${this.#maxSize} unresolved decisions); cannot record ${executionId}`,
        { details: { executionId, maxSize: this.#maxSize } },
      );
    }
    const stored: PendingOverride = Object.freeze({
      attestation: pending.attestation,
      signer: pending.signer,
      verifier: pending.verifier,
      ruleId: pending.ruleId,
      ...(pending.overrideRoles === undefined
        ? {}
        : { overrideRoles: Object.freeze([...pending.overrideRoles]) }),
    });
    this.#byExecutionId.set(executionId, { pending: stored, attestationHash, resolved: false });
    let ids = this.#byFingerprint.get(fingerprint);
    if (ids === undefined) {
      ids = new Set();
      this.#byFingerprint.set(fingerprint, ids);
    }
    ids.add(executionId);
  }

  /**
   * Finds a decision by `executionId` or `execution_fingerprint`.
   *
   * @param reference - either id; with both, the decision must carry both
   * @returns the decision with `resolved` set, or undefined
   * @throws OverrideError `SYS-028` when a fingerprint alone matches several unresolved decisions
   */
  find(reference: PendingOverrideReference): PendingOverride | undefined {
    const executionId = reference?.executionId;
    const fingerprint = reference?.execution_fingerprint;
    if (typeof executionId === "string") {
      const entry = this.#byExecutionId.get(executionId);
      if (entry === undefined) return undefined;
      if (
        typeof fingerprint === "string" &&
        entry.pending.attestation.execution_fingerprint !== fingerprint
      )
        return undefined;
      return view(entry);
    }
    if (typeof fingerprint !== "string") return undefined;
    const ids = this.#byFingerprint.get(fingerprint);
    if (ids === undefined) return undefined;
    const unresolved: Entry[] = [];
    let latestResolved: Entry | undefined;
    for (const id of ids) {
      const entry = this.#byExecutionId.get(id);
      if (entry === undefined) continue;
      if (entry.resolved) latestResolved = entry;
      else unresolved.push(entry);
    }
    if (unresolved.length > 1) {
      const executionIds = unresolved.map((entry) => entry.pending.attestation.executionId);
      throw new OverrideError(
        "SYS-028",
        `execution_fingerprint ${fingerprint} matches ${unresolved.length} pending decisions (${executionIds.join(", ")}); refer to one by executionId`,
        { details: { execution_fingerprint: fingerprint, executionIds } },
      );
    }
    const entry = unresolved[0] ?? latestResolved;
    return entry === undefined ? undefined : view(entry);
  }

  /**
   * Marks a decision resolved, once.
   *
   * @param executionId - the decision's executionId
   * @returns true for the first call on a held decision; false when already resolved or unknown
   */
  markResolved(executionId: string): boolean {
    // Synchronous check-and-set: no other caller can interleave.
    const entry = this.#byExecutionId.get(executionId);
    if (entry === undefined || entry.resolved) return false;
    entry.resolved = true;
    return true;
  }

  /** Forgets every decision (for tests and process-level resets). */
  clear(): void {
    this.#byExecutionId.clear();
    this.#byFingerprint.clear();
  }

  #evictResolved(): void {
    for (const [executionId, entry] of this.#byExecutionId) {
      if (this.#byExecutionId.size < this.#maxSize) return;
      if (entry.resolved) this.#forget(executionId, entry);
    }
  }

  #forget(executionId: string, entry: Entry): void {
    this.#byExecutionId.delete(executionId);
    const fingerprint = entry.pending.attestation.execution_fingerprint;
    const ids = this.#byFingerprint.get(fingerprint);
    ids?.delete(executionId);
    if (ids !== undefined && ids.size === 0) this.#byFingerprint.delete(fingerprint);
  }
}

function view(entry: Entry): PendingOverride {
  return Object.freeze({ ...entry.pending, resolved: entry.resolved });
}

function checkPending(pending: PendingOverride): { executionId: string; fingerprint: string } {
  const problems: string[] = [];
  if (typeof pending !== "object" || pending === null) {
    throw new OverrideError(
      "SYS-024",
      "a pending decision must be an object { attestation, signer, verifier, ruleId }",
    );
  }
  const attestation = pending.attestation as unknown as Record<string, unknown> | null | undefined;
  const executionId =
    typeof attestation === "object" && attestation !== null
      ? attestation["executionId"]
      : undefined;
  const fingerprint =
    typeof attestation === "object" && attestation !== null
      ? attestation["execution_fingerprint"]
      : undefined;
  if (typeof executionId !== "string" || executionId.length === 0)
    problems.push("attestation.executionId must be a non-empty string");
  if (typeof fingerprint !== "string" || fingerprint.length === 0)
    problems.push("attestation.execution_fingerprint must be a non-empty string");
  if (typeof pending.signer?.sign !== "function")
    problems.push("signer must have a sign(payload) method");
  if (typeof pending.verifier?.verify !== "function")
    problems.push("verifier must have a verify(payload, signature) method");
  if (typeof pending.ruleId !== "string") problems.push("ruleId must be a string");
  if (
    pending.overrideRoles !== undefined &&
    (!Array.isArray(pending.overrideRoles) ||
      !pending.overrideRoles.every((role) => typeof role === "string"))
  ) {
    problems.push("overrideRoles must be an array of strings");
  }
  if (problems.length > 0) {
    throw new OverrideError("SYS-024", `invalid pending decision: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  return { executionId: executionId as string, fingerprint: fingerprint as string };
}

function hashAttestation(attestation: unknown): string {
  try {
    return canonicalHash(attestation);
  } catch (error) {
    throw new OverrideError(
      "SYS-024",
      `invalid pending decision: the attestation is not plain JSON (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
}
