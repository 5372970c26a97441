import type { Clock } from "@parmanasystems/core";
import type { ExecutionAuthority } from "../authority/execution-authority.types.js";
import type {
  AuthorityConsumptionStatus,
  AuthorityConsumptionStore,
  ConsumptionResult,
  ExecutionConsumptionInput,
  ExecutionConsumptionStore,
} from "../consumption/consumption.types.js";
import {
  authorityForStatus,
  classifyConsumption,
  readStoreClock,
  requireAuthorityHash,
  requireStoreClock,
  toConsumptionResult,
  type StoredConsumption,
} from "./consumption-call.js";
import { readStoreOptions } from "./store-options.js";
import type { ConsumptionStoreOptions } from "./store.types.js";

/**
 * In-memory reference consumption store, for tests and local development only: state lives in
 * one process and is lost on restart. Atomic within the process (the check and the write happen
 * in one synchronous step), so of any number of concurrent consumers exactly one wins.
 *
 * It implements both store interfaces of the product page on one record per `authorityHash`:
 * `consume(authority, consumerIdentity)` → boolean (`AuthorityConsumptionStore`; refuses a
 * malformed or tampered authority, a consumer other than its executor, or an authority expired
 * by the store's clock) and `consume({ authorityHash, executionId, consumerIdentity, consumedAt })`
 * → `ConsumptionResult` (`ExecutionConsumptionStore`). The two forms are told apart by the
 * number of arguments.
 *
 * @example
 * ```ts
 * const store = new InMemoryConsumptionStore();
 * await store.consume({ authorityHash, executionId, consumerIdentity, consumedAt });
 * ```
 */
export class InMemoryConsumptionStore
  implements ExecutionConsumptionStore, AuthorityConsumptionStore
{
  readonly #records = new Map<string, StoredConsumption>();
  readonly #clock: Clock | undefined;

  /**
   * @param options - optional `clock` for `consumedAt` and expiry
   * @throws ProvenanceError `PROV-021` for malformed options
   */
  constructor(options: ConsumptionStoreOptions = {}) {
    this.#clock = readStoreOptions(options, "InMemoryConsumptionStore").clock;
  }

  /**
   * Consumes once. Record form: resolves `{ consumed: true, consumedAt, consumerIdentity }` for
   * the winning call, `{ consumed: false, ... }` with the winner's details otherwise (and
   * `{ consumed: false }` for malformed input).
   */
  consume(input: ExecutionConsumptionInput): Promise<ConsumptionResult>;
  /** Consumes once. Authority form: resolves true only for the call that consumed it. */
  consume(authority: ExecutionAuthority, consumerIdentity: string): Promise<boolean>;
  consume(...args: unknown[]): Promise<ConsumptionResult | boolean> {
    // Everything runs synchronously before the promise is returned: that is the atomicity.
    const call = classifyConsumption(args, readStoreClock(this.#clock));
    const record = call.record;
    if (record === undefined)
      return Promise.resolve(call.form === "authority" ? false : { consumed: false });
    const existing = this.#records.get(record.authorityHash);
    if (existing !== undefined) {
      return Promise.resolve(
        call.form === "authority" ? false : toConsumptionResult(existing, false),
      );
    }
    this.#records.set(record.authorityHash, record);
    return Promise.resolve(call.form === "authority" ? true : toConsumptionResult(record, true));
  }

  /**
   * @param authorityHash - the consumed authority's hash
   * @returns the record (`consumed: true`), or null when never consumed
   * @throws ProvenanceError `PROV-033` when `authorityHash` is not a `sha256:` hash
   */
  get(authorityHash: string): Promise<ConsumptionResult | null> {
    try {
      const record = this.#records.get(
        requireAuthorityHash(authorityHash, "InMemoryConsumptionStore.get"),
      );
      return Promise.resolve(record === undefined ? null : toConsumptionResult(record, true));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * @param authority - the authority
   * @returns `"invalid"` (malformed or tampered), `"consumed"`, `"expired"` (store clock at or past
   *   `expiresAt`) or `"available"`
   * @throws ProvenanceError `PROV-021` when the injected clock misbehaves
   */
  getStatus(authority: ExecutionAuthority): Promise<AuthorityConsumptionStatus> {
    try {
      const intact = authorityForStatus(authority);
      if (intact === undefined) return Promise.resolve("invalid");
      if (this.#records.has(intact.authority.authorityHash)) return Promise.resolve("consumed");
      const now = requireStoreClock(this.#clock, "InMemoryConsumptionStore.getStatus");
      return Promise.resolve(now >= intact.expiresAtMs ? "expired" : "available");
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
