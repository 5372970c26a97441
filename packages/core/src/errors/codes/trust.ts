import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `TRUST-` codes: trust roots, bundles and runtime identity.
 * Ranges: 001-019 trust-root files, 020-039 rotation and key selection, 040-059 bundles and
 * policy authoring, 060-079 runtime identity.
 */
export const TRUST_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "TRUST-060": {
    title: "Malformed runtime manifest",
    cause: "dist/runtime-manifest.json (or a runtime manifest given to verifyRuntime) is not valid JSON or lacks a required field.",
    fix: "Rebuild @parmanasystems/core with `pnpm build`, or pass the manifest exactly as getRuntimeManifest returns it.",
  },
  "TRUST-061": {
    title: "Runtime manifest does not belong to this build",
    cause: "The shipped runtime manifest names an evaluator semantics hash or version other than the code's, or its evaluatorArtifactHash is not the hash of its files.",
    fix: "Rebuild the package; never copy a runtime manifest between builds.",
  },
  "TRUST-062": {
    title: "Release manifest missing or malformed",
    cause: "dist/release-manifest.json is absent beside dist/runtime-manifest.json, not valid JSON, or malformed.",
    fix: "Rebuild with `pnpm build`, which runs scripts/generate-release-manifest.mjs after the runtime manifest.",
  },
};
