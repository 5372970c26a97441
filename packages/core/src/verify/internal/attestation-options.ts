// Platform-neutral (no node: import): how verifyAttestation reads its third argument, shared as
// source with @parmanasystems/verify.
import { InvariantError } from "../../errors/parmana-error.js";
import type { RuntimeManifest } from "../../runtime/runtime-manifest.types.js";
import { describeUntrusted as describe } from "../../internal/type-checks.js";
import type {
  TrustedRuntime,
  VerifyAttestationInput,
  VerifyAttestationOptions,
} from "../verify-attestation.types.js";

const NO_OPTIONS: VerifyAttestationOptions = Object.freeze({});

/**
 * The options of verifyAttestation's third argument: none, an options object (`fromRuntime`
 * false; the caller checks its own members further), or the options a runtime manifest or
 * runtime identity stands for (told apart by its string `runtimeVersion`).
 *
 * @internal
 * @throws InvariantError `INV-EXEC-003` for a non-object, or a supportedSchemaVersions that is not an array
 */
export function readAttestationOptions(input: VerifyAttestationInput | undefined): {
  readonly options: VerifyAttestationOptions;
  readonly fromRuntime: boolean;
} {
  if (input === undefined || input === null) return { options: NO_OPTIONS, fromRuntime: true };
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new InvariantError(
      "INV-EXEC-003",
      `verifyAttestation's third argument must be an options object or a runtime manifest, got ${describe(input)}`,
    );
  }
  if (typeof (input as { runtimeVersion?: unknown }).runtimeVersion === "string") {
    // A runtime identity carries its hash; a runtime manifest is hashed to it.
    const runtime = input as Partial<TrustedRuntime> & RuntimeManifest;
    const options: VerifyAttestationOptions =
      typeof runtime.runtimeHash === "string"
        ? {
            trustedRuntimes: [
              { runtimeVersion: runtime.runtimeVersion, runtimeHash: runtime.runtimeHash },
            ],
          }
        : { runtimeManifests: [runtime] };
    return { options, fromRuntime: true };
  }
  const options = input as VerifyAttestationOptions;
  if (
    options.supportedSchemaVersions !== undefined &&
    !Array.isArray(options.supportedSchemaVersions)
  ) {
    throw new InvariantError(
      "INV-EXEC-003",
      "verifyAttestation option supportedSchemaVersions must be an array of strings",
    );
  }
  return { options, fromRuntime: false };
}
