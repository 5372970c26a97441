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
  "SIG-007": {
    title: "Unsupported provider key",
    cause:
      "A KMS or Vault key is not one Parmana can sign or verify with: its spec or type is not Ed25519 or ECDSA P-256, or its usage is not signing.",
    fix: "Create an ECC_NIST_P256 or ECC_NIST_EDWARDS25519 SIGN_VERIFY key in KMS, or an ed25519 or ecdsa-p256 key in Vault Transit.",
  },
  "SIG-008": {
    title: "Message too large for the provider",
    cause:
      "The signing input is larger than the provider accepts for this key type (AWS KMS signs at most 4,096 bytes of raw message, and has no pre-hashed mode for pure Ed25519). Nothing was sent.",
    fix: "Keep the signed artifact smaller (large provenance metadata, for example), or use an ECDSA P-256 key, which signs a SHA-256 digest of any length.",
  },
  "SIG-009": {
    title: "Provider key unavailable",
    cause:
      "The key's public key or metadata could not be read from the provider: it does not exist, is disabled or pending deletion, access was denied, or the provider did not answer in time.",
    fix: "Check the key id or name, its state, and the permissions of the credentials (kms:GetPublicKey / kms:DescribeKey; Vault read on transit/keys/<name>). The cause names the provider's error type, never a credential.",
  },
  "SIG-010": {
    title: "Remote verification unavailable",
    cause:
      "A verifier in remote mode could not get an answer from its provider (denied, server error, timeout). verify returned false; this code reaches you only through the verifier's diagnostic hook.",
    fix: "Check the provider's health and the credentials' permissions, or verify locally with the cached public key.",
  },
  "SIG-011": {
    title: "Provider authentication failed",
    cause:
      "The provider refused the credentials (for example a Vault AppRole login, or a token that expired and could not be renewed).",
    fix: "Check the role id, secret id or token and their policies. The message never contains the credential.",
  },
  "SIG-012": {
    title: "Weak Ed25519 public key",
    cause:
      "The Ed25519 public key is one of the 8 points of small order (such as the identity, 01 followed by 31 zero bytes) or is not canonically encoded (y >= 2^255 - 19). Under a small-order key anyone can produce signatures that verify for every message, so Parmana refuses it wherever a public key enters: PEM, raw bytes, KeyObjects, trust roots and the CLI.",
    fix: "Use the public key of a real key pair (generateKeyPair, parmana keygen or your KMS). A key like this in a trust root or key file means the file was tampered with.",
  },
  "SIG-013": {
    title: "Malformed ECDSA signature",
    cause:
      "normalizeEcdsaP256Signature got bytes that are not a strict DER ECDSA P-256 signature (SEQUENCE of two minimal positive INTEGERs r and s, each between 1 and n - 1).",
    fix: "Pass the DER signature exactly as the signer (LocalSigner, AWS KMS ECDSA_SHA_256) returned it.",
  },
  "SIG-020": {
    title: "Malformed answer from AWS KMS",
    cause:
      "AWS KMS (or an endpoint posing as it) answered in a form its API reference does not allow: no key ARN or public key, a public key that is not DER SubjectPublicKeyInfo or not of the key's spec, a signature that is not DER ECDSA P-256 or not 64 Ed25519 bytes, or a signature made with another key or algorithm than requested. Nothing was signed.",
    fix: "Check the endpoint the KMSClient talks to (a proxy or emulator that rewrites answers). Retrying does not help (retryable: false).",
  },
  "SIG-030": {
    title: "Provider response malformed",
    cause:
      "Vault (or a proxy in front of it) answered with something that is not a Transit response: not JSON, larger than the adapter accepts, missing the expected fields, or a signature that is not `vault:v<N>:<base64>` of the key's type. Nothing was signed or cached.",
    fix: "Check that the address points at Vault or OpenBao (not a load balancer error page) and that the mount is a Transit engine. Retrying may help when a proxy misbehaved briefly.",
  },
  "SIG-031": {
    title: "Key rotated while signing",
    cause:
      "The Vault key was rotated between the moment the signer announced a key version (the attestation's signerKeyId) and the signature, and Vault no longer signs with the announced version (min_encryption_version was raised). The signer now announces the new version. Nothing was signed.",
    fix: "Retry the call (retryable: true): the next attestation names the new version. Publish the new version's public key to verifiers before raising min_encryption_version.",
  },
  "SIG-032": {
    title: "Key version not available",
    cause:
      "A public key was asked for a Vault key version that the key does not list: it never existed, or it is below the key's min_decryption_version and Vault no longer serves it.",
    fix: "Ask for a version between min_decryption_version and latest_version (see the key's read output), or omit the version to get the latest one.",
  },
};
