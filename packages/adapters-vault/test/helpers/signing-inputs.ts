import { canonicalizeForSigning, SIGNING_DOMAINS } from "@parmanasystems/core";

/** A signing input shaped like an attestation's, naming `signerKeyId`. */
export function attestationLikeInput(signerKeyId: string, note = "case-1"): string {
  return canonicalizeForSigning(
    { executionId: note, decision: { action: "approve" }, signerKeyId, trustRootVersion: "local" },
    SIGNING_DOMAINS.attestation,
  );
}

/** Bytes of a low-S check: the s of a DER P-256 signature as a bigint. */
export function derS(signatureBase64: string): bigint {
  const der = Buffer.from(signatureBase64, "base64");
  const rLength = der[3] as number;
  const sAt = 4 + rLength;
  const sLength = der[sAt + 1] as number;
  return BigInt(`0x${der.subarray(sAt + 2, sAt + 2 + sLength).toString("hex")}`);
}

export const P256_HALF_ORDER: bigint =
  0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;
