import { CliError } from "../errors/index.js";
import type { CheckerConfig, CheckResult } from "./verification.types.js";

/** Verifies one parsed attestation; each thread builds its own. */
export type AttestationChecker = (attestation: Record<string, unknown>) => CheckResult | Promise<CheckResult>;

/**
 * Builds the verifier for `parmana verify attestation` from the command's options.
 *
 * @param config - key or trust root, and the optional policy and signals to match
 * @returns the checker
 * @throws CliError `CLI-006` while `verifyAttestation` is not in this build
 */
export function createAttestationChecker(config: CheckerConfig): AttestationChecker {
  void config;
  throw new CliError("CLI-006", "verify attestation is not available in this build (verifyAttestation is missing from @parmanasystems/core)");
}
