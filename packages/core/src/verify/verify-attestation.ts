import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import {
  attestationSigningParts,
  joinSigningParts,
} from "../attestation/attestation-signing-input.js";
import { isPlainLocalVerifier, verifySigningParts } from "../crypto/local-verifier.js";
import type { AsyncVerifier, SyncVerifier, Verifier } from "../crypto/signer.types.js";
import { InvariantError } from "../errors/parmana-error.js";
import { trustRootVerifierFor } from "../trust/internal/trust-root-verifier-cache.js";
import type { TrustRootVerifier } from "../trust/trust-root-verifier.js";
import { checkAttestationRecord } from "./internal/check-attestation-record.js";
import {
  describeUntrusted as describe,
  isPlainRecord,
  isThenable,
  messageOf,
} from "../internal/type-checks.js";
import { readAttestationOptions } from "./internal/attestation-options.js";
import { checkRuntime, checkSchema, Report } from "./internal/attestation-report.js";
import { checkPolicyBinding } from "./internal/check-policy-binding.js";
import { collectTrustedRuntimes } from "./trusted-runtimes.js";
import { snapshotRecord } from "./internal/snapshot-record.js";
import { readExplanation } from "../trust/internal/read-explanation.js";
import type { NotPromiseLike } from "../internal/not-promise-like.types.js";
import type {
  AttestationVerificationResult,
  VerifyAttestationInput,
  VerifyAttestationOptions,
} from "./verify-attestation.types.js";

/**
 * Verifies an attestation offline with a public key and reports four checks:
 * `signature_verified`, `runtime_verified`, `schema_compatible`, `governed`; `valid` only when all
 * pass. Synchronous for a synchronous verifier (`LocalVerifier`), a Promise for an asynchronous
 * one (KMS, Vault). Never throws for a bad attestation (garbage, tampered, wrong types): it
 * reports, with `[INV-VERIFY-0xx]` errors.
 *
 * @param attestation - the attestation object, or anything parsed from storage; a Promise (a
 *   forgotten `await`) does not compile
 * @param verifier - verifies the signature; its key is the trusted key
 * @param runtimeManifestOrOptions - options, or a runtime manifest / identity to trust besides the running runtime
 * @returns the result, or a Promise of it for an asynchronous verifier
 * The record is copied once (own enumerable data properties only) and only the copy is judged:
 * accessors, hidden properties and throwing Proxies are `[INV-VERIFY-014]`. A trust-root
 * verifier (one with `explain`) passes only on `valid === true`; a throwing one is
 * `[INV-VERIFY-003]`. A `trustRoot` option is judged by its content at each call, so a root edited
 * in place is never served from a stale cache.
 *
 * @throws InvariantError `INV-EXEC-002` without a verifier, `INV-EXEC-003` for options of the
 *   wrong shape or an unknown option name
 * @throws TrustError `TRUST-002` for an invalid `trustRoot` option
 * @example
 * ```ts
 * const result = verifyAttestation(attestation, new LocalVerifier(publicKey));
 * result.valid;  // true
 * result.checks; // { signature_verified: true, runtime_verified: true, schema_compatible: true, governed: true }
 * ```
 */
export function verifyAttestation<A>(
  attestation: NotPromiseLike<A>,
  verifier: SyncVerifier,
  runtimeManifestOrOptions?: VerifyAttestationInput,
): AttestationVerificationResult;
export function verifyAttestation<A>(
  attestation: NotPromiseLike<A>,
  verifier: AsyncVerifier,
  runtimeManifestOrOptions?: VerifyAttestationInput,
): Promise<AttestationVerificationResult>;
export function verifyAttestation<A>(
  attestation: NotPromiseLike<A>,
  verifier: Verifier,
  runtimeManifestOrOptions?: VerifyAttestationInput,
): AttestationVerificationResult | Promise<AttestationVerificationResult>;
export function verifyAttestation(
  input: unknown,
  verifier: Verifier,
  runtimeManifestOrOptions?: VerifyAttestationInput,
): AttestationVerificationResult | Promise<AttestationVerificationResult> {
  if (!hasVerifyMethod(verifier)) {
    throw new InvariantError(
      "INV-EXEC-002",
      `verifyAttestation needs a verifier with a verify(payload, signature) method, got ${describeUnreadable(verifier)}`,
    );
  }
  const options = codedBoundary(
    () => readOptions(runtimeManifestOrOptions),
    (raw) =>
      new InvariantError(
        "INV-EXEC-003",
        `verifyAttestation's options could not be read (${rawErrorName(raw)} thrown)`,
        { cause: raw },
      ),
  );
  const report = new Report();

  // Judge one private copy: the caller's object is read exactly once.
  const snapshot = snapshotRecord(input);
  if (!snapshot.ok) {
    report.malformed(`[INV-VERIFY-014] the attestation is not plain data: ${snapshot.problem}`);
    const result = report.finish(false);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }
  const attestation = snapshot.value;
  if (!isPlainRecord(attestation)) {
    report.malformed(
      `[INV-VERIFY-001] an attestation must be a JSON object, got ${describe(attestation)}`,
    );
    const result = report.finish(false);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }

  checkAttestationRecord(attestation, report.governed);
  checkSchema(attestation, options.supportedSchemaVersions, report);
  checkRuntime(attestation, collectTrustedRuntimes(options), report);
  if (options.policy !== undefined || options.signals !== undefined) {
    checkPolicyBinding(attestation, options.policy, options.signals, report.governed);
  }

  const signature = attestation["signature"];
  if (typeof signature !== "string" || signature.length === 0) {
    report.signatureErrors.push("[INV-VERIFY-002] the attestation carries no signature");
    const result = report.finish(false);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }
  let signingParts: readonly string[];
  try {
    signingParts = attestationSigningParts(attestation);
  } catch (error) {
    report.signatureErrors.push(
      `[INV-VERIFY-001] the attestation is not plain JSON: ${messageOf(error)}`,
    );
    const result = report.finish(false);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }

  // With a trust root, the key is the one signerKeyId names, valid at issuedAt; a trust-root
  // verifier passed directly explains its refusals the same way.
  const trusted =
    options.trustRoot !== undefined
      ? trustRootVerifierFor(options.trustRoot)
      : asTrustRootVerifier(verifier);
  if (trusted !== undefined) {
    const signingInput = joinSigningParts(signingParts);
    const verdict = readExplanation(() =>
      trusted.explain(signingInput, signature, { purpose: "attestation" }),
    );
    if (!verdict.valid) report.signatureErrors.push(verdict.error);
    const result = report.finish(verdict.valid);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }

  let outcome: unknown;
  try {
    // A LocalVerifier of the class's own verify encodes the pieces without joining them first.
    outcome = isPlainLocalVerifier(verifier)
      ? verifySigningParts(verifier, signingParts, signature)
      : verifier.verify(joinSigningParts(signingParts), signature);
  } catch (error) {
    report.signatureErrors.push(`[INV-VERIFY-003] the verifier threw: ${messageOf(error)}`);
    const result = report.finish(false);
    return looksAsynchronous(verifier) ? Promise.resolve(result) : result;
  }
  if (isThenable(outcome)) {
    return Promise.resolve(outcome).then(
      (answer) => report.finishWithAnswer(answer),
      (error: unknown) => {
        report.signatureErrors.push(`[INV-VERIFY-003] the verifier failed: ${messageOf(error)}`);
        return report.finish(false);
      },
    );
  }
  return report.finishWithAnswer(outcome);
}

// Every option name; anything else is a typo that would silently drop a check.
const OPTION_KEYS: ReadonlySet<string> = new Set([
  "trustedRuntimes",
  "runtimeManifests",
  "trustedRuntimeHashes",
  "policy",
  "signals",
  "supportedSchemaVersions",
  "trustRoot",
]);

function readOptions(input: VerifyAttestationInput | undefined): VerifyAttestationOptions {
  const { options, fromRuntime } = readAttestationOptions(input);
  if (fromRuntime) return options;
  const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvariantError(
      "INV-EXEC-003",
      `unknown verifyAttestation option(s): ${unknown.map((key) => JSON.stringify(key)).join(", ")} (known: ${[...OPTION_KEYS].join(", ")})`,
      { details: { unknown } },
    );
  }
  if (
    options.signals !== undefined &&
    (typeof options.signals !== "object" || options.signals === null)
  ) {
    throw new InvariantError(
      "INV-EXEC-003",
      "verifyAttestation option signals must be an object of signal values",
    );
  }
  return options;
}

// When the verifier is never called (no signature to check), its kind decides the return type:
// an `async verify` is an AsyncFunction, so callers typed for a Promise still get one. A verifier
// whose `verify` can no longer be read (a getter that throws after the argument check) is
// reported synchronously, as it was not called.
function looksAsynchronous(verifier: Verifier): boolean {
  try {
    return verifier.verify.constructor?.name === "AsyncFunction";
  } catch {
    return false;
  }
}

// A throwing Proxy cannot even be described; say so instead of letting its trap escape.
function describeUnreadable(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return "an object whose members cannot be read";
  }
}

/** A verifier whose `verify` can be read and is a function (a throwing Proxy is not one). */
function hasVerifyMethod(verifier: unknown): verifier is Verifier {
  try {
    return (
      typeof verifier === "object" &&
      verifier !== null &&
      typeof (verifier as Verifier).verify === "function"
    );
  } catch {
    return false;
  }
}

function asTrustRootVerifier(verifier: Verifier): TrustRootVerifier | undefined {
  const candidate = verifier as Partial<TrustRootVerifier>;
  try {
    return typeof candidate.explain === "function" && typeof candidate.trustRootVersion === "string"
      ? (candidate as TrustRootVerifier)
      : undefined;
  } catch {
    // Unreadable members: not a trust-root verifier; its verify call is judged on its own.
    return undefined;
  }
}
