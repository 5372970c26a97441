// verifyAttestation of @parmanasystems/verify beyond the corpus: misuse is refused with codes,
// options trust runtimes as core's do, and hostile input is reported, never thrown.
import { computeRuntimeHash, getRuntimeManifest } from "@parmanasystems/core";
import { InvariantError, verifyAttestation } from "@parmanasystems/verify";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../helpers/corpus.js";

const corpus = loadCorpus();
const attestation = corpus.cases.find(
  (item) => item.id === "attestation/trust-root/root-trusted-runtime",
)?.input["attestation"] as Record<string, unknown>;
const valid = corpus.cases.find((item) => item.id === "attestation/ed25519/valid")?.input[
  "attestation"
] as Record<string, unknown>;
const pem = corpus.keys["ed25519-a"]?.publicKeyPem as string;
const rootPem = corpus.keys["ed25519-a"]?.publicKeyPem as string;

async function rejection(promise: Promise<unknown>): Promise<InvariantError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvariantError);
  return error as InvariantError;
}

describe("verifyAttestation (WebCrypto)", () => {
  it("refuses a missing key with INV-EXEC-002", async () => {
    const error = await rejection(verifyAttestation(valid, undefined as never));
    expect(error.code).toBe("INV-EXEC-002");
    expect(error.message).toBe(
      "[INV-EXEC-002] verifyAttestation needs a public key or a trust root, got undefined",
    );
  });

  it("refuses unknown and unsupported options with INV-VERIFY-031, bad shapes with INV-EXEC-003", async () => {
    const typo = await rejection(verifyAttestation(valid, pem, { trustroot: {} } as never));
    expect(typo.code).toBe("INV-VERIFY-031");
    expect(typo.message).toBe('[INV-VERIFY-031] unknown verifyAttestation option "trustroot"');
    const policy = await rejection(verifyAttestation(valid, pem, { policy: {} } as never));
    expect(policy.message).toMatch(
      /^\[INV-VERIFY-031\] verifyAttestation option policy is not supported by @parmanasystems\/verify/,
    );
    const list = await rejection(verifyAttestation(valid, pem, { trustedRuntimes: "x" } as never));
    expect(list.code).toBe("INV-EXEC-003");
    const scalar = await rejection(verifyAttestation(valid, pem, 5 as never));
    expect(scalar.code).toBe("INV-EXEC-003");
  });

  it("trusts a runtime given by identity, by manifest or by hash, as core does", async () => {
    const runtime = { runtimeVersion: "9.9.9", runtimeHash: attestation["runtimeHash"] as string };
    // Signed by a trust-root key: with the bare key the signature fails, but the runtime check is what matters here.
    const untrusted = await verifyAttestation(attestation, rootPem);
    expect(untrusted.checks.runtime_verified).toBe(false);
    expect((await verifyAttestation(attestation, rootPem, runtime)).checks.runtime_verified).toBe(
      true,
    );
    expect(
      (await verifyAttestation(attestation, rootPem, { trustedRuntimes: [runtime] })).checks
        .runtime_verified,
    ).toBe(true);
    expect(
      (
        await verifyAttestation(attestation, rootPem, {
          trustedRuntimeHashes: [runtime.runtimeHash],
        })
      ).checks.runtime_verified,
    ).toBe(true);
    const manifest = getRuntimeManifest();
    const byManifest = await verifyAttestation(
      {
        ...valid,
        runtimeHash: computeRuntimeHash(manifest),
        runtimeVersion: manifest.runtimeVersion,
      },
      pem,
      { runtimeManifests: [manifest] },
    );
    expect(byManifest.checks.runtime_verified).toBe(true);
    expect(byManifest.checks.signature_verified).toBe(false);
  });

  it("reports a cyclic or deeply nested attestation instead of throwing", async () => {
    const cyclic: Record<string, unknown> = { ...valid };
    cyclic["provenance"] = cyclic;
    const result = await verifyAttestation(cyclic, pem);
    expect(result.valid).toBe(false);
    expect(
      result.errors.some((error) =>
        error.startsWith("[INV-VERIFY-001] the attestation is not plain JSON: [CANONICAL-004]"),
      ),
    ).toBe(true);
    let deep: unknown = 1;
    for (let depth = 0; depth < 20_000; depth++) deep = [deep];
    const nested = await verifyAttestation({ ...valid, decision: deep }, pem);
    expect(nested.valid).toBe(false);
    expect(nested.checks.governed).toBe(false);
  });
});
