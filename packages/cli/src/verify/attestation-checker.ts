import {
  createTrustRootVerifier,
  verifyAttestation,
  type AttestationVerificationResult,
  type SyncVerifier,
  type VerifyAttestationOptions,
} from "@parmanasystems/core";
import { loadPublicKey } from "../io/load-keys.js";
import { loadPolicyForVerification, type BundleTrust } from "../io/load-policy.js";
import { loadTrustRootFile } from "../io/load-trust-root-file.js";
import { readSignals } from "../io/read-signals.js";
import type { CheckerConfig, CheckResult } from "./verification.types.js";
import { CliError } from "../errors/index.js";

/** Verifies one parsed attestation; each thread builds its own. */
export type AttestationChecker = (attestation: Record<string, unknown>) => CheckResult;

/**
 * Builds the verifier for `parmana verify attestation` from the command's options: a public
 * key, or a trust root (core picks the key by `signerKeyId`, valid at `issuedAt`, and trusts the
 * root's runtimes), plus the policy and signals the attestations must match.
 *
 * @param config - key or trust root, and the optional policy and signals
 * @returns the checker
 * @throws CliError `CLI-002`..`CLI-004` for unreadable files; `SIG-`, `TRUST-` and `POL-` errors
 *   for a bad key, trust root or policy
 */
export function createAttestationChecker(config: CheckerConfig): AttestationChecker {
  let verifier: SyncVerifier;
  let bundleTrust: BundleTrust;
  let options: VerifyAttestationOptions = {};
  if (config.trustRootPath !== undefined) {
    const trustRoot = loadTrustRootFile(config, config.trustRootPath);
    verifier = createTrustRootVerifier(trustRoot);
    bundleTrust = { trustRoot };
    options = { trustRoot };
  } else if (config.publicKeyPath !== undefined) {
    const publicKey = loadPublicKey(config, config.publicKeyPath).verifier;
    verifier = publicKey;
    bundleTrust = { publicKey };
  } else {
    throw new CliError(
      "CLI-001",
      "a public key (--key) or a trust root (--trust-root) is required",
    );
  }
  if (config.policyPath !== undefined)
    options = {
      ...options,
      policy: loadPolicyForVerification(config, config.policyPath, bundleTrust),
    };
  if (config.signalsPath !== undefined)
    options = { ...options, signals: readSignals(config, config.signalsPath) };
  return (attestation) => toCheckResult(verifyAttestation(attestation, verifier, options));
}

function toCheckResult(result: AttestationVerificationResult): CheckResult {
  return {
    valid: result.valid,
    checks: { ...result.checks },
    errors: [...result.errors],
    warnings: [...result.warnings],
  };
}
