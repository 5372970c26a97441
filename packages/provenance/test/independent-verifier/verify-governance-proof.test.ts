import { describe, expect, it } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  createGovernanceProofBundle,
  exportPublicKey,
  generateGovernanceKeyPair,
  importPublicKey,
  replayLineage,
  verifyGovernanceProof,
  type GovernanceProofBundle,
  type LineageEvent,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import {
  L4,
  altered,
  chainOf,
  copy,
  forgeProofBundle,
  happyLineage,
  happySteps,
} from "../helpers/lifecycle-fixtures.js";

const keys = generateGovernanceKeyPair();
const ALL_TRUE = {
  signatureValid: true,
  lineageValid: true,
  replayValid: true,
  invariantsValid: true,
  replayHashMatches: true,
};

function honest(lineage: LineageEvent[] = happyLineage()): GovernanceProofBundle {
  return createGovernanceProofBundle({
    lineage,
    replay: replayLineage(lineage),
    privateKey: keys.privateKey,
    keyId: "gov-1",
  });
}

describe("verifyGovernanceProof", () => {
  it("accepts an honest bundle with only the bundle and the public key (PEM round trip)", () => {
    const publicKey = importPublicKey(exportPublicKey(keys.publicKey));
    const bundle = JSON.parse(JSON.stringify(honest())) as GovernanceProofBundle;
    expect(verifyGovernanceProof({ bundle, publicKey })).toEqual({
      valid: true,
      errors: [],
      verification: ALL_TRUE,
    });
  });

  it("1. signature: another key fails only signatureValid", () => {
    const result = verifyGovernanceProof({
      bundle: honest(),
      publicKey: generateGovernanceKeyPair().publicKey,
    });
    expect(result.valid).toBe(false);
    expect(result.verification).toEqual({ ...ALL_TRUE, signatureValid: false });
    expect(result.errors).toEqual([
      "signature: signature does not verify under the given public key in the proof-bundle domain",
    ]);
  });

  it("1. signature: a tampered signature fails only signatureValid", () => {
    const bundle = copy(honest());
    bundle.signature.signature = altered(bundle.signature.signature) as string;
    expect(verifyGovernanceProof({ bundle, publicKey: keys.publicKey }).verification).toEqual({
      ...ALL_TRUE,
      signatureValid: false,
    });
  });

  it("2. lineage: a broken chain signed by the key holder fails lineage (and, necessarily, replay and the replay-validity invariant)", () => {
    const lineage = copy(happyLineage());
    lineage[2]!.type = "execution_requested"; // hash no longer matches
    const replay = replayLineage(lineage);
    const bundle = forgeProofBundle(
      { schemaVersion: "1.0.0", generatedAt: L4, lineage, replay, replayHash: replay.replayHash },
      keys.privateKey,
      "gov-1",
    );
    const result = verifyGovernanceProof({ bundle, publicKey: keys.publicKey });
    expect(result.valid).toBe(false);
    // A chain that does not verify cannot be replayed, and "replay validity" is an invariant: these
    // three facts are one fact seen three ways. Signature and replay hash are unaffected.
    expect(result.verification).toEqual({
      signatureValid: true,
      lineageValid: false,
      replayValid: false,
      invariantsValid: false,
      replayHashMatches: true,
    });
    expect(result.errors).toContain(
      "lineage: event 2: lineageHash does not match the event's contents (tampered)",
    );
  });

  it("3. replay: a bundle whose replay state differs from the independent replay fails only replayValid", () => {
    const lineage = happyLineage();
    const replay = replayLineage(lineage);
    const claimed = copy(replay);
    claimed.state.executionReceiptHashes.push(`sha256:${"9".repeat(64)}`); // claims an extra receipt
    const bundle = forgeProofBundle(
      {
        schemaVersion: "1.0.0",
        generatedAt: L4,
        lineage,
        replay: claimed,
        replayHash: replay.replayHash,
      },
      keys.privateKey,
      "gov-1",
    );
    const result = verifyGovernanceProof({ bundle, publicKey: keys.publicKey });
    expect(result.verification).toEqual({ ...ALL_TRUE, replayValid: false });
    expect(result.errors).toEqual([
      "replay: the bundle's replay differs from the independent replay of its lineage",
    ]);
  });

  it("3. replay: a bundle claiming validity for an invalid replay fails replayValid", () => {
    const lineage = happyLineage();
    const replay = replayLineage(lineage);
    const claimed = { ...replay, errors: ["nothing to see"] };
    const bundle = forgeProofBundle(
      {
        schemaVersion: "1.0.0",
        generatedAt: L4,
        lineage,
        replay: claimed,
        replayHash: replay.replayHash,
      },
      keys.privateKey,
      "gov-1",
    );
    expect(verifyGovernanceProof({ bundle, publicKey: keys.publicKey }).verification).toEqual({
      ...ALL_TRUE,
      replayValid: false,
    });
  });

  it("4. replay hash: declared replay hashes that differ from the independent one fail only replayHashMatches", () => {
    const lineage = happyLineage();
    const replay = replayLineage(lineage);
    const wrong = `sha256:${"7".repeat(64)}`;
    const bundle = forgeProofBundle(
      {
        schemaVersion: "1.0.0",
        generatedAt: L4,
        lineage,
        replay: { ...replay, replayHash: wrong },
        replayHash: wrong,
      },
      keys.privateKey,
      "gov-1",
    );
    const result = verifyGovernanceProof({ bundle, publicKey: keys.publicKey });
    expect(result.verification).toEqual({ ...ALL_TRUE, replayHashMatches: false });
    expect(result.errors).toEqual([
      "replayHash: bundle.replayHash differs from the independent replay hash",
      "replayHash: bundle.replay.replayHash differs from the independent replay hash",
    ]);
  });

  it("5. invariants: an honestly signed lineage with an execution that was never authorized fails only invariantsValid", () => {
    const steps = happySteps().filter(
      (step) => step.type !== "decision_authorized" && step.type !== "authority_issued",
    );
    const result = verifyGovernanceProof({
      bundle: honest(chainOf(steps)),
      publicKey: keys.publicKey,
    });
    expect(result.verification).toEqual({ ...ALL_TRUE, invariantsValid: false });
    expect(result.errors).toEqual([
      "invariants: execution-without-authorization (critical): event 1: execution reported without an earlier authorization event",
    ]);
  });

  it("5. invariants: an empty lineage forged into a bundle fails only invariantsValid", () => {
    const replay = replayLineage([]);
    const bundle = forgeProofBundle(
      {
        schemaVersion: "1.0.0",
        generatedAt: L4,
        lineage: [],
        replay,
        replayHash: replay.replayHash,
      },
      keys.privateKey,
      "gov-1",
    );
    const result = verifyGovernanceProof({ bundle, publicKey: keys.publicKey });
    expect(result.verification).toEqual({ ...ALL_TRUE, invariantsValid: false });
    expect(result.errors).toEqual([
      "invariants: empty-lineage (critical): the lineage has no events",
    ]);
  });

  it("tampering after signing is caught by the signature check (and by whatever else it breaks)", () => {
    const bundle = copy(honest());
    bundle.lineage.pop();
    const result = verifyGovernanceProof({ bundle, publicKey: keys.publicKey });
    expect(result.valid).toBe(false);
    expect(result.verification.signatureValid).toBe(false);
    expect(result.verification.replayValid).toBe(false); // the claimed replay has one event more
  });

  it("rejects a change of any leaf field of an honest bundle", () => {
    const original = honest();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, prefix: (string | number)[]): void => {
      if (Array.isArray(value) && value.length > 0)
        value.forEach((item, index) => walk(item, [...prefix, index]));
      else if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
        for (const [key, item] of Object.entries(value)) walk(item, [...prefix, key]);
      } else paths.push(prefix);
    };
    walk(original, []);
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      const bundle = copy(original) as unknown as Record<string | number, unknown>;
      let node = bundle;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path.at(-1)!] = altered(node[path.at(-1)!]);
      const result = verifyGovernanceProof({
        bundle: bundle as unknown as GovernanceProofBundle,
        publicKey: keys.publicKey,
      });
      expect(result.valid, `tampering ${path.join(".")} went unnoticed`).toBe(false);
      expect(result.verification.signatureValid, path.join(".")).toBe(false);
    }
  });

  it("never throws for hostile bundles; throws PROV-025 only for a bad key", () => {
    for (const value of [
      null,
      undefined,
      "x",
      [],
      { lineage: 5 },
      { ...honest(), lineage: [null] },
      { ...honest(), replay: null },
    ]) {
      const result = verifyGovernanceProof({ bundle: value as never, publicKey: keys.publicKey });
      expect(result.valid).toBe(false);
      expect(result.verification.signatureValid).toBe(false);
    }
    expectParmanaError(
      () => verifyGovernanceProof({ bundle: honest(), publicKey: "pem" as never }),
      "PROV-025",
      ProvenanceError,
      /verifyGovernanceProof: publicKey/,
    );
  });
});
