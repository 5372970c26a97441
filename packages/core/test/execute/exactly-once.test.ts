// Exactly once under faults: an attempt whose reservation lapsed while its signer stalled can
// neither return an attestation nor free another attempt's reservation, and a hung dependency
// fails the call closed within its deadline.
import { describe, expect, it } from "vitest";
import {
  executeFromSignals,
  InvariantError,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  ParmanaError,
  ReplayError,
  verifyAttestation,
  type ExecutionAttestation,
  type ReplayStore,
  type ReservationToken,
  type Signer,
  type Verifier,
} from "@parmanasystems/core";
import { LOAN_POLICY, LOAN_SIGNALS, makeKeys } from "../helpers/decision-loop-fixtures.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const keys = makeKeys();
const policies = new MemoryPolicyRegistry([LOAN_POLICY]);
const input = (executionId: string) => ({
  executionId,
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals: LOAN_SIGNALS,
});
const KEY = "loan-approval:loan-app-42";

/** Decides `executionId` against `store` within `timeoutMs`, expecting the reserve's deadline to fail it. */
async function expectReserveDeadline(
  executionId: string,
  store: ReplayStore,
  timeoutMs: number,
): Promise<void> {
  await expectRejectsParmanaError(
    executeFromSignals(input(executionId), keys.signer, keys.verifier, {
      replayStore: store,
      policies,
      timeoutMs,
    }),
    "INV-EXEC-004",
    InvariantError,
    /the replay store's reserve was still running/,
  );
}

/** A store whose reserve is `reserve`, recording every reserve and release it receives. */
function reserveRecordingStore(reserve: () => string | Promise<string>): {
  store: ReplayStore;
  calls: unknown[][];
} {
  const calls: unknown[][] = [];
  const store: ReplayStore = {
    reserve: (key) => {
      calls.push(["reserve", key]);
      return reserve();
    },
    confirm: () => undefined,
    hasExecuted: () => false,
    markExecuted: () => undefined,
    release: (key, token) => {
      calls.push(["release", key, token]);
    },
  };
  return { store, calls };
}

/** A signer that answers only when its gate is opened (a stalled KMS call, a GC pause). */
function stalledSigner(): {
  signer: Signer;
  called: Promise<void>;
  open: () => void;
  fail: () => void;
} {
  let markCalled!: () => void;
  const called = new Promise<void>((resolve) => (markCalled = resolve));
  let open!: () => void;
  let fail!: () => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error("KMS timeout"));
  });
  const signer: Signer = {
    signerKeyId: "stalled",
    async sign(payload) {
      markCalled();
      await gate;
      return keys.signer.sign(payload);
    },
  };
  return { signer, called, open, fail };
}

/** One attempt at deciding loan-app-42 with `signer`. */
function attempt(signer: Signer, store: ReplayStore): Promise<ExecutionAttestation> {
  return executeFromSignals(input("loan-app-42"), signer, keys.verifier, {
    replayStore: store,
    policies,
  });
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe("fenced reservations: one attestation per key whatever the timing", () => {
  it("an attempt whose reservation lapsed while its signer stalled returns no attestation (INV-REPLAY-003)", async () => {
    const time = clock();
    const store = new MemoryReplayStore({ now: time.now, reservationTtlSeconds: 300 });
    const a = stalledSigner();
    const attemptA = attempt(a.signer, store);
    await a.called;
    time.advance(301_000); // A's reservation expires while its signer stalls
    const b = await attempt(keys.signer, store);
    expect(verifyAttestation(b, keys.verifier).valid).toBe(true);
    a.open();
    const error = await expectRejectsParmanaError(
      attemptA,
      "INV-REPLAY-003",
      InvariantError,
      /loan-approval:loan-app-42.*confirmed by another reservation/,
    );
    expect(error.retryable).toBe(false);
    expect(store.status(KEY)).toBe("confirmed");
  });

  it("a late failing attempt cannot release another attempt's live reservation", async () => {
    const time = clock();
    const store = new MemoryReplayStore({ now: time.now, reservationTtlSeconds: 300 });
    const a = stalledSigner();
    const attemptA = attempt(a.signer, store);
    await a.called;
    time.advance(301_000);
    const b = stalledSigner();
    const attemptB = attempt(b.signer, store);
    await b.called;
    a.fail(); // A fails late and releases with its stale token: a no-op
    await expectRejectsParmanaError(attemptA, "SIG-005", ParmanaError, /KMS timeout/);
    expect(store.status(KEY)).toBe("reserved");
    // A third attempt still finds B's reservation.
    await expectRejectsParmanaError(
      attempt(keys.signer, store),
      "INV-013",
      ReplayError,
      "[INV-013] Replay detected: loan-approval:loan-app-42",
    );
    b.open();
    const attestation = await attemptB;
    expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
    expect(store.status(KEY)).toBe("confirmed");
  });

  it("1,000 concurrent attempts over 10 keys with signer delays straddling the TTL: exactly one attestation per key", async () => {
    // Virtual time: the store's clock and every delay follow one scheduler, so the interleaving
    // is the seeded one whatever the machine's load.
    const time = new VirtualTime();
    const ttlMs = 1_000;
    const store = new MemoryReplayStore({ now: time.now, reservationTtlSeconds: ttlMs / 1000 });
    const random = seeded(42);
    const attempts = Array.from({ length: 1000 }, async (_, index) => {
      const startMs = Math.floor(random() * 10 * ttlMs);
      const delayMs = Math.floor(random() * 2 * ttlMs); // about half stall past the TTL
      const signer: Signer = {
        signerKeyId: "slow",
        sign: async (payload) => {
          await time.sleep(delayMs);
          return keys.signer.sign(payload);
        },
      };
      await time.sleep(startMs);
      return executeFromSignals(input(`loan-${index % 10}`), signer, keys.verifier, {
        replayStore: store,
        policies,
      });
    });
    const settled = Promise.allSettled(attempts);
    await time.run();
    const results = await settled;
    const perKey = new Map<string, number>();
    let lapsed = 0;
    for (const result of results) {
      if (result.status === "fulfilled") {
        expect(verifyAttestation(result.value, keys.verifier).valid).toBe(true);
        perKey.set(result.value.executionId, (perKey.get(result.value.executionId) ?? 0) + 1);
      } else {
        const code = (result.reason as ParmanaError).code;
        expect(["INV-013", "INV-REPLAY-003"]).toContain(code);
        if (code === "INV-REPLAY-003") lapsed += 1;
      }
    }
    expect([...perKey.entries()].sort()).toEqual(
      Array.from({ length: 10 }, (_, key) => [`loan-${key}`, 1]),
    );
    // The scenario really exercised lapsed reservations.
    expect(lapsed).toBeGreaterThan(0);
    for (let key = 0; key < 10; key += 1)
      expect(store.status(`loan-approval:loan-${key}`)).toBe("confirmed");
  });
});

/** A clock and timers that advance only when the test says so, event by event. */
class VirtualTime {
  #now = Date.UTC(2026, 0, 1);
  readonly #timers: { at: number; seq: number; wake: () => void }[] = [];
  #seq = 0;
  readonly now = (): number => this.#now;

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.#timers.push({ at: this.#now + ms, seq: (this.#seq += 1), wake });
    });
  }

  /** Fires timers in time order, letting every promise chain settle between two of them. */
  async run(): Promise<void> {
    await settle();
    while (this.#timers.length > 0) {
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift()!;
      this.#now = next.at;
      next.wake();
      await settle();
    }
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("executeFromSignals with stores of every shape", () => {
  it("passes its own token to confirm and release, and confirm without one to a seed store", async () => {
    const calls: unknown[][] = [];
    const fenced = recordingStore(calls, "tok-1");
    await executeFromSignals(input("a"), keys.signer, keys.verifier, {
      replayStore: fenced,
      policies,
    });
    expect(calls).toEqual([
      ["reserve", "loan-approval:a"],
      ["confirm", "loan-approval:a", "tok-1"],
    ]);
    calls.length = 0;
    const seed = recordingStore(calls, undefined);
    await executeFromSignals(input("b"), keys.signer, keys.verifier, {
      replayStore: seed,
      policies,
    });
    expect(calls).toEqual([
      ["reserve", "loan-approval:b"],
      ["confirm", "loan-approval:b"],
    ]);
    calls.length = 0;
    await expectRejectsParmanaError(
      executeFromSignals(
        input("c"),
        { sign: () => Promise.reject(new Error("down")) },
        keys.verifier,
        {
          replayStore: fenced,
          policies,
        },
      ),
      "SIG-005",
    );
    expect(calls).toEqual([
      ["reserve", "loan-approval:c"],
      ["release", "loan-approval:c", "tok-1"],
    ]);
  });

  it("works with a synchronous fenced store and refuses a lapsed confirm from it", async () => {
    const store = new SyncFencedStore();
    const attestation = await executeFromSignals(input("sync-1"), keys.signer, keys.verifier, {
      replayStore: store,
      policies,
    });
    expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
    const a = stalledSigner();
    const attemptA = executeFromSignals(input("sync-2"), a.signer, keys.verifier, {
      replayStore: store,
      policies,
    });
    await a.called;
    store.expire("loan-approval:sync-2");
    await executeFromSignals(input("sync-2"), keys.signer, keys.verifier, {
      replayStore: store,
      policies,
    });
    a.open();
    const error = await expectRejectsParmanaError(attemptA, "INV-REPLAY-003", InvariantError);
    expect(error.retryable).toBe(false);
  });

  it("refuses a store whose reserve returns something other than a token (INV-REPLAY-006)", async () => {
    const calls: unknown[][] = [];
    const store = recordingStore(calls, 42 as never);
    await expectRejectsParmanaError(
      executeFromSignals(input("d"), keys.signer, keys.verifier, { replayStore: store, policies }),
      "INV-REPLAY-006",
      InvariantError,
      /returned number instead of a reservation token/,
    );
    expect(calls.map((call) => call[0])).toEqual(["reserve", "release"]);
  });
});

describe("executeFromSignals' deadline (timeoutMs)", () => {
  it("fails closed with INV-EXEC-004 when the signer hangs, releasing with its token", async () => {
    const store = new MemoryReplayStore();
    const started = performance.now();
    const error = await expectRejectsParmanaError(
      executeFromSignals(
        input("hang-1"),
        { sign: () => new Promise<string>(() => {}) },
        keys.verifier,
        {
          replayStore: store,
          policies,
          timeoutMs: 50,
        },
      ),
      "INV-EXEC-004",
      InvariantError,
      /within timeoutMs \(50 ms\): the signer or verifier was still running/,
    );
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(store.status("loan-approval:hang-1")).toBe("released");
  });

  it("fails closed when the verifier hangs", async () => {
    const store = new MemoryReplayStore();
    const hanging: Verifier = { verify: () => new Promise<boolean>(() => {}) };
    await expectRejectsParmanaError(
      executeFromSignals(input("hang-2"), keys.signer, hanging, {
        replayStore: store,
        policies,
        timeoutMs: 50,
      }),
      "INV-EXEC-004",
      InvariantError,
    );
    expect(store.status("loan-approval:hang-2")).toBe("released");
  });

  it("fails closed when a synchronous signer returns after the deadline", async () => {
    const store = new MemoryReplayStore();
    const slow: Signer = {
      sign(payload) {
        const until = performance.now() + 30;
        while (performance.now() < until);
        return keys.signer.sign(payload);
      },
    };
    await expectRejectsParmanaError(
      executeFromSignals(input("hang-3"), slow, keys.verifier, {
        replayStore: store,
        policies,
        timeoutMs: 10,
      }),
      "INV-EXEC-004",
    );
    expect(store.status("loan-approval:hang-3")).toBe("released");
  });

  it("fails closed when the store's reserve hangs, and releases a reservation that arrives late", async () => {
    let answer!: (token: string) => void;
    const { store, calls } = reserveRecordingStore(
      () => new Promise<string>((resolve) => (answer = resolve)),
    );
    await expectReserveDeadline("hang-4", store, 30);
    answer("late-token");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual([
      ["reserve", "loan-approval:hang-4"],
      ["release", "loan-approval:hang-4", "late-token"],
    ]);
  });

  it("releases a MemoryReplayStore reservation made after the deadline passed", async () => {
    // The store's clock stalls on its first reading, inside reserve: the reservation is made,
    // but only once the call's 5 ms are over.
    let stalled = false;
    const store = new MemoryReplayStore({
      now: () => {
        if (!stalled) {
          stalled = true;
          const until = performance.now() + 30;
          while (performance.now() < until);
        }
        return Date.now();
      },
    });
    await expectReserveDeadline("late-sync-1", store, 5);
    expect(stalled).toBe(true);
    expect(store.status("loan-approval:late-sync-1")).toBe("released");
  });

  it("releases a synchronous store's reservation that returns after the deadline", async () => {
    const { store, calls } = reserveRecordingStore(() => {
      const until = performance.now() + 30;
      while (performance.now() < until);
      return "sync-token";
    });
    await expectReserveDeadline("late-sync-2", store, 5);
    expect(calls).toEqual([
      ["reserve", "loan-approval:late-sync-2"],
      ["release", "loan-approval:late-sync-2", "sync-token"],
    ]);
  });

  it("fails closed when the store's confirm hangs", async () => {
    const store = new MemoryReplayStore();
    const hangingConfirm = Object.assign(Object.create(store) as MemoryReplayStore, {
      reserve: (key: string) => store.reserve(key),
      release: (key: string, token?: ReservationToken) => store.release(key, token),
      confirm: () => new Promise<void>(() => {}),
    });
    await expectRejectsParmanaError(
      executeFromSignals(input("hang-5"), keys.signer, keys.verifier, {
        replayStore: hangingConfirm,
        policies,
        timeoutMs: 50,
      }),
      "INV-EXEC-004",
      InvariantError,
      /confirm was still running/,
    );
    expect(store.status("loan-approval:hang-5")).toBe("released");
  });

  it("refuses a timeoutMs that is not a positive number of milliseconds", async () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "30" as never, 2 ** 31]) {
      const store = new MemoryReplayStore();
      await expectRejectsParmanaError(
        executeFromSignals(input("t"), keys.signer, keys.verifier, {
          replayStore: store,
          policies,
          timeoutMs,
        }),
        "INV-EXEC-003",
        InvariantError,
        /options.timeoutMs must be a number of milliseconds/,
      );
      expect(store.size).toBe(0);
    }
  });
});

describe("never sign what verifyAttestation would refuse (INV-EXEC-005)", () => {
  const cases: [string, Record<string, unknown>, Signer?][] = [
    ["a numeric signerKeyId option", { signerKeyId: 7 }],
    ["an empty signerKeyId option", { signerKeyId: "" }],
    ["an empty trustRootVersion", { trustRootVersion: "" }],
    ["a numeric trustRootVersion", { trustRootVersion: 3 }],
    [
      "a signer whose signerKeyId is empty",
      {},
      { signerKeyId: "", sign: (p) => keys.signer.sign(p) },
    ],
    [
      "a signer whose signerKeyId is a number",
      {},
      { signerKeyId: 12 as never, sign: (p) => keys.signer.sign(p) },
    ],
  ];
  for (const [name, options, signer] of cases) {
    it(`refuses ${name} before reserving`, async () => {
      const store = new MemoryReplayStore();
      await expectRejectsParmanaError(
        executeFromSignals(input("x"), signer ?? keys.signer, keys.verifier, {
          replayStore: store,
          policies,
          ...options,
        }),
        "INV-EXEC-005",
        InvariantError,
      );
      expect(store.size).toBe(0);
    });
  }

  it("refuses a runtime identity whose hashes verifyAttestation would refuse", async () => {
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      executeFromSignals(input("x"), keys.signer, keys.verifier, {
        replayStore: store,
        policies,
        runtime: {
          runtimeVersion: "1.0.0",
          runtimeHash: "abc",
          releaseManifestHash: "abc",
          evaluatorSemanticHash: "abc",
          evaluatorArtifactHash: "abc",
        },
      }),
      "INV-EXEC-005",
      InvariantError,
      /options.runtime.runtimeHash/,
    );
    expect(store.size).toBe(0);
  });

  for (const [name, at] of [
    ["before year 0", Date.UTC(-1, 0, 1)],
    ["after year 9999", Date.UTC(10000, 0, 1)],
  ] as const) {
    it(`refuses a clock ${name} (number and Date) before reserving`, async () => {
      const store = new MemoryReplayStore();
      for (const value of [at, new Date(at)]) {
        await expectRejectsParmanaError(
          executeFromSignals(input("x"), keys.signer, keys.verifier, {
            replayStore: store,
            policies,
            clock: () => value,
          }),
          "INV-EXEC-003",
          InvariantError,
          /between years 0000 and 9999/,
        );
      }
      expect(store.size).toBe(0);
    });
  }

  it("signs at the edges of the range, and the attestations verify", async () => {
    for (const at of [
      Date.parse("0000-01-01T00:00:00.000Z"),
      Date.parse("9999-12-31T23:59:59.999Z"),
    ]) {
      const store = new MemoryReplayStore();
      const attestation = await executeFromSignals(input("edge"), keys.signer, keys.verifier, {
        replayStore: store,
        policies,
        clock: () => new Date(at),
      });
      expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
    }
  });
});

/** A fenced store whose methods answer synchronously (the interface allows it). */
class SyncFencedStore implements ReplayStore {
  readonly #held = new Map<string, { token: string; confirmed: boolean }>();
  #next = 0;
  reserve(key: string): string {
    if (this.#held.has(key)) throw new ReplayError("INV-013", `Replay detected: ${key}`);
    const token = `t${(this.#next += 1)}`;
    this.#held.set(key, { token, confirmed: false });
    return token;
  }
  confirm(key: string, token?: string): void {
    const entry = this.#held.get(key);
    if (entry === undefined || (token !== undefined && entry.token !== token))
      throw new Error(`[INV-REPLAY-003] ${key} is not held by this token`);
    entry.confirmed = true;
  }
  hasExecuted(key: string): boolean {
    return this.#held.get(key)?.confirmed === true;
  }
  markExecuted(key: string): void {
    this.#held.set(key, { token: "", confirmed: true });
  }
  release(key: string, token?: string): void {
    const entry = this.#held.get(key);
    if (entry !== undefined && !entry.confirmed && entry.token === token) this.#held.delete(key);
  }
  /** The reservation lapses (its TTL passed). */
  expire(key: string): void {
    this.#held.delete(key);
  }
}

function recordingStore(calls: unknown[][], token: ReservationToken | undefined): ReplayStore {
  return {
    reserve: async (key) => {
      calls.push(["reserve", key]);
      return token;
    },
    confirm: async (...args: unknown[]) => {
      calls.push(["confirm", ...args]);
    },
    hasExecuted: async () => false,
    markExecuted: async () => undefined,
    release: async (...args: unknown[]) => {
      calls.push(["release", ...args]);
    },
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
