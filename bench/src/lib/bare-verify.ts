// A reference side for `verify`: less than any JavaScript verifier of a stored attestation can do,
// written as plainly as the language allows. Per call it lays out the signing input by putting the
// stored strings between the member names, in canonical order and without escaping them (it
// assumes every string is plain text, which a verifier cannot: it must escape or refuse), takes
// the UTF-8 bytes, decodes the base64 signature and runs one Ed25519 verify. It leaves out what
// verifyAttestation adds: escaping, the record's shape, every field's format, strict base64,
// unknown fields, a copy of the input, typed results. So it is an optimistic lower bound, not a
// verifier.
import { verify as rawVerify, type KeyObject } from "node:crypto";

/** A stored attestation as parsed JSON: the members the bare verification reads. */
export interface StoredAttestation {
  readonly [field: string]: unknown;
  readonly decision: {
    readonly action: string;
    readonly reason: string;
    readonly requires_override: boolean;
  };
}

/**
 * Verifies one stored attestation with less than the minimum of work (see above).
 *
 * @param s - an attestation as parsed from JSON, without provenance, every string plain text
 * @param publicKey - the Ed25519 public key
 * @returns whether the signature verifies
 */
export function bareVerify(s: StoredAttestation, publicKey: KeyObject): boolean {
  const d = s.decision;
  const text = `{"domain":"PARMANA_ATTESTATION_V1","payload":{"bundleHash":"${s["bundleHash"] as string}","decision":{"action":"${d.action}","reason":"${d.reason}","requires_override":${d.requires_override}},"evaluatorArtifactHash":"${s["evaluatorArtifactHash"] as string}","evaluatorHash":"${s["evaluatorHash"] as string}","evaluatorSemanticHash":"${s["evaluatorSemanticHash"] as string}","executionId":"${s["executionId"] as string}","execution_fingerprint":"${s["execution_fingerprint"] as string}","execution_state":"${s["execution_state"] as string}","issuedAt":"${s["issuedAt"] as string}","manifestHash":"${s["manifestHash"] as string}","manifestSignature":"${s["manifestSignature"] as string}","policyId":"${s["policyId"] as string}","policyVersion":"${s["policyVersion"] as string}","releaseManifestHash":"${s["releaseManifestHash"] as string}","runtimeHash":"${s["runtimeHash"] as string}","runtimeVersion":"${s["runtimeVersion"] as string}","schemaVersion":"${s["schemaVersion"] as string}","signalsHash":"${s["signalsHash"] as string}","signerKeyId":"${s["signerKeyId"] as string}","trustRootVersion":"${s["trustRootVersion"] as string}"}}`;
  return rawVerify(
    null,
    Buffer.from(text, "utf8"),
    publicKey,
    Buffer.from(s["signature"] as string, "base64"),
  );
}
