import { afterEach, describe, expect, it, vi } from "vitest";
import { InvariantError, MemoryReplayStore, ReplayError } from "@parmanasystems/core";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

describe("MemoryReplayStore reserve / confirm / hasExecuted", () => {
  it("reserves a fresh key and refuses a second reservation with INV-013 naming the key", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("loan-approval:app-1");
    await expectRejectsParmanaError(
      store.reserve("loan-approval:app-1"),
      "INV-013",
      ReplayError,
      /^\[INV-013\] Replay detected: loan-approval:app-1$/,
    );
  });

  it("reports hasExecuted only once confirmed", async () => {
    const store = new MemoryReplayStore();
    expect(await store.hasExecuted("k")).toBe(false);
    await store.reserve("k");
    expect(await store.hasExecuted("k")).toBe(false);
    expect(store.status("k")).toBe("reserved");
    await store.confirm("k");
    expect(await store.hasExecuted("k")).toBe(true);
    expect(store.status("k")).toBe("confirmed");
  });

  it("refuses to reserve a confirmed key", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("k");
    await store.confirm("k");
    await expectRejectsParmanaError(store.reserve("k"), "INV-013", ReplayError);
  });

  it("confirm is idempotent on a confirmed key", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("k");
    await store.confirm("k");
    await store.confirm("k");
    expect(await store.hasExecuted("k")).toBe(true);
  });

  it("refuses to confirm a key that was never reserved", async () => {
    const store = new MemoryReplayStore();
    await expectRejectsParmanaError(
      store.confirm("never"),
      "INV-REPLAY-003",
      InvariantError,
      /never reserved/,
    );
    expect(await store.hasExecuted("never")).toBe(false);
  });

  it("markExecuted records a key as decided without a reservation", async () => {
    const store = new MemoryReplayStore();
    await store.markExecuted("imported");
    expect(await store.hasExecuted("imported")).toBe(true);
    await expectRejectsParmanaError(store.reserve("imported"), "INV-013", ReplayError);
  });

  it.each([[""], [undefined], [null], [42], [{}]])(
    "rejects the key %j with INV-REPLAY-004",
    async (key) => {
      const store = new MemoryReplayStore();
      await expectRejectsParmanaError(
        store.reserve(key as string),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.confirm(key as string),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.hasExecuted(key as string),
        "INV-REPLAY-004",
        InvariantError,
      );
      expect(store.size).toBe(0);
    },
  );
});

describe("MemoryReplayStore atomicity", () => {
  it("lets exactly one of 1,000 concurrent reservations of one key succeed", async () => {
    const store = new MemoryReplayStore();
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, () => store.reserve("same")),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(999);
    for (const r of rejected) expect((r.reason as ReplayError).code).toBe("INV-013");
  });
});

describe("MemoryReplayStore TTLs", () => {
  it("lets an unconfirmed reservation expire after reservationTtlSeconds", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 300 });
    await store.reserve("k");
    clock.advance(299_999);
    await expectRejectsParmanaError(store.reserve("k"), "INV-013", ReplayError);
    clock.advance(1);
    expect(store.status("k")).toBe("unknown");
    await store.reserve("k");
    expect(store.status("k")).toBe("reserved");
  });

  it("refuses to confirm an expired reservation", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 10 });
    await store.reserve("k");
    clock.advance(10_000);
    await expectRejectsParmanaError(store.confirm("k"), "INV-REPLAY-003", InvariantError);
  });

  it("never expires a confirmed key", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 1 });
    await store.reserve("k");
    await store.confirm("k");
    clock.advance(10 * 365 * 86_400_000);
    expect(await store.hasExecuted("k")).toBe(true);
    await expectRejectsParmanaError(store.reserve("k"), "INV-013", ReplayError);
  });

  it("release frees the key at once and remembers it as released for failedTtlSeconds", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, failedTtlSeconds: 30 });
    await store.reserve("k");
    await store.release("k");
    expect(store.status("k")).toBe("released");
    await expectRejectsParmanaError(
      store.confirm("k"),
      "INV-REPLAY-003",
      InvariantError,
      /was released/,
    );
    clock.advance(30_000);
    expect(store.status("k")).toBe("unknown");
    await store.reserve("k");
    expect(store.status("k")).toBe("reserved");
  });

  it("a released key can be reserved again immediately", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("k");
    await store.release("k");
    await store.reserve("k");
    await store.confirm("k");
    expect(await store.hasExecuted("k")).toBe(true);
  });

  it("release never undoes a confirmation", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("k");
    await store.confirm("k");
    await store.release("k");
    expect(await store.hasExecuted("k")).toBe(true);
    await store.release("unknown-key");
    expect(store.status("unknown-key")).toBe("unknown");
  });
});

describe("MemoryReplayStore maxSize", () => {
  it("throws INV-REPLAY-002 without reserving when every entry is live", async () => {
    const store = new MemoryReplayStore({ maxSize: 2 });
    await store.reserve("a");
    await store.reserve("b");
    await expectRejectsParmanaError(
      store.reserve("c"),
      "INV-REPLAY-002",
      InvariantError,
      /maxSize 2/,
    );
    expect(store.status("c")).toBe("unknown");
    expect(store.size).toBe(2);
  });

  it("evicts expired reservations first", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ maxSize: 2, now: clock.now, reservationTtlSeconds: 5 });
    await store.reserve("old");
    clock.advance(4_000);
    await store.reserve("newer");
    clock.advance(1_000);
    await store.reserve("c");
    expect(store.status("old")).toBe("unknown");
    expect(store.status("newer")).toBe("reserved");
    expect(store.status("c")).toBe("reserved");
  });

  it("evicts released records before refusing", async () => {
    const store = new MemoryReplayStore({ maxSize: 2 });
    await store.reserve("a");
    await store.release("a");
    await store.reserve("b");
    await store.reserve("c");
    expect(store.status("a")).toBe("unknown");
    expect(store.size).toBe(2);
  });

  it("never evicts confirmed keys", async () => {
    const store = new MemoryReplayStore({ maxSize: 1 });
    await store.reserve("a");
    await store.confirm("a");
    await expectRejectsParmanaError(store.reserve("b"), "INV-REPLAY-002", InvariantError);
    expect(await store.hasExecuted("a")).toBe(true);
  });
});

describe("MemoryReplayStore options", () => {
  it.each([
    [{ maxSize: 0 }],
    [{ maxSize: 1.5 }],
    [{ reservationTtlSeconds: -1 }],
    [{ failedTtlSeconds: Number.NaN }],
    [{ now: 5 as unknown as () => number }],
  ])("rejects %j with INV-EXEC-003", (options) => {
    expectParmanaError(() => new MemoryReplayStore(options), "INV-EXEC-003", InvariantError);
  });
});

describe("MemoryReplayStore production warning", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  async function freshStoreClass(): Promise<typeof MemoryReplayStore> {
    vi.resetModules();
    const module = await import("../../src/replay/memory-replay-store.js");
    return module.MemoryReplayStore;
  }

  it("warns once per process when NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const Store = await freshStoreClass();
    new Store();
    new Store();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /MemoryReplayStore keeps replay state in this process only/,
    );
  });

  it("stays quiet with warnInProduction: false or outside production", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubEnv("NODE_ENV", "production");
    const Store = await freshStoreClass();
    new Store({ warnInProduction: false });
    vi.stubEnv("NODE_ENV", "test");
    new Store();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("MemoryReplayStore fencing tokens", () => {
  it("hands out a fresh random token per reservation", async () => {
    const store = new MemoryReplayStore();
    const tokens = new Set<string>();
    for (let index = 0; index < 100; index += 1) {
      const token = await store.reserve(`k${index}`);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      tokens.add(token);
    }
    expect(tokens.size).toBe(100);
  });

  it("confirms with the token that holds the key, idempotently", async () => {
    const store = new MemoryReplayStore();
    const token = await store.reserve("k");
    await store.confirm("k", token);
    await store.confirm("k", token);
    expect(store.status("k")).toBe("confirmed");
  });

  it("refuses a stale token once the reservation lapsed and another attempt holds the key", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 10 });
    const stale = await store.reserve("k");
    clock.advance(10_000);
    const fresh = await store.reserve("k");
    const error = await expectRejectsParmanaError(
      store.confirm("k", stale),
      "INV-REPLAY-003",
      InvariantError,
      "[INV-REPLAY-003] Cannot confirm k: it is held by another reservation (this attempt's reservation expired)",
    );
    expect(error.retryable).toBe(false);
    expect(store.status("k")).toBe("reserved");
    await store.confirm("k", fresh);
    await expectRejectsParmanaError(
      store.confirm("k", stale),
      "INV-REPLAY-003",
      InvariantError,
      "[INV-REPLAY-003] Cannot confirm k: it was confirmed by another reservation",
    );
    expect(store.status("k")).toBe("confirmed");
  });

  it("refuses a token after its reservation expired, even with nobody else holding the key", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 10 });
    const token = await store.reserve("k");
    clock.advance(10_000);
    const error = await expectRejectsParmanaError(
      store.confirm("k", token),
      "INV-REPLAY-003",
      InvariantError,
    );
    expect(error.retryable).toBe(false);
    expect(store.status("k")).toBe("unknown");
  });

  it("refuses the last reservation's token once its entry left the store, even when the clock goes back", async () => {
    // Expired and dropped on a read, then the clock moves back to before the expiry.
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 10 });
    const token = await store.reserve("k");
    clock.advance(10_000);
    expect(store.status("k")).toBe("unknown");
    clock.advance(-5_000);
    await expectRejectsParmanaError(
      store.confirm("k", token),
      "INV-REPLAY-003",
      InvariantError,
      "[INV-REPLAY-003] Cannot confirm k: it was never reserved or its reservation expired",
    );
    expect(store.status("k")).toBe("unknown");

    // Recorded as decided by markExecuted while the reservation was held.
    const marked = new MemoryReplayStore({ now: clock.now });
    const held = await marked.reserve("m");
    await marked.markExecuted("m");
    await expectRejectsParmanaError(
      marked.confirm("m", held),
      "INV-REPLAY-003",
      InvariantError,
      "[INV-REPLAY-003] Cannot confirm m: it was confirmed by another reservation",
    );

    // Evicted at capacity after it expired, then the clock moves back.
    const small = new MemoryReplayStore({ now: clock.now, maxSize: 1, reservationTtlSeconds: 10 });
    const evicted = await small.reserve("e");
    clock.advance(10_000);
    await small.reserve("other");
    clock.advance(-10_000);
    await expectRejectsParmanaError(small.confirm("e", evicted), "INV-REPLAY-003", InvariantError);
    expect(small.status("e")).toBe("unknown");

    // Released, then reserved again by another attempt: only the new token confirms.
    const again = new MemoryReplayStore({ now: clock.now });
    const first = await again.reserve("r");
    await again.release("r", first);
    const second = await again.reserve("r");
    await expectRejectsParmanaError(again.confirm("r", first), "INV-REPLAY-003", InvariantError);
    await again.confirm("r", second);
    expect(again.status("r")).toBe("confirmed");
    // The last reservation's token confirms only its own key.
    const last = await again.reserve("s");
    await expectRejectsParmanaError(again.confirm("t", last), "INV-REPLAY-003", InvariantError);
    await again.confirm("s", last);
    expect(again.status("s")).toBe("confirmed");
  });

  it("release with a stale token is a no-op: another attempt's reservation stays", async () => {
    const clock = manualClock();
    const store = new MemoryReplayStore({ now: clock.now, reservationTtlSeconds: 10 });
    const stale = await store.reserve("k");
    clock.advance(10_000);
    const fresh = await store.reserve("k");
    await store.release("k", stale);
    expect(store.status("k")).toBe("reserved");
    await expectRejectsParmanaError(store.reserve("k"), "INV-013", ReplayError);
    await store.release("k", fresh);
    expect(store.status("k")).toBe("released");
  });

  it("keeps the seed behaviour without a token: confirm and release act on whatever reservation holds the key", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("a");
    await store.confirm("a");
    expect(store.status("a")).toBe("confirmed");
    await store.reserve("b");
    await store.release("b");
    expect(store.status("b")).toBe("released");
  });

  it("refuses a token that is not a non-empty string (INV-REPLAY-004) and changes nothing", async () => {
    const store = new MemoryReplayStore();
    await store.reserve("k");
    for (const token of ["", 42, null]) {
      await expectRejectsParmanaError(
        store.confirm("k", token as never),
        "INV-REPLAY-004",
        InvariantError,
      );
      await expectRejectsParmanaError(
        store.release("k", token as never),
        "INV-REPLAY-004",
        InvariantError,
      );
    }
    expect(store.status("k")).toBe("reserved");
  });
});
