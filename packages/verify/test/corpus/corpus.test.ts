// The golden corpus: @parmanasystems/core still reports exactly the recorded verdict, checks,
// codes and messages for every case, and @parmanasystems/verify (WebCrypto) reports the same,
// with the key given as PEM, JWK and raw bytes.
import {
  createTrustRootVerifier,
  LocalVerifier,
  verifyAttestation as coreVerifyAttestation,
  verifyExecutionIntegrity as coreVerifyExecutionIntegrity,
  verifyOverride as coreVerifyOverride,
  type TrustRoot,
  type Verifier,
} from "@parmanasystems/core";
import * as verify from "@parmanasystems/verify";
import { describe, expect, it } from "vitest";
import { loadCorpus, type CorpusCase } from "../helpers/corpus.js";
import { runCorpus, summarize } from "../runtimes/run-corpus.mjs";

const corpus = loadCorpus();

async function coreResult(item: CorpusCase): Promise<unknown> {
  const root =
    item.trustRoot === undefined ? undefined : (corpus.trustRoots[item.trustRoot] as TrustRoot);
  const verifier: Verifier =
    root !== undefined
      ? createTrustRootVerifier(root)
      : new LocalVerifier(corpus.keys[item.key as string]?.publicKeyPem as string);
  const { input } = item;
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
      "override/approval/valid",
      "override/trust-root/valid",
      "integrity/valid",
    ]) {
      expect(ids).toContain(prefix);
      expect(corpus.cases.find((item) => item.id === prefix)?.expected["valid"]).toBe(true);
    }
    for (const pattern of [/\/tamper\//, /\/wrong-key\//, /\/wrong-domain\//, /\/malformed\//]) {
      expect(ids.filter((id) => pattern.test(id)).length).toBeGreaterThanOrEqual(10);
    }
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
