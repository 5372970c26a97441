import { LocalSigner, ProvenanceError, canonicalize } from "@parmanasystems/core";
import {
  describeKind,
  isNonEmptyString,
  isPlainRecord,
  messageOf,
  ownValue,
} from "../internal/lifecycle-guards.js";
import {
  governanceSigningInput,
  requireEd25519Key,
  resolveGovernanceDomain,
} from "./governance-signing-input.js";
import type {
  GovernanceSignature,
  SignGovernancePayloadInput,
} from "./governance-signature.types.js";

/**
 * Signs a pre-canonicalized governance payload with Ed25519 (RFC 8032).
 *
 * The payload must already be RFC 8785 canonical JSON text (`canonicalize(value)`); anything
 * else is refused, because a verifier in another language must reproduce the exact bytes. The
 * signature is domain-separated: the signed bytes are
 * `canonicalize({ domain, payload: { algorithm: "ed25519", keyId, payload } })`, so a signature
 * made for one kind of artifact (say, a lineage checkpoint under `SIGNING_DOMAINS.lineage`) never
 * verifies as another, and the `keyId` cannot be swapped.
 *
 * Without a `domain` the signature is made under `SIGNING_DOMAINS.governance`
 * (`PARMANA_GOVERNANCE_V1`), a generic domain that no artifact verifier accepts: it verifies only
 * with `verifyGovernanceSignature` under the same default, never as an attestation, override,
 * bundle, proof bundle, receipt, lineage checkpoint, authority or trust-root record. Signing
 * caller-influenced payloads without a domain therefore cannot mint any artifact's signature;
 * name the domain only when the signature is meant to be that artifact's.
 *
 * @param input - `payload` (canonical JSON text), `privateKey` (Ed25519 KeyObject), `keyId`,
 *   optional `domain` (default `SIGNING_DOMAINS.governance`; or `.lineage`, `.authority`,
 *   `.proofBundle`, `.receipt`)
 * @returns `{ algorithm: "ed25519", keyId, signature }` with a base64 signature
 * @throws ProvenanceError `PROV-024` when the payload is not canonical JSON text, `keyId` is
 *   empty or the domain is not a governance domain; `PROV-025` when the key is not an Ed25519
 *   private key
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateGovernanceKeyPair();
 * const payload = canonicalize({ replayHash: replay.replayHash });
 * const signature = signGovernancePayload({ payload, privateKey, keyId: "governance-2024" });
 * verifyGovernanceSignature({ payload, signature, publicKey }); // true
 * ```
 */
export function signGovernancePayload(input: SignGovernancePayloadInput): GovernanceSignature {
  if (!isPlainRecord(input)) fail(`input must be a plain object, got ${describeKind(input)}`);
  const payload = ownValue(input, "payload");
  const keyId = ownValue(input, "keyId");
  // The default is the generic governance domain, never an artifact's: signing caller-influenced
  // payloads without a domain must not mint proof-bundle (or other artifact) signatures.
  const domain = resolveGovernanceDomain(ownValue(input, "domain"), "signGovernancePayload");
  if (typeof payload !== "string")
    fail(`payload must be canonical JSON text (a string), got ${describeKind(payload)}`);
  if (!isCanonicalJsonText(payload))
    fail("payload is not RFC 8785 canonical JSON text; pass canonicalize(value)");
  if (!isNonEmptyString(keyId)) fail("keyId must be a non-empty string");
  const privateKey = requireEd25519Key(
    ownValue(input, "privateKey"),
    "private",
    "signGovernancePayload: privateKey",
  );
  let signingInput: string;
  try {
    signingInput = governanceSigningInput(payload, keyId, domain);
  } catch (cause) {
    fail(`keyId is not valid Unicode text: ${messageOf(cause)}`);
  }
  let signature: string;
  try {
    signature = new LocalSigner(privateKey, { keyId }).sign(signingInput);
  } catch (cause) {
    throw new ProvenanceError(
      "PROV-025",
      `signGovernancePayload: the private key cannot sign: ${messageOf(cause)}`,
      { cause },
    );
  }
  return { algorithm: "ed25519", keyId, signature };
}

function isCanonicalJsonText(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

function fail(message: string): never {
  throw new ProvenanceError("PROV-024", `signGovernancePayload: ${message}`);
}
