import { describe, expect, it } from "vitest";
import {
  InMemoryConsumptionStore,
  consumeExecutionAuthority,
  verifyAuthorityConsumption,
  type AuthorityConsumptionStore,
} from "@parmanasystems/provenance";
import { AUTHORITY_EXPIRES, EXECUTOR, testAuthority } from "../helpers/lifecycle-fixtures.js";

const NOW = "2024-05-01T10:01:00.000Z";

/** A store whose clock is fixed inside the authority's window. */
function store(): InMemoryConsumptionStore {
  return new InMemoryConsumptionStore({ clock: () => new Date(NOW) });
}

describe("consumeExecutionAuthority", () => {
  it("consumes once: true, then false", async () => {
    const s = store();
    const token = testAuthority();
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      }),
    ).toBe(true);
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      }),
    ).toBe(false);
  });

  it("lets exactly one of 500 concurrent consumers through", async () => {
    const s = store();
    const token = testAuthority();
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        consumeExecutionAuthority({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: s,
          currentTime: NOW,
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("keeps authorities independent", async () => {
    const s = store();
    expect(
      await consumeExecutionAuthority({
        authority: testAuthority("a"),
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      }),
    ).toBe(true);
    expect(
      await consumeExecutionAuthority({
        authority: testAuthority("b"),
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      }),
    ).toBe(true);
  });

  it("returns false at expiresAt and after, true 1 ms before", async () => {
    const token = testAuthority();
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: store(),
        currentTime: AUTHORITY_EXPIRES,
      }),
    ).toBe(false);
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: store(),
        currentTime: "2024-05-01T10:05:00.001Z",
      }),
    ).toBe(false);
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: store(),
        currentTime: "2024-05-01T10:04:59.999Z",
      }),
    ).toBe(true);
  });

  it("returns false for another consumer, and leaves the authority available", async () => {
    const s = store();
    const token = testAuthority();
    expect(
      await consumeExecutionAuthority({
        authority: token,
        consumerIdentity: "intruder",
        store: s,
        currentTime: NOW,
      }),
    ).toBe(false);
    expect(await s.getStatus(token)).toBe("available");
  });

  it("returns false for a tampered authority without touching the store", async () => {
    let calls = 0;
    const spy: AuthorityConsumptionStore = {
      consume: () => {
        calls += 1;
        return true;
      },
      getStatus: () => "available",
    };
    const tampered = { ...testAuthority(), authorizedAction: "refund" };
    expect(
      await consumeExecutionAuthority({
        authority: tampered,
        consumerIdentity: EXECUTOR,
        store: spy,
        currentTime: NOW,
      }),
    ).toBe(false);
    expect(calls).toBe(0);
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error("down");
      },
    ],
    ["rejects", () => Promise.reject(new Error("down"))],
    ["answers a truthy non-boolean", () => "yes"],
    ["answers 1", () => 1],
    ["never returns a boolean", () => undefined],
  ])("fails closed when the store %s", async (_name, consume) => {
    const broken = {
      consume,
      getStatus: () => "available",
    } as unknown as AuthorityConsumptionStore;
    expect(
      await consumeExecutionAuthority({
        authority: testAuthority(),
        consumerIdentity: EXECUTOR,
        store: broken,
        currentTime: NOW,
      }),
    ).toBe(false);
  });

  it("never throws for bad input", async () => {
    const token = testAuthority();
    const inputs: unknown[] = [
      undefined,
      null,
      "x",
      { authority: token, consumerIdentity: EXECUTOR },
      { authority: token, consumerIdentity: EXECUTOR, store: {} },
      { authority: token, consumerIdentity: "", store: store() },
      { authority: token, consumerIdentity: EXECUTOR, store: store(), currentTime: "noon" },
      { authority: null, consumerIdentity: EXECUTOR, store: store() },
    ];
    for (const value of inputs) expect(await consumeExecutionAuthority(value as never)).toBe(false);
  });
});

describe("verifyAuthorityConsumption", () => {
  it("allows an available authority without consuming it", async () => {
    const s = store();
    const token = testAuthority();
    const input = { authority: token, consumerIdentity: EXECUTOR, store: s, currentTime: NOW };
    expect(await verifyAuthorityConsumption(input)).toEqual({
      allowed: true,
      reasons: [],
      status: "available",
    });
    expect(await verifyAuthorityConsumption(input)).toEqual({
      allowed: true,
      reasons: [],
      status: "available",
    });
    expect(await consumeExecutionAuthority(input)).toBe(true);
    expect(await verifyAuthorityConsumption(input)).toEqual({
      allowed: false,
      reasons: ["authority was already consumed"],
      status: "consumed",
    });
  });

  it("reports expiry at the exact boundary", async () => {
    const token = testAuthority();
    expect(
      await verifyAuthorityConsumption({
        authority: token,
        consumerIdentity: EXECUTOR,
        store: store(),
        currentTime: AUTHORITY_EXPIRES,
      }),
    ).toEqual({
      allowed: false,
      reasons: [`authority expired at ${AUTHORITY_EXPIRES}`],
      status: "expired",
    });
    expect(
      (
        await verifyAuthorityConsumption({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: store(),
          currentTime: "2024-05-01T10:04:59.999Z",
        })
      ).allowed,
    ).toBe(true);
  });

  it("says consumed rather than expired when both hold", async () => {
    const s = store();
    const token = testAuthority();
    await consumeExecutionAuthority({
      authority: token,
      consumerIdentity: EXECUTOR,
      store: s,
      currentTime: NOW,
    });
    expect(
      (
        await verifyAuthorityConsumption({
          authority: token,
          consumerIdentity: EXECUTOR,
          store: s,
          currentTime: AUTHORITY_EXPIRES,
        })
      ).status,
    ).toBe("consumed");
  });

  it("marks a tampered authority invalid without asking the store", async () => {
    let asked = false;
    const spy: AuthorityConsumptionStore = {
      consume: () => true,
      getStatus: () => ((asked = true), "available"),
    };
    const result = await verifyAuthorityConsumption({
      authority: { ...testAuthority(), executorIdentity: "x" },
      consumerIdentity: "x",
      store: spy,
      currentTime: NOW,
    });
    expect(result.allowed).toBe(false);
    expect(result.status).toBe("invalid");
    expect(result.reasons).toContain(
      "authority.authorityHash does not match the authority's fields (tampered)",
    );
    expect(asked).toBe(false);
  });

  it("names an executor mismatch", async () => {
    const result = await verifyAuthorityConsumption({
      authority: testAuthority(),
      consumerIdentity: "intruder",
      store: store(),
      currentTime: NOW,
    });
    expect(result).toEqual({
      allowed: false,
      reasons: [`executor mismatch: authority is bound to "${EXECUTOR}", consumer is "intruder"`],
      status: "available",
    });
  });

  it("fails closed with status invalid when the store throws, rejects or answers nonsense", async () => {
    const stores = [
      { consume: () => false, getStatus: () => Promise.reject(new Error("ECONNREFUSED")) },
      {
        consume: () => false,
        getStatus: () => {
          throw new Error("boom");
        },
      },
      { consume: () => false, getStatus: () => "probably" },
    ] as unknown as AuthorityConsumptionStore[];
    const reasons = [];
    for (const s of stores) {
      const result = await verifyAuthorityConsumption({
        authority: testAuthority(),
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      });
      expect(result.allowed).toBe(false);
      expect(result.status).toBe("invalid");
      reasons.push(result.reasons);
    }
    expect(reasons).toEqual([
      ["consumption store failed, failing closed: ECONNREFUSED"],
      ["consumption store failed, failing closed: boom"],
      ['consumption store returned an unknown status "probably", failing closed'],
    ]);
  });

  it("passes through a store's own expired or invalid status", async () => {
    for (const status of ["expired", "invalid"] as const) {
      const s: AuthorityConsumptionStore = { consume: () => false, getStatus: () => status };
      const result = await verifyAuthorityConsumption({
        authority: testAuthority(),
        consumerIdentity: EXECUTOR,
        store: s,
        currentTime: NOW,
      });
      expect(result.allowed).toBe(false);
      expect(result.status).toBe(status);
      expect(result.reasons).toEqual([`consumption store reports the authority ${status}`]);
    }
  });

  it("never throws for bad input", async () => {
    for (const value of [undefined, null, 1, { store: store() }]) {
      const result = await verifyAuthorityConsumption(value as never);
      expect(result.allowed).toBe(false);
      expect(result.status).toBe("invalid");
      expect(result.reasons.length).toBeGreaterThan(0);
    }
  });
});
