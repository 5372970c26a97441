// executeFromSignals calls a MemoryReplayStore and a LocalSigner/LocalVerifier pair without
// their public async or base64 methods when those are the class's own. These tests pin that the
// shortcut is taken only then: a subclass that overrides a method is called through it, the
// shortcut keeps the store's checks and state, and a pair whose halves do not match still fails.
import { describe, expect, it } from "vitest";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  verifyAttestation,
  type ReservationToken,
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

describe("MemoryReplayStore inside executeFromSignals", () => {
  it("reserves and confirms the key (a replay is refused, the key reads as confirmed)", async () => {
    const store = new MemoryReplayStore({ warnInProduction: false });
    const options = { replayStore: store, policies };
    const attestation = await executeFromSignals(input("a-1"), keys.signer, keys.verifier, options);
    expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
    expect(store.status("loan-approval:a-1")).toBe("confirmed");
    await expectRejectsParmanaError(
      executeFromSignals(input("a-1"), keys.signer, keys.verifier, options),
      "INV-013",
    );
  });

  it("calls a subclass's own reserve and confirm", async () => {
    const calls: string[] = [];
    class CountingStore extends MemoryReplayStore {
      override async reserve(key: string): Promise<ReservationToken> {
        calls.push(`reserve ${key}`);
        return super.reserve(key);
      }
      override async confirm(key: string, token?: ReservationToken): Promise<void> {
        calls.push(`confirm ${key}`);
        return super.confirm(key, token);
      }
    }
    const store = new CountingStore({ warnInProduction: false });
    await executeFromSignals(input("b-1"), keys.signer, keys.verifier, {
      replayStore: store,
      policies,
    });
    expect(calls).toEqual(["reserve loan-approval:b-1", "confirm loan-approval:b-1"]);
    expect(store.status("loan-approval:b-1")).toBe("confirmed");
  });

  it("calls an instance's replaced confirm, and fails closed when it refuses", async () => {
    const store = new MemoryReplayStore({ warnInProduction: false });
    store.confirm = async () => {
      throw new Error("[INV-REPLAY-003] lapsed");
    };
    await expectRejectsParmanaError(
      executeFromSignals(input("c-1"), keys.signer, keys.verifier, {
        replayStore: store,
        policies,
      }),
      "INV-REPLAY-003",
    );
    // The failed attempt released its reservation: the key is free again.
    expect(store.status("loan-approval:c-1")).toBe("released");
  });

  it("hands out distinct 22-character tokens across pool refills", async () => {
    const store = new MemoryReplayStore({ warnInProduction: false, maxSize: 10_000 });
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = await store.reserve(`key-${i}`);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      tokens.add(token);
    }
    expect(tokens.size).toBe(1000);
  });
});

describe("LocalSigner/LocalVerifier pair inside executeFromSignals", () => {
  it("refuses a verifier holding another key (SIG-006) and leaves the key free", async () => {
    const store = new MemoryReplayStore({ warnInProduction: false });
    const other = new LocalVerifier(generateKeyPair().publicKeyPem);
    await expectRejectsParmanaError(
      executeFromSignals(input("d-1"), keys.signer, other, { replayStore: store, policies }),
      "SIG-006",
    );
    expect(store.status("loan-approval:d-1")).toBe("released");
  });

  it("returns the signature the signer's sign() makes for the same signing input", async () => {
    const attestation = await executeFromSignals(input("e-1"), keys.signer, keys.verifier, {
      replayStore: new MemoryReplayStore({ warnInProduction: false }),
      policies,
    });
    const { signature, ...payload } = attestation;
    const { attestationSigningInput } = await import("@parmanasystems/core");
    // Ed25519 is deterministic: the public method gives the very same text.
    expect(keys.signer.sign(attestationSigningInput(payload))).toBe(signature);
    expect(keys.verifier.verify(attestationSigningInput(payload), signature)).toBe(true);
  });

  it("uses a subclass's own sign", async () => {
    let signed = 0;
    class CountingSigner extends LocalSigner {
      override sign(payload: string): string {
        signed++;
        return super.sign(payload);
      }
    }
    const signer = new CountingSigner(keys.privateKeyPem);
    await executeFromSignals(input("f-1"), signer, keys.verifier, {
      replayStore: new MemoryReplayStore({ warnInProduction: false }),
      policies,
    });
    expect(signed).toBe(1);
  });
});
