import { rawErrorName } from "../internal/coded-boundary.js";
import type { AttestationPayload, ExecutionAttestation } from "../attestation/attestation.types.js";
import { bindToTrustRoot } from "./internal/trust-root-binding.js";
import { warnMissingExecutionIdOnce } from "./internal/warn-missing-execution-id.js";
import { guardDevelopmentRuntime } from "./internal/guard-development-runtime.js";
import {
  joinSigningParts,
  ownRecordSigningParts,
} from "../attestation/attestation-signing-input.js";
import { LocalSigner, signBytesRaw } from "../crypto/local-signer.js";
import { LocalVerifier, verifyBytesRaw } from "../crypto/local-verifier.js";
import { encodeBase64Buffer } from "../crypto/internal/base64-buffer.js";
import { borrowUtf8Parts, returnUtf8 } from "../crypto/internal/utf8-scratch.js";
import type { Signer, Verifier } from "../crypto/signer.types.js";
import { InvariantError, ParmanaError, SignatureError } from "../errors/parmana-error.js";
import { defaultPendingOverrideStore } from "../override/default-pending-override-store.js";
import type { ReplayStore } from "../replay/replay-store.types.js";
import type { ExecuteInput, ExecuteOptions, RuntimeEnvironment } from "./execute.types.js";
import { noRuleMatched, prepareExecution } from "./internal/prepare-execution.js";
import { resolveCallForm } from "./resolve-call-form.js";
import { releaseQuietly, reserveKey, confirmKey } from "./replay-steps.js";
import { Deadline, readTimeoutMs } from "./deadline.js";
import { isThenable } from "../internal/type-checks.js";
import { randomUUID } from "../internal/node-crypto.js";
import { readClockInstant } from "../internal/read-clock.js";
import { attestationFieldErrors } from "../verify/internal/check-attestation-record.js";
import { getRuntimeIdentity } from "../runtime/get-runtime-manifest.js";
import type { RuntimeIdentity } from "../runtime/runtime-manifest.types.js";

/**
 * Decides one business case under a policy and seals the decision in a signed attestation.
 * Eight steps, each failing closed with a typed error and no attestation:
 *
 * 1. validate the input shape and unwrap governed signals (`extractSignalValues`);
 * 2. resolve the compiled policy (cached after the first load: no I/O on the hot path);
 * 3. validate the signals against the policy's `signalsSchema` (`VAL-` codes, all at once);
 * 4. compute `signalsHash`, `execution_fingerprint` and the replay key
 *    (`"<policyId>:<executionId>"` when an executionId is given, else the fingerprint);
 * 5. `reserve` the replay key (`[INV-013] Replay detected: <key>` when taken);
 * 6. evaluate: first matching rule wins; none → `[SYS-006]` (the reservation is released);
 * 7. build the payload, sign `canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation)`,
 *    and verify the signature with `verifier` before returning;
 * 8. record a pending-override decision, then `confirm` the key with the reservation's token.
 *
 * Any failure after step 5 releases the reservation (when the store has `release`), with the
 * token `reserve` returned, so a retry can proceed.
 *
 * Exactly once: an attestation is returned only when this call's own `confirm` succeeded. With a
 * fenced store (one whose `reserve` returns a token, as every store shipped by Parmana does), an
 * attempt whose reservation lapsed while it was signing cannot confirm: it fails with
 * `INV-REPLAY-003` and its signed attestation is discarded, so a key yields at most one
 * attestation whatever the timing. The whole call has a deadline, `timeoutMs` (30 s by default,
 * well under the reservation TTL of the stores): a store, signer or verifier that has not
 * answered by then fails the call closed with `INV-EXEC-004`, and the reservation is released.
 *
 * Call forms: `(input, signer, verifier, replayStore)`,
 * `(input, signer, verifier, runtimeEnvironment | undefined, replayStore)` and
 * `(input, signer, verifier, options)`.
 *
 * @param input - `{ executionId?, policyId, policyVersion, signals }`
 * @param signer - signs the attestation (sync or async)
 * @param verifier - checks the fresh signature (sync or async)
 * @param replayStoreOrOptions - a replay store, a runtime environment, or options
 * @param replayStore - the replay store of the five-argument form
 * @returns the signed attestation
 * @throws InvariantError `INV-REPLAY-001` no store, `INV-EXEC-001..003` bad signer, verifier or
 *   options, `INV-EXEC-004` the deadline passed, `INV-EXEC-005` a field the attestation would
 *   carry would not verify, `INV-REPLAY-003` the reservation lapsed before confirm,
 *   `INV-REPLAY-005` the store failed, `INV-REPLAY-006` the store returned a malformed token
 * @throws ReplayError `INV-013` the replay key is taken
 * @throws ValidationError `VAL-` codes for a malformed input or invalid signals
 * @throws PolicyError `POL-` codes when the policy cannot be found or compiled
 * @throws SystemError `SYS-006` when no rule matches
 * @throws SignatureError `SIG-005` signing failed, `SIG-006` the signature does not self-verify
 * @throws CanonicalizationError `CANONICAL-` codes for signal values that are not plain JSON
 * @example
 * ```ts
 * const attestation = await executeFromSignals(
 *   { policyId: "loan-approval", policyVersion: "1.0.0", signals: { credit_score: 720 } },
 *   new LocalSigner(privateKeyPem),
 *   new LocalVerifier(publicKeyPem),
 *   new MemoryReplayStore(),
 * );
 * attestation.decision.action; // "approve"
 * ```
 */
export function executeFromSignals(
  input: ExecuteInput,
  signer: Signer,
  verifier: Verifier,
  replayStore: ReplayStore,
): Promise<ExecutionAttestation>;
export function executeFromSignals(
  input: ExecuteInput,
  signer: Signer,
  verifier: Verifier,
  runtimeEnvironment: RuntimeEnvironment | undefined,
  replayStore: ReplayStore,
): Promise<ExecutionAttestation>;
export function executeFromSignals(
  input: ExecuteInput,
  signer: Signer,
  verifier: Verifier,
  options: ExecuteOptions,
): Promise<ExecutionAttestation>;
export async function executeFromSignals(
  input: ExecuteInput,
  signer: Signer,
  verifier: Verifier,
  replayStoreOrOptions?: ReplayStore | RuntimeEnvironment | ExecuteOptions,
  replayStore?: ReplayStore,
): Promise<ExecutionAttestation> {
  let options: ExecuteOptions;
  try {
    options = resolveCallForm(replayStoreOrOptions, replayStore);
  } catch (raw) {
    if (ParmanaError.isInstance(raw)) throw raw;
    throw new InvariantError(
      "INV-EXEC-003",
      `executeFromSignals' options could not be read (${rawErrorName(raw)} thrown)`,
      { cause: raw },
    );
  }
  checkSigner(signer);
  checkVerifier(verifier);
  const timeoutMs = readTimeoutMs(options.timeoutMs);

  // Steps 1-4 happen before anything is reserved: bad input changes nothing.
  const prepared = prepareExecution(input, options);
  if (prepared.executionId === undefined) warnMissingExecutionIdOnce();
  const executionId = prepared.executionId ?? generateExecutionId(options);
  const replayKey =
    prepared.executionId === undefined
      ? prepared.execution_fingerprint
      : `${prepared.policy.policyId}:${prepared.executionId}`;
  // Read before reserving so that a broken clock or runtime fails closed without a reservation.
  const issuedAt = readClock(options);
  if (options.runtime === undefined) guardDevelopmentRuntime();
  const runtime =
    options.runtime === undefined ? getRuntimeIdentity() : checkRuntime(options.runtime);
  // Policies served from a trust root bind the signing key to it too (checked before reserving).
  const trust =
    prepared.trustRoot === undefined
      ? undefined
      : bindToTrustRoot(prepared.trustRoot, signer, options, issuedAt);
  // Never sign what verifyAttestation would refuse: these come from options and the signer.
  const trustRootVersion = unsignable(
    "trustRootVersion",
    trust?.trustRootVersion ?? options.trustRootVersion ?? "local",
  );
  const signerKeyId = unsignable(
    "signerKeyId",
    trust?.signerKeyId ?? options.signerKeyId ?? signer.signerKeyId ?? "unspecified",
  );

  const deadline = new Deadline(timeoutMs);
  let token: string | undefined;
  try {
    // A MemoryReplayStore answers synchronously: nothing to await (no extra microtask).
    const reserved = reserveKey(options.replayStore, replayKey, deadline);
    token = isThenable(reserved) ? await reserved : reserved;
  } catch (error) {
    deadline.dispose();
    throw error;
  }
  try {
    const policy = prepared.policy;
    const decision = policy.evaluate(prepared.signals);
    if (decision === undefined) throw noRuleMatched(policy.policyId, policy.policyVersion);
    // One object: the signing input leaves `signature` out, which is filled in once signed.
    const record: Mutable<AttestationPayload> & { signature?: string } = {
      executionId,
      execution_fingerprint: prepared.execution_fingerprint,
      policyId: policy.policyId,
      policyVersion: policy.policyVersion,
      schemaVersion: policy.schemaVersion,
      runtimeVersion: runtime.runtimeVersion,
      runtimeHash: runtime.runtimeHash,
      decision: Object.freeze({
        action: decision.action,
        requires_override: decision.requires_override,
        reason: decision.reason,
      }),
      execution_state: decision.requires_override ? "pending_override" : "completed",
      signalsHash: prepared.signalsHash,
      bundleHash: policy.bundle?.bundleHash ?? policy.policyHash,
      manifestHash: policy.bundle?.manifestHash ?? policy.policyHash,
      releaseManifestHash: runtime.releaseManifestHash,
      evaluatorHash: runtime.evaluatorSemanticHash,
      evaluatorSemanticHash: runtime.evaluatorSemanticHash,
      evaluatorArtifactHash: runtime.evaluatorArtifactHash,
      manifestSignature: policy.bundle?.manifestSignature ?? "",
      trustRootVersion,
      signerKeyId,
      issuedAt,
    };
    if (prepared.provenance !== undefined) record.provenance = Object.freeze(prepared.provenance);
    record.signature = "";
    // canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation), laid out without re-sorting,
    // as pieces: a LocalSigner/LocalVerifier pair encodes them without one string of the whole.
    const signingParts = ownRecordSigningParts(record, record.provenance !== undefined);
    const sealed = deadline.within(
      signAndSelfVerify(signer, verifier, signingParts),
      "the signer or verifier",
    );
    record.signature = typeof sealed === "string" ? sealed : await sealed;
    trust?.checkSignature(joinSigningParts(signingParts), record.signature);
    const attestation = Object.freeze(record) as ExecutionAttestation;

    // Recorded before the key is confirmed: a confirmed decision is never left unrecorded.
    if (decision.requires_override) {
      const overrideRoles = policy.overrideRolesFor(decision.rule_id);
      await deadline.within(
        (options.pendingOverrideStore ?? defaultPendingOverrideStore).record({
          attestation,
          signer,
          verifier,
          ruleId: decision.rule_id,
          ...(overrideRoles === undefined ? {} : { overrideRoles }),
        }),
        "the pending-override store",
      );
    }
    // Only this call's own confirm makes the attestation valid to hand out (see above).
    const confirmed = confirmKey(options.replayStore, replayKey, token, deadline);
    if (isThenable(confirmed)) await confirmed;
    return attestation;
  } catch (error) {
    await releaseQuietly(options.replayStore, replayKey, token);
    throw error;
  } finally {
    deadline.dispose();
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Step 7: signs the signing input and verifies the fresh signature with the given verifier.
 * Synchronous signers and verifiers (LocalSigner, LocalVerifier) are not awaited, so the hot path
 * adds no microtask; a LocalSigner/LocalVerifier pair (methods not overridden) shares one UTF-8
 * encoding of the input, and the signature bytes go from signer to verifier without a base64
 * round trip (the same steps `sign`/`verify` are defined as).
 */
function signAndSelfVerify(
  signer: Signer,
  verifier: Verifier,
  signingParts: readonly string[],
): string | Promise<string> {
  if (isPlainLocalPair(signer, verifier)) {
    const bytes = borrowUtf8Parts(signingParts);
    let signature: Uint8Array;
    try {
      try {
        signature = signBytesRaw(signer, bytes);
      } catch (error) {
        throw signingFailure(error);
      }
      // The verifier's own key and checks, on the very bytes that are then encoded and returned.
      checkVerdict(verifyBytesRaw(verifier as LocalVerifier, bytes, signature));
    } finally {
      returnUtf8(bytes);
    }
    return encodeBase64Buffer(signature);
  }
  const signingInput = joinSigningParts(signingParts);
  let signed: unknown;
  try {
    signed = signer.sign(signingInput);
  } catch (error) {
    throw signingFailure(error);
  }
  if (!isThenable(signed)) return verifyFresh(verifier, signingInput, checkSignature(signed));
  return Promise.resolve(signed).then(
    (value) => verifyFresh(verifier, signingInput, checkSignature(value)),
    (error: unknown) => {
      throw signingFailure(error);
    },
  );
}

function verifyFresh(
  verifier: Verifier,
  signingInput: string,
  signature: string,
): string | Promise<string> {
  let verdict: unknown;
  try {
    verdict = verifier.verify(signingInput, signature);
  } catch (error) {
    throw verifierFailure(error);
  }
  if (!isThenable(verdict)) {
    checkVerdict(verdict);
    return signature;
  }
  return Promise.resolve(verdict).then(
    (value) => {
      checkVerdict(value);
      return signature;
    },
    (error: unknown) => {
      throw verifierFailure(error);
    },
  );
}

function isPlainLocalPair(signer: Signer, verifier: Verifier): signer is LocalSigner {
  return (
    signer instanceof LocalSigner &&
    verifier instanceof LocalVerifier &&
    signer.sign === LocalSigner.prototype.sign &&
    verifier.verify === LocalVerifier.prototype.verify
  );
}

function checkSignature(signature: unknown): string {
  if (typeof signature !== "string" || signature.length === 0) {
    throw new SignatureError(
      "SIG-005",
      `the signer returned ${typeof signature === "string" ? "an empty string" : typeof signature} instead of a base64 signature`,
    );
  }
  return signature;
}

function checkVerdict(verdict: unknown): void {
  if (verdict === true) return;
  // Only `false` means "another key"; anything else is a verifier breaking its contract.
  throw new SignatureError(
    "SIG-006",
    verdict === false
      ? "the fresh signature does not verify with the given verifier: the signer and verifier do not hold the two halves of one key pair"
      : `the verifier returned ${typeof verdict === "string" ? JSON.stringify(verdict) : typeof verdict} instead of the boolean true or false: fix the verifier's verify() (it must return a boolean, or a Promise of one)`,
  );
}

function signingFailure(error: unknown): ParmanaError {
  // A signer's own coded errors (a KMS adapter's, say) pass through unchanged.
  if (ParmanaError.isInstance(error)) return error;
  return new SignatureError(
    "SIG-005",
    `the signer failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

function verifierFailure(error: unknown): SignatureError {
  return new SignatureError(
    "SIG-006",
    `the verifier failed on the fresh signature: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
}

/** A field the attestation will carry must be one `verifyAttestation` accepts. */
function unsignable(field: "signerKeyId" | "trustRootVersion", value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvariantError(
      "INV-EXEC-005",
      `${field} must be a non-empty string (verifyAttestation refuses anything else), got ${typeof value === "string" ? "an empty string" : typeof value}`,
      { details: { field } },
    );
  }
  return value;
}

function checkSigner(signer: unknown): asserts signer is Signer {
  if (!hasMethod(signer, "sign")) {
    throw new InvariantError(
      "INV-EXEC-001",
      "executeFromSignals needs a signer with a sign(payload) method as its 2nd argument",
    );
  }
}

function checkVerifier(verifier: unknown): asserts verifier is Verifier {
  if (!hasMethod(verifier, "verify")) {
    throw new InvariantError(
      "INV-EXEC-002",
      "executeFromSignals needs a verifier with a verify(payload, signature) method as its 3rd argument",
    );
  }
}

/** An object whose `name` member can be read and is a function (a throwing Proxy is not one). */
function hasMethod(value: unknown, name: "sign" | "verify"): boolean {
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      typeof (value as Record<string, unknown>)[name] === "function"
    );
  } catch {
    return false;
  }
}

function generateExecutionId(options: ExecuteOptions): string {
  const id = options.generateId === undefined ? randomUUID() : options.generateId();
  if (typeof id !== "string" || id.length === 0) {
    throw new InvariantError("INV-EXEC-003", "options.generateId must return a non-empty string");
  }
  return id;
}

function readClock(options: ExecuteOptions): string {
  const now = readClockInstant(options.clock, "date-or-epoch-ms");
  // An attestation's issuedAt has a four-digit year (0000-9999), as verifyAttestation requires.
  if (now === undefined || !(now >= MIN_ISSUED_AT_MS && now <= MAX_ISSUED_AT_MS))
    throw invalidClock();
  // Calls within one millisecond share the text: toISOString is a measurable part of the hot path.
  if (now !== lastClockMs) {
    lastClockText = new Date(now).toISOString();
    lastClockMs = now;
  }
  return lastClockText;
}

// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z.
const MIN_ISSUED_AT_MS = -62_167_219_200_000;
const MAX_ISSUED_AT_MS = 253_402_300_799_999;

let lastClockMs = Number.NaN;
let lastClockText = "";

function invalidClock(): InvariantError {
  return new InvariantError(
    "INV-EXEC-003",
    "options.clock must return a valid Date or epoch milliseconds between years 0000 and 9999",
  );
}

const RUNTIME_FIELDS = [
  "runtimeVersion",
  "runtimeHash",
  "releaseManifestHash",
  "evaluatorSemanticHash",
  "evaluatorArtifactHash",
] as const;

function checkRuntime(runtime: RuntimeIdentity): RuntimeIdentity {
  for (const field of RUNTIME_FIELDS) {
    const value: unknown = (runtime as unknown as Record<string, unknown> | undefined)?.[field];
    if (typeof value !== "string" || value.length === 0) {
      throw new InvariantError(
        "INV-EXEC-003",
        `options.runtime.${field} must be a non-empty string`,
      );
    }
  }
  for (const field of RUNTIME_FIELDS) {
    const value = runtime[field];
    // evaluatorSemanticHash is written to both evaluator fields; its format is evaluatorHash's.
    const problems = attestationFieldErrors(field, value);
    if (problems.length > 0) {
      throw new InvariantError(
        "INV-EXEC-005",
        `options.runtime.${field} would make an attestation verifyAttestation refuses: ${problems.join("; ")}`,
        { details: { field } },
      );
    }
  }
  return runtime;
}
