import { describe, expect, it } from "vitest";
import { ProvenanceError, SIGNING_DOMAINS, canonicalize } from "@parmanasystems/core";
import {
  createGovernanceProofBundle,
  generateGovernanceKeyPair,
  replayLineage,
  signGovernancePayload,
  verifyGovernanceProofBundle,
  verifyGovernanceSignature,
  type GovernanceProofBundle,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  L4,
  L5,
  altered,
  copy,
  forgeProofBundle,
  happyLineage,
  sha256,
} from "../helpers/lifecycle-fixtures.js";

const keys = generateGovernanceKeyPair();
const lineage = happyLineage();
const replay = replayLineage(lineage);

function bundle(): GovernanceProofBundle {
  return createGovernanceProofBundle({
    lineage,
    replay,
    privateKey: keys.privateKey,
    keyId: "gov-1",
  });
}

/** Every path to a leaf of a JSON value, as key arrays. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.length === 0
      ? [prefix]
      : value.flatMap((item, index) => leafPaths(item, [...prefix, index]));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0
      ? [prefix]
      : entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
  }
  return [prefix];
}

function setPath(
  target: unknown,
  path: (string | number)[],
  change: (value: unknown) => unknown,
): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = change(node[last]);
}

describe("createGovernanceProofBundle", () => {
  it("builds a signed bundle whose manifest and signature follow the documented formulas", () => {
    const created = bundle();
    expect(created.schemaVersion).toBe("1.0.0");
    expect(created.generatedAt).toBe(L4); // the replay's reconstructedAt, not the wall clock
    expect(created.lineage).toEqual(lineage);
    expect(created.replay).toEqual(replay);
    expect(created.replayHash).toBe(replay.replayHash);
    const manifestHash = `sha256:${sha256(
      canonicalize({
        domain: "PARMANA_PROOF_BUNDLE_V1",
        payload: {
          manifest: {
            schemaVersion: "1.0.0",
            generatedAt: L4,
            lineage,
            replay,
            replayHash: replay.replayHash,
          },
        },
      }),
    )}`;
    expect(created.manifestHash).toBe(manifestHash);
    const signedPayload = canonicalize({
      schemaVersion: "1.0.0",
      generatedAt: L4,
      replayHash: replay.replayHash,
      manifestHash,
    });
    expect(
      verifyGovernanceSignature({
        payload: signedPayload,
        signature: created.signature,
        publicKey: keys.publicKey,
        domain: SIGNING_DOMAINS.proofBundle,
      }),
    ).toBe(true);
    expect(created.signature.keyId).toBe("gov-1");
  });

  it("is deterministic for the same inputs", () => {
    expect(bundle()).toEqual(bundle());
  });

  it("takes an explicit generatedAt", () => {
    const created = createGovernanceProofBundle({
      lineage,
      replay,
      privateKey: keys.privateKey,
      keyId: "gov-1",
      generatedAt: L5,
    });
    expect(created.generatedAt).toBe(L5);
    expect(verifyGovernanceProofBundle({ bundle: created, publicKey: keys.publicKey })).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("copies its inputs: later edits cannot change the bundle", () => {
    const events = copy(happyLineage());
    const created = createGovernanceProofBundle({
      lineage: events,
      replay: replayLineage(events),
      privateKey: keys.privateKey,
      keyId: "gov-1",
    });
    events[0]!.type = "edited";
    expect(verifyGovernanceProofBundle({ bundle: created, publicKey: keys.publicKey }).valid).toBe(
      true,
    );
  });

  it("refuses what it must not sign (PROV-027)", () => {
    const broken = copy(lineage);
    broken[1]!.payloadHash = altered(broken[1]!.payloadHash) as string;
    const cases: [unknown, RegExp][] = [
      [null, /input must be a plain object/],
      [
        { lineage: [], replay: replayLineage([]), privateKey: keys.privateKey, keyId: "k" },
        /lineage must be a non-empty array/,
      ],
      [
        { lineage: broken, replay: replayLineage(broken), privateKey: keys.privateKey, keyId: "k" },
        /the lineage does not verify: event 1: lineageHash does not match/,
      ],
      [
        {
          lineage,
          replay: replayLineage(lineage.slice(0, 2)),
          privateKey: keys.privateKey,
          keyId: "k",
        },
        /replay is not replayLineage\(lineage\)/,
      ],
      [
        { lineage, replay: { ...replay, errors: ["x"] }, privateKey: keys.privateKey, keyId: "k" },
        /replay is not replayLineage/,
      ],
      [
        { lineage, replay, privateKey: keys.privateKey, keyId: "k", generatedAt: "today" },
        /generatedAt must be an ISO-8601 UTC/,
      ],
      [
        { lineage, replay, privateKey: keys.privateKey, keyId: "k", extra: 1 },
        /unknown input field\(s\) extra/,
      ],
    ];
    for (const [input, message] of cases)
      expectParmanaError(
        () => createGovernanceProofBundle(input as never),
        "PROV-027",
        ProvenanceError,
        message,
      );
    expectParmanaError(
      () =>
        createGovernanceProofBundle({ lineage, replay, privateKey: keys.publicKey, keyId: "k" }),
      "PROV-025",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        createGovernanceProofBundle({ lineage, replay, privateKey: keys.privateKey, keyId: "" }),
      "PROV-024",
      ProvenanceError,
    );
  });
});

describe("verifyGovernanceProofBundle", () => {
  it("accepts an intact bundle and its JSON round trip", () => {
    const created = bundle();
    expect(verifyGovernanceProofBundle({ bundle: created, publicKey: keys.publicKey })).toEqual({
      valid: true,
      errors: [],
    });
    const roundTrip = JSON.parse(JSON.stringify(created)) as GovernanceProofBundle;
    expect(verifyGovernanceProofBundle({ bundle: roundTrip, publicKey: keys.publicKey })).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("rejects another key", () => {
    expect(
      verifyGovernanceProofBundle({
        bundle: bundle(),
        publicKey: generateGovernanceKeyPair().publicKey,
      }),
    ).toEqual({
      valid: false,
      errors: ["signature does not verify under the given public key in the proof-bundle domain"],
    });
  });

  const paths = leafPaths(bundle());
  it(`detects a change of every leaf field (${paths.length} paths)`, () => {
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      const tampered = copy(bundle());
      setPath(tampered, path, altered);
      const result = verifyGovernanceProofBundle({ bundle: tampered, publicKey: keys.publicKey });
      expect(result.valid, `tampering ${path.join(".")} went unnoticed`).toBe(false);
    }
  });

  it.each([
    "schemaVersion",
    "generatedAt",
    "lineage",
    "replay",
    "replayHash",
    "manifestHash",
    "signature",
  ])("detects removal of %s", (field) => {
    const tampered = copy(bundle()) as unknown as Record<string, unknown>;
    delete tampered[field];
    expect(
      verifyGovernanceProofBundle({ bundle: tampered as never, publicKey: keys.publicKey }).valid,
    ).toBe(false);
  });

  it("detects an added field, a dropped event and reordered events", () => {
    const extra = { ...bundle(), note: "trust me" };
    expect(
      verifyGovernanceProofBundle({ bundle: extra, publicKey: keys.publicKey }).errors,
    ).toEqual(["bundle has unexpected field(s) note"]);
    const dropped = copy(bundle());
    dropped.lineage.pop();
    expect(
      verifyGovernanceProofBundle({ bundle: dropped, publicKey: keys.publicKey }).errors,
    ).toEqual(["manifestHash does not match the bundle content (tampered)"]);
    const reordered = copy(bundle());
    reordered.lineage.reverse();
    expect(
      verifyGovernanceProofBundle({ bundle: reordered, publicKey: keys.publicKey }).valid,
    ).toBe(false);
  });

  it("detects a replayHash that disagrees with replay.replayHash even when the signer signed it", () => {
    const forged = forgeProofBundle(
      {
        schemaVersion: "1.0.0",
        generatedAt: L4,
        lineage,
        replay,
        replayHash: `sha256:${"0".repeat(64)}`,
      },
      keys.privateKey,
      "gov-1",
    );
    expect(verifyGovernanceProofBundle({ bundle: forged, publicKey: keys.publicKey })).toEqual({
      valid: false,
      errors: ["replayHash does not equal replay.replayHash"],
    });
  });

  it("a signature over the same manifest in another domain is rejected", () => {
    const created = bundle();
    const payload = canonicalize({
      schemaVersion: created.schemaVersion,
      generatedAt: created.generatedAt,
      replayHash: created.replayHash,
      manifestHash: created.manifestHash,
    });
    const lineageSignature = signGovernancePayload({
      payload,
      privateKey: keys.privateKey,
      keyId: "gov-1",
      domain: SIGNING_DOMAINS.lineage,
    });
    expect(
      verifyGovernanceProofBundle({
        bundle: { ...created, signature: lineageSignature },
        publicKey: keys.publicKey,
      }).valid,
    ).toBe(false);
  });

  it("reports hostile bundles and throws only for a bad key (PROV-025)", () => {
    for (const value of [
      null,
      "bundle",
      [],
      { ...bundle(), lineage: "x" },
      { ...bundle(), replay: [] },
      { ...bundle(), schemaVersion: "2.0.0" },
    ]) {
      const result = verifyGovernanceProofBundle({
        bundle: value as never,
        publicKey: keys.publicKey,
      });
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
    expectParmanaError(
      () => verifyGovernanceProofBundle({ bundle: bundle(), publicKey: keys.privateKey }),
      "PROV-025",
      ProvenanceError,
    );
    expectParmanaError(
      () => verifyGovernanceProofBundle(null as never),
      "PROV-025",
      ProvenanceError,
    );
  });
});
