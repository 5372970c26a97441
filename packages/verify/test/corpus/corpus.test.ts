// The golden corpus: @parmanasystems/core still reports exactly the recorded verdict, checks,
// codes and messages for every case, and @parmanasystems/verify (WebCrypto) reports the same,
// with the key given as PEM, JWK and raw bytes.
import {
  createTrustRootVerifier,
  LocalVerifier,
  verifyAttestation as coreVerifyAttestation,
  verifyConsistency as coreVerifyConsistency,
  verifyInclusion as coreVerifyInclusion,
  verifyExecutionIntegrity as coreVerifyExecutionIntegrity,
  verifyOverride as coreVerifyOverride,
  walkTrustChain,
  type TrustRoot,
  type Verifier,
} from "@parmanasystems/core";
import * as verify from "@parmanasystems/verify";
import { describe, expect, it } from "vitest";
import { loadCorpus, type CorpusCase } from "../helpers/corpus.js";
import { runCorpus, summarize, summarizeRefusal } from "../runtimes/run-corpus.mjs";

const corpus = loadCorpus();

function coreVerifier(item: CorpusCase): { verifier: Verifier; root?: TrustRoot } {
  const roots = corpus.trustRoots as Record<string, TrustRoot>;
  if (item.trustChain !== undefined) {
    const [held, ...newer] = item.trustChain.map((name) => roots[name] as TrustRoot);
    const root = walkTrustChain(held as TrustRoot, newer);
    return { verifier: createTrustRootVerifier(root), root };
  }
  if (item.trustRoot !== undefined) {
    const root = roots[item.trustRoot] as TrustRoot;
    return { verifier: createTrustRootVerifier(root), root };
  }
  return { verifier: new LocalVerifier(corpus.keys[item.key as string]?.publicKeyPem as string) };
}

async function coreResult(item: CorpusCase): Promise<unknown> {
  const { input } = item;
  const logKey = corpus.logKeys[item.logKey as string] as string;
  if (item.kind === "inclusion")
    return summarize(
      coreVerifyInclusion(
        input["attestation"],
        input["proof"],
        input["checkpoint"] as string,
        logKey,
      ),
    );
  if (item.kind === "consistency")
    return summarize(
      coreVerifyConsistency(
        input["oldCheckpoint"] as string,
        input["newCheckpoint"] as string,
        input["proof"],
        logKey,
      ),
    );
  let trust: { verifier: Verifier; root?: TrustRoot };
  try {
    trust = coreVerifier(item);
  } catch (error) {
    return summarizeRefusal(error);
  }
  const { verifier, root } = trust;
  const result =
    item.kind === "attestation"
      ? await coreVerifyAttestation(input["attestation"], verifier, root && { trustRoot: root })
      : item.kind === "override"
        ? await coreVerifyOverride(input["record"], input["attestation"], verifier)
        : await coreVerifyExecutionIntegrity(input["proof"], verifier, input["attestation"]);
  return summarize(result);
}

describe("golden corpus", () => {
  it("covers every kind of case the conformance suite promises", () => {
    const ids = corpus.cases.map((item) => item.id);
    expect(corpus.cases.length).toBeGreaterThan(350);
    for (const prefix of [
      "attestation/ed25519/valid",
      "attestation/p256/valid",
      "attestation/ed25519-provenance/valid",
      "attestation/ed25519-pending/valid",
      "attestation/trust-root/valid",
      "attestation/trust-root/k1-before-revocation",
      "attestation/trust-chain/valid",
      "attestation/trust-chain/k1-before-revocation",
      "override/approval/valid",
      "override/trust-root/valid",
      "integrity/valid",
      "inclusion/valid",
      "consistency/valid",
    ]) {
      expect(ids).toContain(prefix);
      expect(corpus.cases.find((item) => item.id === prefix)?.expected["valid"]).toBe(true);
    }
    for (const pattern of [/\/tamper\//, /\/wrong-key\//, /\/wrong-domain\//, /\/malformed\//]) {
      expect(ids.filter((id) => pattern.test(id)).length).toBeGreaterThanOrEqual(10);
    }
    // Weak keys, high-S signatures, keys outside their window and broken chains are refused,
    // each with the code the specification names.
    const refusedWith = (id: string): unknown => {
      const expected = corpus.cases.find((item) => item.id === id)?.expected;
      const refused = expected?.["refused"] as { code?: string } | undefined;
      return refused?.code ?? (expected?.["codes"] as string[] | undefined)?.[0];
    };
    expect(refusedWith("attestation/weak-key/small-order")).toBe("SIG-012");
    expect(refusedWith("attestation/weak-key/non-canonical")).toBe("SIG-012");
    expect(refusedWith("attestation/weak-key/trust-root")).toBe("TRUST-002");
    expect(refusedWith("attestation/p256/signature/p256-high-s")).toMatch(/^INV-VERIFY-/);
    expect(refusedWith("attestation/trust-root/k4-p256-high-s")).toBe("TRUST-026");
    expect(refusedWith("attestation/trust-chain/k5-after-valid-until")).toBe("TRUST-023");
    expect(refusedWith("attestation/trust-chain/k5-before-valid-from")).toBe("TRUST-022");
    expect(refusedWith("attestation/trust-chain/skipped-link")).toBe("TRUST-031");
    expect(refusedWith("attestation/trust-chain/bad-rotation-signature")).toBe("TRUST-034");
    expect(refusedWith("attestation/trust-chain/rotation-by-revoked-key")).toBe("TRUST-033");
    expect(refusedWith("attestation/trust-chain/rotation-by-attestation-key")).toBe("TRUST-033");
    expect(refusedWith("inclusion/other-attestation")).toBe("TRUST-084");
    expect(refusedWith("inclusion/foreign-checkpoint")).toBe("TRUST-082");
    expect(refusedWith("consistency/rewritten-history")).toBe("TRUST-085");
    expect(refusedWith("consistency/other-origin")).toBe("TRUST-086");
    // Every tamper, wrong key, wrong domain and malformed case is refused.
    for (const item of corpus.cases) {
      if (/\/(tamper|wrong-key|wrong-domain|malformed|signature)\//.test(item.id))
        expect(item.expected["valid"], item.id).toBe(false);
    }
  });

  it("@parmanasystems/core reports exactly the recorded result for every case", async () => {
    const mismatches: string[] = [];
    for (const item of corpus.cases) {
      const actual = await coreResult(item);
      if (JSON.stringify(actual) !== JSON.stringify(item.expected)) mismatches.push(item.id);
    }
    expect(mismatches).toEqual([]);
  });

  for (const keyForm of ["pem", "jwk", "raw"] as const) {
    it(`@parmanasystems/verify reports the same for every case (keys as ${keyForm})`, async () => {
      const { checked, mismatches } = await runCorpus(verify, corpus, { keyForm });
      expect(mismatches).toEqual([]);
      expect(checked).toBe(corpus.cases.length);
    });
  }
});
