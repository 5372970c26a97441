import { afterEach, expect, it } from "vitest";
import {
  compilePolicy,
  executeFromSignals,
  InvariantError,
  MemoryPolicyRegistry,
  ParmanaError,
  ReplayError,
  StoreError,
} from "@parmanasystems/core";
import { PostgresReplayStore } from "@parmanasystems/audit-db";
import { CLAIMS_POLICY, claimSignals, claimsIssuer } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

forEachEngine("PostgresReplayStore (fenced)", (engine) => {
  let opened: OpenedDb;
  let stores: PostgresReplayStore[] = [];
  afterEach(async () => {
    for (const store of stores) await store.close();
    stores = [];
    await opened?.dispose();
  });
  function store(
    options: ConstructorParameters<typeof PostgresReplayStore>[1] = {},
  ): PostgresReplayStore {
    const s = new PostgresReplayStore(opened.another(), options);
    stores.push(s);
    return s;
  }

  it("reserve, confirm, hasExecuted; a taken key is INV-013", async () => {
    opened = await engine.open();
    const s = store();
    const token = await s.reserve("k1");
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await s.hasExecuted("k1")).toBe(false);
    await expectRejectsParmanaError(
      s.reserve("k1"),
      "INV-013",
      ReplayError,
      /^\[INV-013\] Replay detected: k1$/,
    );
    await s.confirm("k1", token);
    await s.confirm("k1", token); // idempotent for its own token
    expect(await s.hasExecuted("k1")).toBe(true);
    await expectRejectsParmanaError(s.reserve("k1"), "INV-013", ReplayError);
    await s.markExecuted("k2");
    expect(await s.hasExecuted("k2")).toBe(true);
  });

  it("fences: a lapsed reservation cannot confirm or release the new holder's key (INV-REPLAY-003)", async () => {
    opened = await engine.open();
    let now = new Date("2026-01-01T00:00:00.000Z");
    const s = store({ reservationTtlMs: 1000, clock: () => now });
    const slow = await s.reserve("k");
    now = new Date(now.getTime() + 1500); // the slow attempt's reservation lapses
    await expectRejectsParmanaError(
      s.confirm("k", slow),
      "INV-REPLAY-003",
      InvariantError,
      /its reservation expired/,
    );
    const fast = await s.reserve("k");
    expect(fast).not.toBe(slow);
    await s.release("k", slow); // no-op: not the holder
    await expectRejectsParmanaError(
      s.confirm("k", slow),
      "INV-REPLAY-003",
      InvariantError,
      /another attempt holds it now/,
    );
    await s.confirm("k", fast);
    await expectRejectsParmanaError(
      s.confirm("k", slow),
      "INV-REPLAY-003",
      InvariantError,
      /another attempt confirmed it/,
    );
    expect(await s.hasExecuted("k")).toBe(true);
  });

  it("release frees a reservation at once; confirm after release is refused", async () => {
    opened = await engine.open();
    const s = store();
    const first = await s.reserve("r");
    await s.release("r", first);
    await expectRejectsParmanaError(
      s.confirm("r", first),
      "INV-REPLAY-003",
      InvariantError,
      /released/,
    );
    const second = await s.reserve("r");
    await s.confirm("r", second);
    await s.release("r", second); // confirmed keys stay decided
    expect(await s.hasExecuted("r")).toBe(true);
    await expectRejectsParmanaError(
      s.confirm("never"),
      "INV-REPLAY-003",
      InvariantError,
      /never reserved/,
    );
  });

  it("refuses bad keys with INV-REPLAY-004 and bad options with STORE-001", async () => {
    opened = await engine.open();
    const s = store();
    for (const key of ["", "a\u0000b", 7, null]) {
      await expectRejectsParmanaError(s.reserve(key as never), "INV-REPLAY-004", InvariantError);
    }
    expect(() => new PostgresReplayStore(opened.db, { reservationTtl: 5 } as never)).toThrow(
      /\[STORE-001\] PostgresReplayStore has no option "reservationTtl"/,
    );
    expect(() => new PostgresReplayStore(opened.db, { reservationTtlMs: -1 })).toThrow(StoreError);
  });

  it("exactly once under 1,000 concurrent executeFromSignals calls for one transaction", async () => {
    opened = await engine.open();
    const s = store();
    const issuer = claimsIssuer();
    const compiled = compilePolicy(CLAIMS_POLICY);
    const policies = new MemoryPolicyRegistry([compiled.policy!]);
    const input = {
      executionId: "claim-once",
      policyId: "claims-approval",
      policyVersion: "1.0.0",
      signals: { ...claimSignals(7) },
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, () =>
        executeFromSignals(input, issuer.signer, issuer.verifier, { replayStore: s, policies }),
      ),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(999);
    for (const o of lost) {
      expect(ParmanaError.isInstance(o.reason) && o.reason.code).toBe("INV-013");
    }
    expect(await s.hasExecuted("claims-approval:claim-once")).toBe(true);
  });

  it("reads a clock that returns epoch milliseconds; one that reads no instant is INV-REPLAY-005", async () => {
    opened = await engine.open();
    let now = Date.UTC(2026, 0, 1);
    const s = store({ reservationTtlMs: 1000, clock: () => now });
    const slow = await s.reserve("ms");
    now += 1500; // the reservation lapses on the injected clock, not the database's
    await expectRejectsParmanaError(s.confirm("ms", slow), "INV-REPLAY-003", InvariantError);
    for (const reading of [Number.NaN, new Date(Number.NaN), "2026-01-01T00:00:00Z"]) {
      const broken = store({ clock: (() => reading) as never });
      const error = await expectRejectsParmanaError(
        broken.reserve("bad-clock"),
        "INV-REPLAY-005",
        InvariantError,
        /clock returned an invalid Date/,
      );
      expect(error.retryable).toBe(false);
    }
  });

  it("fails closed with INV-REPLAY-005 (retryable) when the database cannot answer", async () => {
    opened = await engine.open();
    const s = store();
    await s.reserve("before-close");
    if (engine.name === "pglite") await opened.db.close();
    const broken = new PostgresReplayStore(
      engine.name === "postgres" ? "postgres://postgres@127.0.0.1:1/none" : opened.db,
    );
    stores.push(broken);
    const error = await expectRejectsParmanaError(
      broken.reserve("k"),
      engine.name === "postgres" ? "INV-REPLAY-005" : "STORE-005",
    );
    if (engine.name === "postgres") expect(error.retryable).toBe(true);
  });
});
