// verifyAttestation with a trust root: the key rotation scenario of issue 4 end to end.
import { describe, expect, it } from "vitest";
import {
  LocalVerifier,
  SIGNING_DOMAINS,
  canonicalizeForSigning,
  createTrustRoot,
  createTrustRootVerifier,
  rotateTrustRoot,
  verifyAttestation,
  walkTrustChain,
  type ExecutionAttestation,
  type TrustRoot,
} from "@parmanasystems/core";
import { fixtureAttestation, fixtureKey, trustKey } from "../helpers/trust-fixtures.js";

const k1 = fixtureKey(1, "k1");
const k2 = fixtureKey(2, "k2");
const T = "2026-04-01T00:00:00.000Z";

async function roots(): Promise<TrustRoot[]> {
  const root1 = createTrustRoot({
    trustRootVersion: "2026-01",
    keys: [trustKey(k1, ["attestation", "trust-root"])],
  });
  const { root: root2 } = await rotateTrustRoot(root1, {
    signer: k1.signer,
    newKey: trustKey(k2, ["attestation", "trust-root"], { validFrom: "2026-03-01T00:00:00Z" }),
    rotatedAt: "2026-03-01T00:00:00Z",
  });
  const { root: root3 } = await rotateTrustRoot(root2, {
    signer: k2.signer,
    revokeKeys: [{ keyId: "k1", revokedAt: T }],
    rotatedAt: "2026-05-01T00:00:00Z",
  });
  return [root1, root2, root3];
}

describe("verifyAttestation({ trustRoot })", () => {
  it("sign with key 1, rotate, sign with key 2, revoke key 1 at T: verifies exactly as the rules say", async () => {
    const [root1, root2, root3] = (await roots()) as [TrustRoot, TrustRoot, TrustRoot];
    const beforeRotation = fixtureAttestation(k1, "2026-02-01T00:00:00.000Z", "2026-01");
    const key1BeforeT = fixtureAttestation(k1, "2026-03-31T23:59:59.999Z", "2026-02");
    const key1AfterT = fixtureAttestation(k1, "2026-04-01T00:00:00.001Z", "2026-02");
    const key2 = fixtureAttestation(k2, "2026-04-15T00:00:00.000Z", "2026-02");
    // Any verifier will do as the second argument: with a trust root, the root chooses the key.
    const options = { trustRoot: root3 };
    const anyVerifier = new LocalVerifier(k2.publicKeyPem);

    for (const attestation of [beforeRotation, key1BeforeT, key2]) {
      expect(verifyAttestation(attestation, anyVerifier, options)).toMatchObject({
        valid: true,
        errors: [],
      });
    }
    const refused = verifyAttestation(key1AfterT, anyVerifier, options);
    expect(refused.valid).toBe(false);
    expect(refused.checks).toEqual({
      signature_verified: false,
      runtime_verified: true,
      schema_compatible: true,
      governed: true,
    });
    expect(refused.errors).toEqual([
      `[TRUST-021] key k1 was revoked at ${T}, at or before the signing time 2026-04-01T00:00:00.001Z`,
    ]);

    // The old root (held before rotation) knows key 1 only; after walking the chain it verifies all.
    expect(verifyAttestation(key2, anyVerifier, { trustRoot: root1 }).errors[0]).toMatch(
      /^\[TRUST-020\] key "k2" is not in trust root 2026-01/,
    );
    const walked = walkTrustChain(root1, [root2, root3]);
    expect(verifyAttestation(key2, anyVerifier, { trustRoot: walked }).valid).toBe(true);
    expect(verifyAttestation(key1AfterT, anyVerifier, { trustRoot: walked }).valid).toBe(false);
  });

  it("a trust-root verifier passed directly explains refusals the same way", async () => {
    const [, , root3] = (await roots()) as [TrustRoot, TrustRoot, TrustRoot];
    const verifier = createTrustRootVerifier(root3);
    expect(
      verifyAttestation(fixtureAttestation(k2, "2026-04-15T00:00:00.000Z", "2026-03"), verifier)
        .valid,
    ).toBe(true);
    const late = verifyAttestation(
      fixtureAttestation(k1, "2026-06-01T00:00:00.000Z", "2026-03"),
      verifier,
    );
    expect(late.errors[0]).toMatch(/^\[TRUST-021\]/);
  });

  it("a tampered attestation fails under the chosen key with TRUST-026", async () => {
    const [, , root3] = (await roots()) as [TrustRoot, TrustRoot, TrustRoot];
    const attestation: ExecutionAttestation = {
      ...fixtureAttestation(k2, "2026-04-15T00:00:00.000Z", "2026-03"),
      decision: { action: "reject", requires_override: false, reason: "fixture" },
    };
    const result = verifyAttestation(attestation, new LocalVerifier(k2.publicKeyPem), {
      trustRoot: root3,
    });
    expect(result.errors).toEqual([
      "[TRUST-026] the signature does not verify under key k2 of trust root 2026-03",
    ]);
  });

  it("a key not meant for attestations fails with TRUST-024", async () => {
    const root = createTrustRoot({ keys: [trustKey(k1, ["manifest"])] });
    const result = verifyAttestation(
      fixtureAttestation(k1, "2026-02-01T00:00:00.000Z", "1"),
      new LocalVerifier(k1.publicKeyPem),
      { trustRoot: root },
    );
    expect(result.errors[0]).toMatch(/^\[TRUST-024\] key k1 is not meant for attestation/);
  });

  it("runtime_verified accepts runtime hashes the trust root lists", async () => {
    const other = `sha256:${"e".repeat(64)}`;
    const attestation = fixtureAttestation(k1, "2026-02-01T00:00:00.000Z", "1");
    const unsigned = { ...attestation, runtimeHash: other };
    const root = createTrustRoot({
      keys: [trustKey(k1, ["attestation"])],
      trustedRuntimeHashes: [other],
    });
    // Re-signed so only the runtime check differs.
    const { signature: _s, ...payload } = unsigned;
    const resigned = { ...payload, signature: fixtureResign(payload) };
    expect(
      verifyAttestation(resigned, new LocalVerifier(k1.publicKeyPem)).checks.runtime_verified,
    ).toBe(false);
    expect(
      verifyAttestation(resigned, new LocalVerifier(k1.publicKeyPem), { trustRoot: root }),
    ).toMatchObject({ valid: true });
  });
});

function fixtureResign(payload: Omit<ExecutionAttestation, "signature">): string {
  return k1.signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation));
}
