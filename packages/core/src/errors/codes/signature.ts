import type { ErrorCodeEntry } from "../error-code-entry.js";

/** `SIG-` codes: keys, signers and signatures. */
export const SIGNATURE_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "SIG-001": {
    title: "Malformed key",
    cause: "A key could not be parsed (not PEM/DER/raw of the expected type and size).",
    fix: "Pass a PEM PKCS#8 private key, a PEM SPKI public key, a KeyObject, or 32 raw Ed25519 bytes.",
  },
  "SIG-002": {
    title: "Unsupported key type",
    cause: "The key is valid but not Ed25519 or ECDSA P-256.",
    fix: "Use an Ed25519 key (or an ECDSA P-256 key for KMS-compatible records).",
  },
  "SIG-003": {
    title: "Wrong key kind",
    cause: "A public key was given where a private key is needed, or the reverse.",
    fix: "Give LocalSigner a private key and LocalVerifier a public key.",
  },
  "SIG-004": {
    title: "Invalid payload",
    cause: "sign or verify got a payload that is not a string.",
    fix: "Pass the canonical signing input as a string.",
  },
  "SIG-005": {
    title: "Signing failed",
    cause: "The underlying signer threw or returned something that is not a base64 string.",
    fix: "Check the signer's key and backend; the cause holds the original error.",
  },
  "SIG-006": {
    title: "Self-verification failed",
    cause:
      "The signature just produced does not verify with the given verifier: signer and verifier use different keys.",
    fix: "Configure the signer and verifier with the two halves of one key pair.",
  },
};
