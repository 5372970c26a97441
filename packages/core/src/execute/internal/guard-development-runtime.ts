import { TrustError } from "../../errors/parmana-error.js";
import { getRuntimeManifest } from "../../runtime/get-runtime-manifest.js";

const WARNED = Symbol.for("@parmanasystems/core/warnedDevelopmentRuntime");

/** Code of the process warning emitted when signing under a development runtime identity. */
export const DEVELOPMENT_RUNTIME_WARNING = "PARMANA_DEVELOPMENT_RUNTIME";

/**
 * Signing under a development runtime identity (code run from source, or a bundle that lost the
 * build's identity) produces attestations no auditor trusts (`INV-VERIFY-004`): refused under
 * `NODE_ENV=production`, otherwise warned about loudly, once per process.
 *
 * @internal
 * @throws TrustError `TRUST-093` in production
 */
export function guardDevelopmentRuntime(): void {
  const manifest = getRuntimeManifest();
  if (manifest.source !== "development") return;
  const message = `signing under a development runtime identity (runtime ${manifest.runtimeVersion}, ${manifest.runtimeHash}): this code does not run from a build of @parmanasystems/core, so verifiers will not trust its attestations (INV-VERIFY-004)`;
  if (process.env["NODE_ENV"] === "production") throw new TrustError("TRUST-093", message);
  const flags = globalThis as { [WARNED]?: boolean };
  if (flags[WARNED] === true) return;
  flags[WARNED] = true;
  process.emitWarning(`${message}. Run or bundle the built package (dist/).`, {
    type: "ParmanaWarning",
    code: DEVELOPMENT_RUNTIME_WARNING,
  });
}
