// Vault crashes and comes back (the Transit-compatible server stops listening, dropping every
// connection, then restarts on the same port with the same keys). Proves that signing fails
// closed within its deadline with a retryable error and recovers by itself, that local
// verification carries on through the outage (no network per call), and that remote
// verification reports the outage instead of calling the signature bad.
import type { ParmanaError } from "@parmanasystems/core";
import { SignatureError } from "@parmanasystems/core";
import { expect, it } from "vitest";
import { VaultSigner, VaultVerifier } from "../src/index.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { attestationLikeInput } from "./helpers/signing-inputs.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;

useTransitServer((server) => {
  vault = server;
});

it("fails closed while Vault is down and recovers when it is back, with no restart of ours", async () => {
  const connection = {
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
    timeoutMs: 500,
  };
  const signer = await new VaultSigner(connection).ready();
  const diagnostics: ParmanaError[] = [];
  const local = await new VaultVerifier(connection).ready();
  const remote = new VaultVerifier({
    ...connection,
    mode: "remote",
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  });
  const payload = attestationLikeInput(signer.signerKeyId, "before");
  const signature = await signer.sign(payload);

  await vault.stop();
  const started = performance.now();
  const error = await expectRejectsParmanaError(
    signer.sign(attestationLikeInput(signer.signerKeyId, "during")),
    "SIG-005",
    SignatureError,
    /Vault did not answer the sign request: the request failed \(ECONNREFUSED\)/,
  );
  expect(error.retryable).toBe(true);
  expect(performance.now() - started).toBeLessThan(1_500);
  // Local verification needs no Vault.
  expect(await local.verify(payload, signature)).toBe(true);
  // Remote verification cannot answer: false, and the diagnostic says why.
  expect(await remote.verify(payload, signature)).toBe(false);
  expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["SIG-010"]);
  expect(diagnostics[0]?.message).toMatch(
    /remote verification unavailable: the request failed \(ECONNREFUSED\)/,
  );

  await vault.restart();
  const after = attestationLikeInput(signer.signerKeyId, "after");
  const afterSignature = await signer.sign(after);
  expect(await local.verify(after, afterSignature)).toBe(true);
  expect(await remote.verify(after, afterSignature)).toBe(true);
  expect(diagnostics).toHaveLength(1);
});
