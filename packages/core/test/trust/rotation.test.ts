import { describe, expect, it } from "vitest";
import {
  TrustError,
  computeTrustRootHash,
  createTrustRoot,
  createTrustRootVerifier,
  rotateTrustRoot,
  rotationSigningInput,
  walkTrustChain,
  type RotationRecord,
  type TrustRoot,
} from "@parmanasystems/core";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey, signedPayload, trustKey } from "../helpers/trust-fixtures.js";

const k1 = fixtureKey(1, "k1");
const k2 = fixtureKey(2, "k2");
const attacker = fixtureKey(66, "mallory");
const REVOKED_AT = "2026-04-01T00:00:00Z";

/** The scenario: key 1, rotate to add key 2, later revoke key 1 at T = REVOKED_AT. */
async function scenario(): Promise<{ root1: TrustRoot; root2: TrustRoot; root3: TrustRoot }> {
  const root1 = createTrustRoot({
    trustRootVersion: "1",
    keys: [trustKey(k1, ["attestation", "trust-root"])],
  });
  const { root: root2 } = await rotateTrustRoot(root1, {
    signer: k1.signer,
    newKey: trustKey(k2, ["attestation", "trust-root"], { validFrom: "2026-03-01T00:00:00Z" }),
    rotatedAt: "2026-03-01T00:00:00Z",
  });
  const { root: root3 } = await rotateTrustRoot(root2, {
    signer: k2.signer,
    revokeKeys: [{ keyId: "k1", revokedAt: REVOKED_AT }],
    clock: () => new Date("2026-05-01T00:00:00Z"),
  });
  return { root1, root2, root3 };
}

describe("rotateTrustRoot", () => {
  it("produces the next root and a record signed by the previous root's key", async () => {
    const { root1, root2, root3 } = await scenario();
    expect(root2.trustRootVersion).toBe("2");
    expect(root2.keys.map((key) => key.keyId)).toEqual(["k1", "k2"]);
    const record = root2.rotations?.[0] as RotationRecord;
    expect(record).toMatchObject({
      fromVersion: "1",
      toVersion: "2",
      previousRootHash: computeTrustRootHash(root1),
      newRootHash: computeTrustRootHash(root2),
      rotatedAt: "2026-03-01T00:00:00.000Z",
      signedBy: "k1",
    });
    expect(k1.signer.sign(rotationSigningInput(record))).toBe(record.signature);
    expect(root3.trustRootVersion).toBe("3");
    expect(root3.keys.find((key) => key.keyId === "k1")?.revokedAt).toBe(REVOKED_AT);
    expect(root3.rotations).toHaveLength(2);
    expect(root3.rotations?.[0]).toEqual(record);
  });

  it("bumps the last number of the version and keeps zero padding", async () => {
    const root = createTrustRoot({
      trustRootVersion: "2026-09",
      keys: [trustKey(k1, ["trust-root"])],
    });
    const { root: next } = await rotateTrustRoot(root, {
      signer: k1.signer,
      addTrustedRuntimeHashes: [`sha256:${"b".repeat(64)}`],
      rotatedAt: "2026-10-01T00:00:00Z",
    });
    expect(next.trustRootVersion).toBe("2026-10");
    expect(next.trustedRuntimeHashes).toEqual([`sha256:${"b".repeat(64)}`]);
  });

  it("reads a clock that returns epoch milliseconds; a clock that reads no instant is TRUST-030", async () => {
    const root1 = createTrustRoot({
      trustRootVersion: "1",
      keys: [trustKey(k1, ["attestation", "trust-root"])],
    });
    const newKey = trustKey(k2, ["attestation"], { validFrom: "2026-03-01T00:00:00Z" });
    const { record } = await rotateTrustRoot(root1, {
      signer: k1.signer,
      newKey,
      clock: () => Date.UTC(2026, 3, 2, 12),
    });
    expect(record.rotatedAt).toBe("2026-04-02T12:00:00.000Z");
    for (const reading of [new Date(Number.NaN), Number.NaN, "2026-04-02T12:00:00Z", undefined]) {
      await expectRejectsParmanaError(
        rotateTrustRoot(root1, { signer: k1.signer, newKey, clock: (() => reading) as never }),
        "TRUST-030",
        TrustError,
        /rotatedAt must be an RFC 3339 instant or a valid Date/,
      );
    }
  });

  it("TRUST-030 when the rotation is not allowed or not meaningful", async () => {
    const root1 = createTrustRoot({
      trustRootVersion: "1",
      keys: [trustKey(k1, ["trust-root"]), trustKey(k2, ["attestation"])],
    });
    const at = "2026-03-01T00:00:00Z";
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: k1.signer, rotatedAt: at }),
      "TRUST-030",
      TrustError,
      /nothing to rotate/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: k2.signer, trustRootVersion: "2", rotatedAt: at }),
      "TRUST-030",
      TrustError,
      /not meant for trust-root/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: attacker.signer, trustRootVersion: "2", rotatedAt: at }),
      "TRUST-030",
      TrustError,
      /not in trust root/,
    );
    const wrongKey = fixtureKey(5, "k1");
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: wrongKey.signer, trustRootVersion: "2", rotatedAt: at }),
      "TRUST-030",
      TrustError,
      /signer holds another key/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, {
        signer: k1.signer,
        revokeKeys: [{ keyId: "k9", revokedAt: at }],
        rotatedAt: at,
      }),
      "TRUST-030",
      TrustError,
      /no such key/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: k1.signer, trustRootVersion: "1", rotatedAt: at }),
      "TRUST-030",
      TrustError,
      /already used/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, { signer: k1.signer, trustRootVersion: "2", rotatedAt: "soon" }),
      "TRUST-030",
      TrustError,
      /rotatedAt/,
    );
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, {
        signer: k1.signer,
        trustRootVersion: "2",
        rotatedAt: "2025-01-01T00:00:00Z",
      }),
      "TRUST-030",
      TrustError,
      /not valid before/,
    );
  });

  it("TRUST-030 naming the key when a key id is already in the root", async () => {
    const root1 = createTrustRoot({ trustRootVersion: "1", keys: [trustKey(k1, ["trust-root"])] });
    await expectRejectsParmanaError(
      rotateTrustRoot(root1, {
        signer: k1.signer,
        newKey: { ...trustKey(k2, ["attestation"]), keyId: "k1" },
        rotatedAt: "2026-03-01T00:00:00Z",
      }),
      "TRUST-030",
      TrustError,
      "cannot rotate the trust root: key k1 is already in trust root 1",
    );
  });
});

describe("the key rotation scenario", () => {
  it("verifies exactly as the rules say", async () => {
    const { root3 } = await scenario();
    const verifier = createTrustRootVerifier(root3);
    const byKey1Early = signedPayload(k1, "2026-02-01T00:00:00Z");
    const byKey1BeforeRevocation = signedPayload(k1, "2026-03-31T23:59:59Z");
    const byKey1AtRevocation = signedPayload(k1, REVOKED_AT);
    const byKey1After = signedPayload(k1, "2026-04-15T00:00:00Z");
    const byKey2 = signedPayload(k2, "2026-04-15T00:00:00Z");
    const byKey2BeforeItsValidity = signedPayload(k2, "2026-02-15T00:00:00Z");

    expect(verifier.explain(byKey1Early.signingInput, byKey1Early.signature)).toEqual({
      valid: true,
      keyId: "k1",
    });
    expect(
      verifier.explain(byKey1BeforeRevocation.signingInput, byKey1BeforeRevocation.signature),
    ).toEqual({ valid: true, keyId: "k1" });
    expect(
      verifier.explain(byKey1AtRevocation.signingInput, byKey1AtRevocation.signature),
    ).toMatchObject({ valid: false, code: "TRUST-021" });
    expect(verifier.explain(byKey1After.signingInput, byKey1After.signature)).toMatchObject({
      valid: false,
      code: "TRUST-021",
    });
    expect(verifier.explain(byKey2.signingInput, byKey2.signature)).toEqual({
      valid: true,
      keyId: "k2",
    });
    expect(
      verifier.explain(byKey2BeforeItsValidity.signingInput, byKey2BeforeItsValidity.signature),
    ).toMatchObject({ valid: false, code: "TRUST-022" });
  });

  it("a verifier holding only the old root walks the chain to the current one", async () => {
    const { root1, root2, root3 } = await scenario();
    const current = walkTrustChain(root1, [root2, root3]);
    expect(current).toEqual(root3);
    expect(walkTrustChain(root1, [root1, root2, root3])).toEqual(root3);
    expect(walkTrustChain(root2, [root3])).toEqual(root3);
    expect(walkTrustChain(root1, [])).toEqual(root1);
    // Before walking, the old root knows nothing of key 2.
    const byKey2 = signedPayload(k2, "2026-04-15T00:00:00Z");
    expect(
      createTrustRootVerifier(root1).explain(byKey2.signingInput, byKey2.signature),
    ).toMatchObject({ code: "TRUST-020" });
    expect(createTrustRootVerifier(current).verify(byKey2.signingInput, byKey2.signature)).toBe(
      true,
    );
  });
});

describe("walkTrustChain refuses a broken chain", () => {
  it("TRUST-031 when a root is skipped", async () => {
    const { root1, root3 } = await scenario();
    expectParmanaError(
      () => walkTrustChain(root1, [root3]),
      "TRUST-031",
      TrustError,
      /leads from 2 to 3, expected 1 to 3/,
    );
  });

  it("TRUST-031 when a newer root has no rotation record", async () => {
    const { root1 } = await scenario();
    const unsigned = createTrustRoot({
      trustRootVersion: "2",
      keys: [trustKey(attacker, ["attestation", "trust-root"])],
    });
    expectParmanaError(
      () => walkTrustChain(root1, [unsigned]),
      "TRUST-031",
      TrustError,
      /carries no rotation record/,
    );
  });

  it("TRUST-032 when a root was altered after its rotation was signed (record fixed up to stay well formed)", async () => {
    const { root1, root2 } = await scenario();
    const { rotations: _r, ...body } = root2;
    const altered = { ...body, keys: [...root2.keys, trustKey(attacker, ["attestation"])] };
    const record = {
      ...(root2.rotations?.[0] as RotationRecord),
      newRootHash: computeTrustRootHash(altered as TrustRoot),
    };
    expectParmanaError(
      () => walkTrustChain(root1, [{ ...altered, rotations: [record] } as TrustRoot]),
      "TRUST-034",
      TrustError,
    );
    // Left as signed, the record names the old hash: the root no longer matches it.
    expectParmanaError(
      () => walkTrustChain(root1, [{ ...altered, rotations: root2.rotations } as TrustRoot]),
      "TRUST-002",
      TrustError,
      /TRUST-012/,
    );
  });

  it("TRUST-032 when the record names another previous root", async () => {
    const { root2 } = await scenario();
    const other = createTrustRoot({
      trustRootVersion: "1",
      keys: [trustKey(k1, ["attestation", "trust-root"]), trustKey(attacker, ["attestation"])],
    });
    expectParmanaError(
      () => walkTrustChain(other, [root2]),
      "TRUST-032",
      TrustError,
      /previous root hash/,
    );
  });

  it("TRUST-033 for a forged rotation signed by a key the old root does not hold", async () => {
    const { root1 } = await scenario();
    const { root: forged } = await rotateTrustRoot(
      createTrustRoot({
        trustRootVersion: "1",
        keys: [trustKey(attacker, ["attestation", "trust-root"])],
      }),
      { signer: attacker.signer, trustRootVersion: "2", rotatedAt: "2026-03-01T00:00:00Z" },
    );
    // The forged record claims to continue root1.
    const record = {
      ...(forged.rotations?.[0] as RotationRecord),
      previousRootHash: computeTrustRootHash(root1),
    };
    expectParmanaError(
      () => walkTrustChain(root1, [{ ...forged, rotations: [record] }]),
      "TRUST-033",
      TrustError,
      /not in trust root 1/,
    );
  });

  it("TRUST-034 for a forged rotation that names key 1 but is signed by another key", async () => {
    const { root1 } = await scenario();
    const body = {
      trustRootVersion: "2",
      keys: [...root1.keys, trustKey(attacker, ["attestation", "trust-root"])],
      trustedRuntimeHashes: [],
    };
    const payload = {
      fromVersion: "1",
      toVersion: "2",
      previousRootHash: computeTrustRootHash(root1),
      newRootHash: computeTrustRootHash(body),
      rotatedAt: "2026-03-01T00:00:00.000Z",
      signedBy: "k1",
    };
    const record = { ...payload, signature: attacker.signer.sign(rotationSigningInput(payload)) };
    expectParmanaError(
      () => walkTrustChain(root1, [{ ...body, rotations: [record] }]),
      "TRUST-034",
      TrustError,
      /does not verify under key k1/,
    );
  });

  it("TRUST-033 when a key without purpose trust-root or a revoked key signed the rotation", async () => {
    const { root3 } = await scenario();
    const attestOnly = createTrustRoot({
      trustRootVersion: "1",
      keys: [trustKey(k1, ["trust-root"]), trustKey(k2, ["attestation"])],
    });
    const body = {
      trustRootVersion: "2",
      keys: attestOnly.keys,
      trustedRuntimeHashes: [`sha256:${"c".repeat(64)}`],
    };
    const sign = (
      signer: typeof k2,
      previous: TrustRoot,
      next: typeof body,
      at: string,
    ): TrustRoot => {
      const payload = {
        fromVersion: previous.trustRootVersion,
        toVersion: next.trustRootVersion,
        previousRootHash: computeTrustRootHash(previous),
        newRootHash: computeTrustRootHash(next),
        rotatedAt: at,
        signedBy: signer.keyId,
      };
      return {
        ...next,
        rotations: [
          ...(previous.rotations ?? []),
          { ...payload, signature: signer.signer.sign(rotationSigningInput(payload)) },
        ],
      };
    };
    expectParmanaError(
      () => walkTrustChain(attestOnly, [sign(k2, attestOnly, body, "2026-03-01T00:00:00.000Z")]),
      "TRUST-033",
      TrustError,
      /not meant for trust-root/,
    );
    // Key 1 is revoked in root 3: it can no longer introduce a successor, whatever date it claims.
    const root4 = {
      trustRootVersion: "4",
      keys: root3.keys,
      trustedRuntimeHashes: [`sha256:${"d".repeat(64)}`],
    };
    expectParmanaError(
      () => walkTrustChain(root3, [sign(k1, root3, root4, "2026-03-15T00:00:00.000Z")]),
      "TRUST-002",
      TrustError,
      /TRUST-012.*time order/,
    );
    expectParmanaError(
      () => walkTrustChain(root3, [sign(k1, root3, root4, "2026-06-01T00:00:00.000Z")]),
      "TRUST-033",
      TrustError,
      /revoked/,
    );
  });

  it("TRUST-031 when a newer root rewrites the rotation history", async () => {
    const { root2, root3 } = await scenario();
    const first = root3.rotations?.[0] as RotationRecord;
    const second = root3.rotations?.[1] as RotationRecord;
    // A history whose first record differs (but still links) is a rewrite of root 2's history.
    const rewritten = {
      ...root3,
      rotations: [{ ...first, rotatedAt: "2026-02-01T00:00:00.000Z" }, second],
    };
    expectParmanaError(
      () => walkTrustChain(root2, [rewritten]),
      "TRUST-031",
      TrustError,
      /rewrites the rotation history/,
    );
  });
});
