// The example Vault classes of the documented usage, verbatim (the copy docs-tests compiles:
// docs-tests/seeds/adapters-guide/vault.ts), against the same Transit-compatible server: they
// work until the first key rotation, then every new signature fails to verify, raising
// min_decryption_version makes every signature fail, executeFromSignals stops issuing
// attestations, and an outage looks like a bad signature. Each case shows the package's classes doing the right thing on the same server.
import { fileURLToPath } from "node:url";
import type { ParmanaError } from "@parmanasystems/core";
import { executeFromSignals, MemoryReplayStore, SignatureError } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { VaultSigner, VaultVerifier } from "../src/index.js";
import {
  VaultSigner as DocumentedSigner,
  VaultVerifier as DocumentedVerifier,
} from "../../../docs-tests/seeds/adapters-guide/vault.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { attestationLikeInput } from "./helpers/signing-inputs.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;
let documentedSigner: DocumentedSigner;
let documentedVerifier: DocumentedVerifier;

useTransitServer((server) => {
  vault = server;
  documentedSigner = new DocumentedSigner(vault.address, vault.rootToken, "parmana");
  documentedVerifier = new DocumentedVerifier(vault.address, vault.rootToken, "parmana");
});

describe("the documented classes, before any rotation", () => {
  it("sign and verify, with one Vault round trip per verification", async () => {
    const signature = await documentedSigner.sign("payload");
    vault.resetRequests();
    for (let index = 0; index < 3; index++) {
      expect(await documentedVerifier.verify("payload", signature)).toBe(true);
    }
    expect(vault.count("/verify/")).toBe(3);
    // Fix: the package verifies the same signature locally after one key read.
    const verifier = new VaultVerifier(vault.address, vault.rootToken, "parmana");
    vault.resetRequests();
    for (let index = 0; index < 3; index++) {
      expect(await verifier.verify("payload", signature)).toBe(true);
    }
    expect(vault.count("/verify/")).toBe(0);
    expect(vault.count("/keys/")).toBe(1);
  });
});

describe("where the documented classes break, and the fix", () => {
  it("after a rotation, every new signature fails: the verifier hard-codes vault:v1:", async () => {
    vault.rotate("parmana");
    const signature = await documentedSigner.sign("payload"); // made by v2, prefix stripped
    vault.resetRequests();
    expect(await documentedVerifier.verify("payload", signature)).toBe(false);
    expect(vault.requests[0]?.body?.["signature"]).toBe(`vault:v1:${signature}`);

    // Fix, remote: the version comes from the key (or the payload's signerKeyId), not a constant.
    const remote = new VaultVerifier({
      address: vault.address,
      keyName: "parmana",
      auth: { token: vault.rootToken },
      mode: "remote",
    });
    expect(await remote.verify("payload", signature)).toBe(true);
    // Fix, local: every served version's public key is cached.
    expect(
      await new VaultVerifier(vault.address, vault.rootToken, "parmana").verify(
        "payload",
        signature,
      ),
    ).toBe(true);
  });

  it("after min_decryption_version moves past 1, every signature fails, even the newest", async () => {
    vault.rotate("parmana");
    vault.configure("parmana", { minDecryptionVersion: 2 });
    const signature = await documentedSigner.sign("payload"); // v2: a current, valid signature
    expect(await documentedVerifier.verify("payload", signature)).toBe(false); // Vault: 400 too old

    const signer = await new VaultSigner(vault.address, vault.rootToken, "parmana").ready();
    const payload = attestationLikeInput(signer.signerKeyId);
    const fixed = await signer.sign(payload);
    expect(
      await new VaultVerifier(vault.address, vault.rootToken, "parmana").verify(payload, fixed),
    ).toBe(true);
  });

  it("an outage looks exactly like a bad signature; the package reports it", async () => {
    const signature = await documentedSigner.sign("payload");
    vault.setFault({ kind: "status", status: 503 }, { match: /verify/ });
    expect(await documentedVerifier.verify("payload", signature)).toBe(false); // and nothing else
    const diagnostics: ParmanaError[] = [];
    const remote = new VaultVerifier({
      address: vault.address,
      keyName: "parmana",
      auth: { token: vault.rootToken },
      mode: "remote",
      onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    });
    expect(await remote.verify("payload", signature)).toBe(false);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.details])).toEqual([
      ["SIG-010", { status: 503, vaultErrors: ["internal error"] }],
    ]);
  });

  it("after a rotation, executeFromSignals with the documented pair issues no attestation", async () => {
    const policiesRootPath = fileURLToPath(new URL("./fixtures/policies/", import.meta.url));
    const input = {
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720 },
    };
    const runtime = { policiesRootPath };
    const before = await executeFromSignals(
      { ...input, executionId: "before-rotation" },
      documentedSigner,
      documentedVerifier,
      runtime,
      new MemoryReplayStore({ warnInProduction: false }),
    );
    expect(before.signerKeyId).toBe("unspecified");

    vault.rotate("parmana");
    await expectRejectsParmanaError(
      executeFromSignals(
        { ...input, executionId: "after-rotation" },
        documentedSigner,
        documentedVerifier,
        runtime,
        new MemoryReplayStore({ warnInProduction: false }),
      ),
      "SIG-006",
      SignatureError,
    );

    // Fix: the package's pair keeps deciding, and names the version that signed.
    const attestation = await executeFromSignals(
      { ...input, executionId: "after-rotation" },
      await new VaultSigner(vault.address, vault.rootToken, "parmana").ready(),
      new VaultVerifier(vault.address, vault.rootToken, "parmana"),
      runtime,
      new MemoryReplayStore({ warnInProduction: false }),
    );
    expect(attestation.signerKeyId).toBe("vault:transit/parmana:v2");
    expect(attestation.decision.action).toBe("approve");
  });
});
