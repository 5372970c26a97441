// Seed 000 (adapters guide), "Wiring it together" and "Lambda integration", verbatim apart from
// key setup: LocalSigner/LocalVerifier with a generated key stand in for KMSSigner/KMSVerifier,
// and MemoryReplayStore for DynamoReplayStore.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeFromSignals, verifyAttestation } from "@parmanasystems/core";
import {
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryReplayStore,
} from "@parmanasystems/core";
import type { ReplayStore, Signer, Verifier } from "@parmanasystems/core";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const { privateKeyPem, publicKeyPem } = generateKeyPair();

beforeAll(() => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("seed: adapters guide", () => {
  it("Wiring it together: decides the loan and verifies it locally", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);

    async function main() {
      const signer = new LocalSigner(privateKeyPem);
      const verifier = new LocalVerifier(publicKeyPem);
      const store = new MemoryReplayStore();

      const attestation = await executeFromSignals(
        {
          policyId: "loan-approval",
          policyVersion: "1.0.0",
          signals: { credit_score: 720, loan_amount: 15000 },
        },
        signer,
        verifier,
        store,
      );

      console.log(attestation.decision);
      // { action: "approve", requires_override: false, reason: "Credit score meets standard threshold." }

      // Verify locally - no round trip needed
      const result = await verifyAttestation(attestation, verifier);
      console.log(result.valid); // true
    }

    await main();
    expect(log.mock.calls).toEqual([
      [
        {
          action: "approve",
          requires_override: false,
          reason: "Credit score meets standard threshold.",
        },
      ],
      [true],
    ]);
    log.mockRestore();
  });

  it("Lambda integration: the handler decides payment-approval and returns decision, id and signature", async () => {
    // Initialize once outside the handler
    const signer = new LocalSigner(privateKeyPem);
    const verifier = new LocalVerifier(publicKeyPem);
    const store = new MemoryReplayStore();

    const handler = async (event: { signals: Record<string, unknown> }) => {
      const attestation = await executeFromSignals(
        {
          policyId: "payment-approval",
          policyVersion: "1.0.0",
          signals: event.signals,
        },
        signer,
        verifier,
        store,
      );

      return {
        decision: attestation.decision,
        executionId: attestation.executionId,
        signature: attestation.signature,
      };
    };

    const response = await handler({
      signals: { amount: 2500, currency: "INR", merchant_risk: "low", merchant_id: "M-1001" },
    });
    expect(typeof response.decision.action).toBe("string");
    expect(response.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(response.signature, "base64")).toHaveLength(64);
  });

  it("the guide's interfaces accept the guide's custom implementations", () => {
    // Type-level: classes shaped like the guide's KMS/Vault/Redis examples satisfy the interfaces.
    class GuideSigner implements Signer {
      async sign(payload: string): Promise<string> {
        return Buffer.from(payload).toString("base64");
      }
    }
    class GuideVerifier implements Verifier {
      async verify(_payload: string, _signature: string): Promise<boolean> {
        return false;
      }
    }
    class GuideStore implements ReplayStore {
      readonly #keys = new Map<string, string>();
      async reserve(fingerprint: string): Promise<void> {
        if (this.#keys.has(fingerprint))
          throw new Error(`[INV-013] Replay detected: ${fingerprint}`);
        this.#keys.set(fingerprint, "reserved");
      }
      async confirm(fingerprint: string): Promise<void> {
        this.#keys.set(fingerprint, "confirmed");
      }
      async hasExecuted(fingerprint: string): Promise<boolean> {
        return this.#keys.get(fingerprint) === "confirmed";
      }
      async markExecuted(fingerprint: string): Promise<void> {
        await this.confirm(fingerprint);
      }
    }
    expect([new GuideSigner(), new GuideVerifier(), new GuideStore()]).toHaveLength(3);
  });

  it("a guide-style store (plain Error on replay) refuses the second decision with a ReplayError", async () => {
    class GuideStore implements ReplayStore {
      readonly #keys = new Map<string, string>();
      async reserve(fingerprint: string): Promise<void> {
        if (this.#keys.has(fingerprint))
          throw new Error(`[INV-013] Replay detected: ${fingerprint}`);
        this.#keys.set(fingerprint, "reserved");
      }
      async confirm(fingerprint: string): Promise<void> {
        this.#keys.set(fingerprint, "confirmed");
      }
      async hasExecuted(fingerprint: string): Promise<boolean> {
        return this.#keys.get(fingerprint) === "confirmed";
      }
      async markExecuted(fingerprint: string): Promise<void> {
        await this.confirm(fingerprint);
      }
    }
    const store = new GuideStore();
    const signer = new LocalSigner(privateKeyPem);
    const verifier = new LocalVerifier(publicKeyPem);
    const input = {
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720, loan_amount: 15000 },
    };
    const attestation = await executeFromSignals(input, signer, verifier, store);
    expect(await store.hasExecuted(attestation.execution_fingerprint)).toBe(true);
    await expect(executeFromSignals(input, signer, verifier, store)).rejects.toMatchObject({
      name: "ReplayError",
      code: "INV-013",
      message: `[INV-013] Replay detected: ${attestation.execution_fingerprint}`,
    });
  });
});
