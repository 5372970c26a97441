// DESIGN §3: one versioned signing domain per artifact kind; the domain travels inside the signed
// JCS envelope, so a signature for one kind never verifies as another.
import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  LocalSigner,
  LocalVerifier,
  SIGNING_DOMAINS,
  applySigningDomain,
  canonicalize,
  canonicalizeForSigning,
  generateKeyPair,
  type SigningDomain,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

/** The artifact kinds DESIGN §3 names. */
const DESIGN_KINDS = [
  "attestation",
  "token",
  "override",
  "audit",
  "manifest",
  "runtime",
  "release",
  "trustRoot",
  "receipt",
  "lineage",
  "authority",
  "proofBundle",
  // Generic governance signatures (signGovernancePayload without a domain): a kind of its own that
  // no artifact verifier accepts.
  "governance",
] as const;

describe("SIGNING_DOMAINS", () => {
  it("names exactly the artifact kinds of DESIGN §3 and the generic governance domain", () => {
    expect(Object.keys(SIGNING_DOMAINS).sort()).toEqual([...DESIGN_KINDS].sort());
  });

  it("uses the domain strings DESIGN §3 fixes", () => {
    expect(SIGNING_DOMAINS.attestation).toBe("PARMANA_ATTESTATION_V1");
    expect(SIGNING_DOMAINS.audit).toBe("PARMANA_AUDIT_V1");
    expect(SIGNING_DOMAINS.governance).toBe("PARMANA_GOVERNANCE_V1");
  });

  it("versions every domain", () => {
    for (const kind of DESIGN_KINDS)
      expect(SIGNING_DOMAINS[kind]).toMatch(/^PARMANA_[A-Z_]+_V[1-9][0-9]*$/);
  });

  it("gives every kind its own domain, except token, which is the attestation domain", () => {
    expect(SIGNING_DOMAINS.token).toBe(SIGNING_DOMAINS.attestation);
    const withoutToken = DESIGN_KINDS.filter((kind) => kind !== "token").map(
      (kind) => SIGNING_DOMAINS[kind],
    );
    expect(new Set(withoutToken).size).toBe(withoutToken.length);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(SIGNING_DOMAINS)).toBe(true);
    expect(() => {
      (SIGNING_DOMAINS as unknown as Record<string, string>)["attestation"] = "X";
    }).toThrow(TypeError);
  });
});

describe("applySigningDomain", () => {
  it("wraps the value in the { domain, payload } envelope without copying it", () => {
    const payload = { b: 1, a: [true] };
    const envelope = applySigningDomain(payload, SIGNING_DOMAINS.override);
    expect(Object.keys(envelope).sort()).toEqual(["domain", "payload"]);
    expect(envelope.domain).toBe("PARMANA_OVERRIDE_V1");
    expect(envelope.payload).toBe(payload);
  });

  it.each([
    ["a domain of a later version", "PARMANA_ATTESTATION_V2"],
    ["a kind name instead of its domain", "attestation"],
    ["the empty string", ""],
    ["a lower-case domain", "parmana_attestation_v1"],
    ["undefined", undefined],
    ["a number", 1],
    ["an object", { domain: "PARMANA_ATTESTATION_V1" }],
  ])("rejects %s with CANONICAL-009", (_label, domain) => {
    const error = expectParmanaError(
      () => applySigningDomain({ a: 1 }, domain as SigningDomain),
      "CANONICAL-009",
      CanonicalizationError,
      /unknown signing domain/,
    );
    expect(error.details).toEqual({ domain });
  });
});

describe("canonicalizeForSigning", () => {
  it("is the RFC 8785 text of the envelope: plain JCS that any implementation reproduces", () => {
    expect(
      canonicalizeForSigning({ z: "é", a: -0, m: [1e21, null] }, SIGNING_DOMAINS.attestation),
    ).toBe('{"domain":"PARMANA_ATTESTATION_V1","payload":{"a":0,"m":[1e+21,null],"z":"é"}}');
  });

  it("equals canonicalize(applySigningDomain(value, domain)) for every domain", () => {
    const value = { policyId: "loan-approval", signals: { credit_score: 720 } };
    for (const kind of DESIGN_KINDS) {
      const domain = SIGNING_DOMAINS[kind];
      expect(canonicalizeForSigning(value, domain)).toBe(
        canonicalize(applySigningDomain(value, domain)),
      );
    }
  });

  it("rejects an unknown domain before looking at the payload", () => {
    expectParmanaError(
      () => canonicalizeForSigning(NaN, "PARMANA_NOPE_V1" as SigningDomain),
      "CANONICAL-009",
      CanonicalizationError,
    );
  });

  it("reports payload problems with paths under $.payload", () => {
    const error = expectParmanaError(
      () => canonicalizeForSigning({ amount: 5n }, SIGNING_DOMAINS.receipt),
      "CANONICAL-002",
      CanonicalizationError,
      /at \$\.payload\.amount$/,
    );
    expect(error.details).toEqual({ path: "$.payload.amount" });
  });
});

describe("domain separation of signatures", () => {
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);
  const payload = { executionId: "claim-CLM-2024-00441", decision: { action: "approve" } };
  const domains = [...new Set(Object.values(SIGNING_DOMAINS))];

  it("verifies a signature only under the domain it was made for", () => {
    for (const signedUnder of domains) {
      const signature = signer.sign(canonicalizeForSigning(payload, signedUnder));
      for (const checkedUnder of domains) {
        const valid = verifier.verify(canonicalizeForSigning(payload, checkedUnder), signature);
        expect(valid, `signed under ${signedUnder}, checked under ${checkedUnder}`).toBe(
          signedUnder === checkedUnder,
        );
      }
    }
  });

  it("accepts an attestation signature as a token signature (same domain)", () => {
    const signature = signer.sign(canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation));
    expect(verifier.verify(canonicalizeForSigning(payload, SIGNING_DOMAINS.token), signature)).toBe(
      true,
    );
  });

  it("does not verify a domain signature over the bare payload, nor the reverse", () => {
    const domainSignature = signer.sign(
      canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation),
    );
    expect(verifier.verify(canonicalize(payload), domainSignature)).toBe(false);
    const bareSignature = signer.sign(canonicalize(payload));
    expect(
      verifier.verify(canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation), bareSignature),
    ).toBe(false);
  });
});
