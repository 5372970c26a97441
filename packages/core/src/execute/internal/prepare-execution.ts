import { ParmanaError, SystemError, ValidationError } from "../../errors/parmana-error.js";
import { rawErrorName } from "../../internal/coded-boundary.js";
import { computeExecutionHashes } from "../../attestation/execution-fingerprint.js";
import type { CompiledPolicy } from "../../policy/compiled-policy.types.js";
import type { PolicyRegistry } from "../../policy/policy-registry.types.js";
import { createSignalValidationError } from "../../policy/problem-errors.js";
import { validateExecutionInputShape } from "../../policy/validate-execution-input.js";
import { buildProvenanceAttestationSummary } from "../../signal-provenance/build-provenance-attestation-summary.js";
import { unwrapGovernedSignals } from "../../signal-provenance/normalize-governed-signals.js";
import { isGovernedSignal } from "../../signal-provenance/is-governed-signal.js";
import type { ProvenanceAttestationSummary } from "../../signal-provenance/provenance.types.js";
import type { ExecuteInput, RuntimeEnvironment } from "../execute.types.js";
import { resolvePolicyRegistry } from "./resolve-policy-registry.js";
import { StrictPolicyRegistry } from "../../bundle/strict-policy-registry.js";
import type { TrustRoot } from "../../trust/trust-root.types.js";

/** Everything steps 1-4 establish before a replay key is reserved. */
export interface PreparedExecution {
  /** The caller's executionId, when given. */
  readonly executionId: string | undefined;
  readonly policy: CompiledPolicy;
  /** Plain signal values (provenance stripped), valid for the policy. */
  readonly signals: Readonly<Record<string, unknown>>;
  readonly signalsHash: string;
  readonly execution_fingerprint: string;
  /** Present only when at least one signal carried provenance. */
  readonly provenance: ProvenanceAttestationSummary | undefined;
  /** The trust root the policy was served from (a StrictPolicyRegistry), which also binds the signing key. */
  readonly trustRoot: TrustRoot | undefined;
}

/** What {@link prepareExecution} reads from the options. */
export interface PrepareOptions {
  readonly policies?: PolicyRegistry;
  readonly runtimeEnvironment?: RuntimeEnvironment;
}

/**
 * Steps 1-4 of `executeFromSignals` (and all of `simulate` but the evaluation): validate the
 * input shape, unwrap governed signals, resolve the policy, validate the signals, and compute the
 * hashes. Touches no store.
 *
 * @param input - the execution input as received
 * @param options - the registry or the runtime environment for the default one
 * @returns the prepared execution
 * @throws ValidationError `VAL-` codes, PolicyError `POL-` codes, ProvenanceError `PROV-` codes,
 *   CanonicalizationError `CANONICAL-` codes
 */
export function prepareExecution(input: unknown, options: PrepareOptions): PreparedExecution {
  // Step 1: the shape, then the determinism boundary.
  // A Proxy or throwing getter in the input is a malformed input, not a raw TypeError.
  let executionId: string | undefined;
  let policyId: string;
  let policyVersion: string;
  let signals: Record<string, unknown>;
  let provenance: ProvenanceAttestationSummary | undefined;
  try {
    const shapeProblems = validateExecutionInputShape(input);
    if (shapeProblems.length > 0) throw createSignalValidationError(shapeProblems);
    const given = input as ExecuteInput;
    const raw = given.signals as Record<string, unknown>;
    executionId = given.executionId;
    policyId = given.policyId;
    policyVersion = given.policyVersion;
    const unwrapped = unwrapGovernedSignals(raw);
    signals = unwrapped.values;
    // Only a governed signal carries provenance: without one there is nothing to summarise.
    provenance =
      unwrapped.governed && carriesProvenance(raw)
        ? buildProvenanceAttestationSummary(raw)
        : undefined;
  } catch (raw) {
    if (ParmanaError.isInstance(raw)) throw raw;
    throw new ValidationError(
      "VAL-001",
      `the execution input could not be read as plain data (${rawErrorName(raw)} thrown)`,
      { cause: raw },
    );
  }

  // Step 2: compiled once per registry; resolve is synchronous and cached after the first load.
  const registry = resolvePolicyRegistry(options.policies, options.runtimeEnvironment);
  const policy = registry.resolve(policyId, policyVersion);

  // Step 3: every problem at once, the first one's code.
  const problems = policy.validateSignals(signals);
  if (problems.length > 0) throw createSignalValidationError(problems);

  // Step 4: one canonicalisation of the signals for both hashes.
  const hashes = computeExecutionHashes(policy.policyId, policy.policyVersion, signals);
  return {
    executionId,
    policy,
    signals,
    signalsHash: hashes.signalsHash,
    execution_fingerprint: hashes.execution_fingerprint,
    provenance,
    trustRoot: registry instanceof StrictPolicyRegistry ? registry.trustRoot : undefined,
  };
}

/**
 * The `SYS-006` error for signals that no rule matches.
 *
 * @param policyId - the policy's id
 * @param policyVersion - the policy's version
 * @returns the error to throw
 */
export function noRuleMatched(policyId: string, policyVersion: string): SystemError {
  return new SystemError(
    "SYS-006",
    `No rule matched the signals under policy ${policyId}@${policyVersion}`,
    {
      details: { policyId, policyVersion },
    },
  );
}

function carriesProvenance(signals: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(signals)) {
    const entry = signals[key];
    if (isGovernedSignal(entry) && entry.provenance !== undefined) return true;
  }
  return false;
}
