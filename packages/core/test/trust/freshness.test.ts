// Trust-root rollback: an archived root 2 still trusts a key that root 3 revoked. A verifier
// that has seen root 3 refuses root 2 (TRUST-071) and a same-version fork (TRUST-072).
import { describe, expect, it } from "vitest";
import {
  checkTrustRootFreshness,
  createTrustRoot,
  createTrustRootVerifier,
  rotateTrustRoot,
  TrustError,
  verifyAttestation,
  type TrustRoot,
} from "@parmanasystems/core";
import { fixtureAttestation, fixtureKey, trustKey } from "../helpers/trust-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const k1 = fixtureKey(1, "k1");
const k2 = fixtureKey(2, "k2");

async function roots(): Promise<[TrustRoot, TrustRoot, TrustRoot]> {
  const root1 = createTrustRoot({
    trustRootVersion: "1",
    keys: [
      trustKey(k1, ["attestation", "trust-root"]),
      trustKey(k2, ["attestation", "trust-root"]),
    ],
  });
  const { root: root2 } = await rotateTrustRoot(root1, {
    signer: k1.signer,
    newKey: trustKey(fixtureKey(3, "k3"), ["attestation"]),
    rotatedAt: "2026-03-01T00:00:00Z",
  });
  const { root: root3 } = await rotateTrustRoot(root2, {
    signer: k2.signer,
    revokeKeys: [{ keyId: "k1", revokedAt: "2026-01-01T00:00:00Z" }],
    rotatedAt: "2026-05-01T00:00:00Z",
  });
  return [root1, root2, root3];
}

describe("trust-root freshness", () => {
  it("the archived root 2 still accepts the key root 3 revoked: the gap this closes", async () => {
    const [, root2, root3] = await roots();
    const attestation = fixtureAttestation(k1, "2026-06-01T00:00:00.000Z", "2");
    const verifier = createTrustRootVerifier(root2);
    expect(verifyAttestation(attestation, verifier).valid).toBe(true);
    expect(verifyAttestation(attestation, createTrustRootVerifier(root3)).valid).toBe(false);
  });

  it("a verifier that has seen root 3 refuses roots 1 and 2 (TRUST-071)", async () => {
    const [root1, root2, root3] = await roots();
    for (const old of [root1, root2]) {
      expectParmanaError(
        () => createTrustRootVerifier(old, { newestSeen: root3 }),
        "TRUST-071",
        TrustError,
        new RegExp(`trust root version ${old.trustRootVersion} was replaced by version 3`),
      );
      expectParmanaError(() => checkTrustRootFreshness(old, root3), "TRUST-071", TrustError);
    }
    expect(createTrustRootVerifier(root3, { newestSeen: root3 }).trustRootVersion).toBe("3");
    // A newer root than the one seen is fine: that is how rotation reaches the verifier.
    expect(() => checkTrustRootFreshness(root3, root2)).not.toThrow();
  });

  it("a root with the version already seen but other content is a fork (TRUST-072)", async () => {
    const [, , root3] = await roots();
    const forged = createTrustRoot({
      trustRootVersion: "3",
      keys: [trustKey(k1, ["attestation", "trust-root"])],
    });
    expectParmanaError(
      () => checkTrustRootFreshness(forged, root3),
      "TRUST-072",
      TrustError,
      /two roots claim one version/,
    );
  });
});
