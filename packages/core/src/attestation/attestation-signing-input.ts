import { InvariantError } from "../errors/parmana-error.js";
import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import { canonicalize } from "../canonical/canonicalize.js";
import { canonicalizeForSigning, SIGNING_DOMAINS } from "../canonical/signing-domains.js";
import type { AttestationPayload, ExecutionAttestation } from "./attestation.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * The signed payload of an attestation: every own field except `signature`. Unknown fields are
 * kept, so a field added after signing makes the signature fail.
 *
 * @param attestation - an attestation (or a parsed JSON object that claims to be one)
 * @returns a new object without `signature`
 * @throws InvariantError `INV-VERIFY-001` when `attestation` is not an object or cannot be read
 */
export function attestationPayload(
  attestation: ExecutionAttestation | Readonly<Record<string, unknown>>,
): AttestationPayload {
  if (typeof attestation !== "object" || attestation === null) {
    throw new InvariantError(
      "INV-VERIFY-001",
      `an attestation must be an object, got ${attestation === null ? "null" : typeof attestation}`,
    );
  }
  return codedBoundary(
    () => copyPayload(attestation),
    (raw) =>
      new InvariantError(
        "INV-VERIFY-001",
        `the attestation could not be read (${rawErrorName(raw)} thrown)`,
        { cause: raw },
      ),
  );
}

function copyPayload(
  attestation: ExecutionAttestation | Readonly<Record<string, unknown>>,
): AttestationPayload {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(attestation)) {
    if (key === "signature") continue;
    // defineProperty keeps hostile names such as __proto__ as data.
    Object.defineProperty(payload, key, {
      value: (attestation as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return payload as unknown as AttestationPayload;
}

// Every field an attestation may carry, in RFC 8785 member order (UTF-16 code units: the default
// sort, the same comparison canonicalize uses), each with its `"name":` text made once.
const KNOWN_FIELDS: readonly string[] = [
  "executionId",
  "execution_fingerprint",
  "policyId",
  "policyVersion",
  "schemaVersion",
  "runtimeVersion",
  "runtimeHash",
  "decision",
  "execution_state",
  "signalsHash",
  "bundleHash",
  "manifestHash",
  "releaseManifestHash",
  "evaluatorHash",
  "evaluatorSemanticHash",
  "evaluatorArtifactHash",
  "manifestSignature",
  "trustRootVersion",
  "signerKeyId",
  "issuedAt",
  "provenance",
  "signature",
];
const KNOWN: ReadonlySet<string> = new Set(KNOWN_FIELDS);
const SIGNED_MEMBERS: readonly (readonly [string, string])[] = KNOWN_FIELDS.filter(
  (field) => field !== "signature",
)
  .sort()
  .map((field) => [field, `${JSON.stringify(field)}:`] as const);
// The canonical text of the last string seen in each member: most members (runtime, policy and
// key identity) repeat from one attestation to the next, so their text is reused, not rebuilt.
const lastStrings: (string | undefined)[] = SIGNED_MEMBERS.map(() => undefined);
const lastTexts: string[] = SIGNED_MEMBERS.map(() => "");
const ENVELOPE_START = `{"domain":${JSON.stringify(SIGNING_DOMAINS.attestation)},"payload":{`;
const ENVELOPE_END = "}}";

/**
 * The exact string an attestation's `signature` covers:
 * `canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation)`, where the payload is every
 * field except `signature`. Any RFC 8785 implementation reproduces it from the JSON.
 *
 * A record that has only attestation fields (the normal case) is laid out from the member order
 * computed once, each value canonicalised on its own, which gives the same bytes as canonicalising
 * the whole payload without copying it or sorting its keys on every call; anything else (unknown
 * fields, symbol keys, a non-plain object) takes the general path.
 *
 * @param attestation - a signed attestation, or its payload
 * @returns the canonical signing input (sign or verify its UTF-8 bytes)
 * @throws CanonicalizationError `CANONICAL-` codes when a field is not plain JSON
 * @example
 * ```ts
 * const ok = verifier.verify(attestationSigningInput(attestation), attestation.signature);
 * ```
 */
export function attestationSigningInput(
  attestation: ExecutionAttestation | AttestationPayload | Readonly<Record<string, unknown>>,
): string {
  try {
    const record = attestation as Readonly<Record<string, unknown>>;
    if (!hasOnlyKnownFields(record)) {
      return canonicalizeForSigning(attestationPayload(record), SIGNING_DOMAINS.attestation);
    }
    let out = ENVELOPE_START;
    let first = true;
    for (let index = 0; index < SIGNED_MEMBERS.length; index++) {
      const [field, prefix] = SIGNED_MEMBERS[index] as readonly [string, string];
      // Own enumerable members only, as canonicalize (Object.keys) sees them.
      if (!Object.prototype.propertyIsEnumerable.call(record, field)) continue;
      const value = record[field];
      // canonicalize refuses undefined members; keep that (the general path throws the same error).
      if (value === undefined)
        return canonicalizeForSigning(attestationPayload(record), SIGNING_DOMAINS.attestation);
      out += first ? prefix : `,${prefix}`;
      if (typeof value === "string") {
        if (lastStrings[index] !== value) {
          lastTexts[index] = canonicalize(value);
          lastStrings[index] = value;
        }
        out += lastTexts[index] as string;
      } else {
        out += canonicalize(value);
      }
      first = false;
    }
    return out + ENVELOPE_END;
  } catch (error) {
    throw codedInputError(error, InvariantError, "INV-VERIFY-001", "attestationSigningInput");
  }
}

function hasOnlyKnownFields(record: Readonly<Record<string, unknown>>): boolean {
  if (typeof record !== "object" || record === null) return false;
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(record);
  for (let index = 0; index < keys.length; index++) {
    if (!KNOWN.has(keys[index] as string)) return false;
  }
  return Object.getOwnPropertySymbols(record).length === 0;
}
