import {
  attestationSigningInput,
  buildTrustedRuntimeSet,
  checkAttestationRecord,
  checkRuntime,
  checkSchema,
  describeUntrusted,
  InvariantError,
  isPlainRecord,
  listOption,
  messageOf,
  RELEASED_RUNTIMES,
  readAttestationOptions,
  runtimeManifestDefinition,
  Report,
  type AttestationVerificationResult,
  type TrustedRuntimeSet,
  type TrustRoot,
} from "@parmanasystems/core/portable";
import { prepareCanonicalHash } from "../crypto/canonical-hasher.js";
import { verifyWithKey } from "../keys/import-public-key.js";
import type { PublicKeyInput } from "../keys/verification-key.types.js";
import { explainSignature } from "../trust/explain-signature.js";
import { resolveTrust } from "./resolve-trust.js";
import type {
  TrustRootInput,
  VerifyAttestationInput,
  VerifyAttestationOptions,
} from "./verify.types.js";
import type { NotPromiseLike } from "./not-promise-like.types.js";

const OPTION_NAMES: ReadonlySet<string> = new Set([
  "trustedRuntimes",
  "runtimeManifests",
  "trustedRuntimeHashes",
  "supportedSchemaVersions",
]);

/**
 * Verifies an attestation with WebCrypto, with the same four checks, result, codes and messages
 * as `verifyAttestation` of `@parmanasystems/core`: `signature_verified`, `runtime_verified`,
 * `schema_compatible`, `governed`; `valid` only when all pass. Never throws for a bad
 * attestation (garbage, tampered, wrong types): it reports, with `[INV-VERIFY-0xx]` and, for a
 * trust root, `[TRUST-02x]` errors.
 *
 * With a trust root the key is the one `signerKeyId` names, meant for attestations, valid and not
 * revoked at `issuedAt`; the root's `trustedRuntimeHashes` are trusted runtimes. Runtimes trusted
 * by default are the released runtimes of `@parmanasystems/core` (the committed history this
 * package was built with).
 *
 * @param attestation - the attestation object, or anything parsed from storage
 * @param keyOrTrustRoot - a public key (PEM, JWK, raw bytes, or from `importPublicKey`) or a trust root (object or JSON text)
 * @param runtimeManifestOrOptions - options, or a runtime manifest / identity to trust
 * @returns the result
 * @throws InvariantError `INV-EXEC-002` without a key, `INV-EXEC-003` options of the wrong shape,
 *   `INV-VERIFY-031` an unknown or unsupported option (policy, signals); SignatureError `SIG-001`..`SIG-003`
 *   for a bad key; TrustError `TRUST-001`/`TRUST-002` for a bad trust root
 * @example
 * ```ts
 * import { verifyAttestation } from "@parmanasystems/verify";
 *
 * const result = await verifyAttestation(attestation, publicKeyPem);
 * result.valid;  // true
 * result.checks; // { signature_verified: true, runtime_verified: true, schema_compatible: true, governed: true }
 * ```
 */
export async function verifyAttestation<A>(
  attestation: NotPromiseLike<A>,
  keyOrTrustRoot: PublicKeyInput | TrustRootInput,
  runtimeManifestOrOptions?: VerifyAttestationInput,
): Promise<AttestationVerificationResult> {
  const trust = await resolveTrust(
    keyOrTrustRoot,
    () =>
      new InvariantError(
        "INV-EXEC-002",
        `verifyAttestation needs a public key or a trust root, got ${describeUntrusted(keyOrTrustRoot)}`,
      ),
  );
  const options = readOptions(runtimeManifestOrOptions);
  const report = new Report();

  if (!isPlainRecord(attestation)) {
    report.malformed(
      `[INV-VERIFY-001] an attestation must be a JSON object, got ${describeUntrusted(attestation)}`,
    );
    return report.finish(false);
  }

  checkAttestationRecord(attestation, report.governed);
  checkSchema(attestation, options.supportedSchemaVersions, report);
  checkRuntime(attestation, await trustedRuntimes(options, trust.trust?.root), report);

  const signature = attestation["signature"];
  if (typeof signature !== "string" || signature.length === 0) {
    report.signatureErrors.push("[INV-VERIFY-002] the attestation carries no signature");
    return report.finish(false);
  }
  let signingInput: string;
  try {
    signingInput = attestationSigningInput(attestation);
  } catch (error) {
    report.signatureErrors.push(
      `[INV-VERIFY-001] the attestation is not plain JSON: ${messageOf(error)}`,
    );
    return report.finish(false);
  }

  if (trust.trust !== undefined) {
    const verdict = await explainSignature(trust.trust, signingInput, signature, {
      purpose: "attestation",
    });
    if (!verdict.valid)
      report.signatureErrors.push(
        `[${verdict.code ?? "TRUST-026"}] ${verdict.reason ?? "the signature does not verify"}`,
      );
    return report.finish(verdict.valid);
  }
  return report.finishWithAnswer(await verifyWithKey(trust.key, signingInput, signature));
}

/** The runtimes trusted: released ones, the caller's, and those the trust root lists. */
async function trustedRuntimes(
  options: VerifyAttestationOptions,
  root: TrustRoot | undefined,
): Promise<TrustedRuntimeSet> {
  const manifests = listOption(options.runtimeManifests, "runtimeManifests");
  const hashManifest = await prepareCanonicalHash(
    manifests.map((manifest) => runtimeManifestDefinition(manifest)),
  );
  return buildTrustedRuntimeSet(
    RELEASED_RUNTIMES,
    {
      identities: listOption(options.trustedRuntimes, "trustedRuntimes"),
      manifests,
      hashes: [
        ...listOption(options.trustedRuntimeHashes, "trustedRuntimeHashes"),
        ...(root?.trustedRuntimeHashes ?? []),
      ],
    },
    hashManifest,
  );
}

function readOptions(input: VerifyAttestationInput | undefined): VerifyAttestationOptions {
  const { options, fromRuntime } = readAttestationOptions(input);
  if (fromRuntime) return options as VerifyAttestationOptions;
  for (const name of Object.keys(options)) {
    if (OPTION_NAMES.has(name)) continue;
    throw new InvariantError(
      "INV-VERIFY-031",
      name === "policy" || name === "signals" || name === "trustRoot"
        ? `verifyAttestation option ${name} is not supported by @parmanasystems/verify (${name === "trustRoot" ? "pass the trust root as the second argument" : "re-evaluating a policy needs @parmanasystems/core"})`
        : `unknown verifyAttestation option ${JSON.stringify(name)}`,
      { details: { option: name } },
    );
  }
  return options as VerifyAttestationOptions;
}
