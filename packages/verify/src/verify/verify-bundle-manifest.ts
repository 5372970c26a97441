import {
  bundleHashInput,
  bundleManifestProblems,
  bundleSignatureProblems,
  canonicalizeForSigning,
  checkPolicyIdentity,
  InvariantError,
  normalizeArtifactText,
  POLICY_ARTIFACT,
  SIGNING_DOMAINS,
  type BundleManifest,
  type BundleSignature,
} from "@parmanasystems/core/portable";
import { prepareCanonicalHash } from "../crypto/canonical-hasher.js";
import { sha256Hex } from "../crypto/subtle.js";
import { verifyWithKey } from "../keys/import-public-key.js";
import type { PublicKeyInput } from "../keys/verification-key.types.js";
import { explainSignature } from "../trust/explain-signature.js";
import { resolveTrust } from "./resolve-trust.js";
import type { TrustRootInput } from "./verify.types.js";

/** Options of {@link verifyBundleManifest}. */
export interface VerifyBundleManifestOptions {
  /**
   * The bundle's files by their manifest path (`"policy.json"`), as text or bytes. With them,
   * each is hashed as core hashes it (strict UTF-8, a leading BOM dropped, CRLF as LF) and
   * compared with the manifest, and policy.json must name the manifest's policy.
   */
  readonly artifacts?: Readonly<Record<string, string | Uint8Array>>;
}

/** The checks of {@link verifyBundleManifest}; `content` is null when no artifacts were given. */
export interface BundleManifestChecks {
  readonly manifest: boolean;
  readonly content: boolean | null;
  readonly bundleHash: boolean;
  readonly signature: boolean;
}

/** What {@link verifyBundleManifest} reports. Errors start with their `[TRUST-04x]` code. */
export interface BundleManifestVerificationResult {
  /** True when every check passed (the content check only when artifacts were given). */
  readonly valid: boolean;
  readonly checks: BundleManifestChecks;
  readonly bundleHash: string | undefined;
  /** `canonicalHash(manifest)`: the `manifestHash` attestations carry. */
  readonly manifestHash: string | undefined;
  readonly policyId: string | undefined;
  readonly version: string | undefined;
  /** The key id bundle.sig names (when bundle.sig is well formed). */
  readonly keyId: string | undefined;
  readonly errors: readonly string[];
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Verifies a policy bundle manifest and its signature (`bundle.manifest.json` and `bundle.sig`,
 * parsed) with WebCrypto, with the checks and codes of `verifyBundle` in `@parmanasystems/core`:
 * the manifest is well formed (`TRUST-041`), its `bundleHash` is right (`TRUST-043`), bundle.sig
 * is well formed (`TRUST-044`) and verifies over the manifest under the manifest signing domain
 * (`TRUST-045`; with a trust root, `TRUST-046` when the key may not sign bundles), and, given the
 * files, every artifact hashes to the manifest's value (`TRUST-042`, `TRUST-048`). Never throws
 * for a bad bundle.
 *
 * @param manifest - the parsed bundle.manifest.json
 * @param bundleSignature - the parsed bundle.sig (`{ keyId, algorithm, signature }`)
 * @param keyOrTrustRoot - the bundle signer's public key, or a trust root
 * @param options - the bundle's files, to check their hashes
 * @returns `{ valid, checks, bundleHash, manifestHash, policyId, version, keyId, errors }`
 * @throws InvariantError `INV-EXEC-002` without a key; SignatureError / TrustError for a bad key or root
 * @example
 * ```ts
 * const result = await verifyBundleManifest(manifest, bundleSig, publicKeyPem, {
 *   artifacts: { "policy.json": policyText },
 * });
 * result.valid; // true
 * ```
 */
export async function verifyBundleManifest(
  manifest: unknown,
  bundleSignature: unknown,
  keyOrTrustRoot: PublicKeyInput | TrustRootInput,
  options: VerifyBundleManifestOptions = {},
): Promise<BundleManifestVerificationResult> {
  const trust = await resolveTrust(
    keyOrTrustRoot,
    () =>
      new InvariantError("INV-EXEC-002", "verifyBundleManifest needs a public key or a trust root"),
  );
  const errors: string[] = [];
  const shape = bundleManifestProblems(manifest);
  if (shape.length > 0) {
    errors.push(`[TRUST-041] bundle.manifest.json is malformed: ${shape.join("; ")}`);
    const none = { manifest: false, content: false, bundleHash: false, signature: false };
    return {
      valid: false,
      checks: none,
      bundleHash: undefined,
      manifestHash: undefined,
      policyId: undefined,
      version: undefined,
      keyId: undefined,
      errors,
    };
  }
  const checked = manifest as BundleManifest;
  const canonicalHash = await prepareCanonicalHash([checked, bundleHashInput(checked)]);

  const content =
    options.artifacts === undefined ? null : await checkContent(checked, options.artifacts, errors);
  const bundleHashOk = canonicalHash(bundleHashInput(checked)) === checked.bundleHash;
  if (!bundleHashOk)
    errors.push(
      `[TRUST-043] the manifest's bundleHash ${checked.bundleHash} is not the hash of its identity and artifacts`,
    );

  let signatureOk = false;
  const signatureProblems = bundleSignatureProblems(bundleSignature);
  const signature =
    signatureProblems.length === 0 ? (bundleSignature as BundleSignature) : undefined;
  if (signature === undefined) {
    errors.push(`[TRUST-044] bundle.sig is malformed: ${signatureProblems.join("; ")}`);
  } else {
    const signingInput = canonicalizeForSigning(checked, SIGNING_DOMAINS.manifest);
    if (trust.trust !== undefined) {
      const verdict = await explainSignature(trust.trust, signingInput, signature.signature, {
        keyId: signature.keyId,
        purpose: ["manifest", "bundle"],
      });
      signatureOk = verdict.valid;
      if (!verdict.valid)
        errors.push(
          verdict.code === "TRUST-026"
            ? `[TRUST-045] bundle.sig does not verify over the manifest under key ${signature.keyId}`
            : `[TRUST-046] bundle.sig is signed by a key the trust root does not accept for bundles: [${verdict.code ?? "TRUST-020"}] ${verdict.reason ?? ""}`,
        );
    } else {
      signatureOk = await verifyWithKey(trust.key, signingInput, signature.signature);
      if (!signatureOk)
        errors.push(
          `[TRUST-045] bundle.sig does not verify over the manifest under the verifier's key (bundle.sig names key ${signature.keyId})`,
        );
    }
  }
  const checks = { manifest: true, content, bundleHash: bundleHashOk, signature: signatureOk };
  return {
    valid: content !== false && bundleHashOk && signatureOk,
    checks,
    bundleHash: checked.bundleHash,
    manifestHash: canonicalHash(checked),
    policyId: checked.policyId,
    version: checked.policyVersion,
    keyId: signature?.keyId,
    errors,
  };
}

async function checkContent(
  manifest: BundleManifest,
  artifacts: Readonly<Record<string, string | Uint8Array>>,
  errors: string[],
): Promise<boolean> {
  let ok = true;
  let policy: unknown;
  for (const artifact of manifest.artifacts) {
    const given = Object.prototype.hasOwnProperty.call(artifacts, artifact.path)
      ? artifacts[artifact.path]
      : undefined;
    let text: string;
    if (given === undefined) {
      errors.push(`[TRUST-042] ${artifact.path} is missing`);
      ok = false;
      continue;
    }
    try {
      text = normalizeArtifactText(typeof given === "string" ? given : UTF8.decode(given));
    } catch {
      errors.push(`[TRUST-042] ${artifact.path} is not valid UTF-8`);
      ok = false;
      continue;
    }
    const hash = `sha256:${await sha256Hex(text)}`;
    if (hash !== artifact.hash) {
      errors.push(
        `[TRUST-042] ${artifact.path} changed after the bundle was built: it hashes to ${hash}, the manifest says ${artifact.hash}`,
      );
      ok = false;
    }
    if (artifact.path === POLICY_ARTIFACT) {
      try {
        policy = JSON.parse(text) as unknown;
      } catch {
        policy = undefined;
      }
    }
  }
  return ok ? checkPolicyIdentity(policy, manifest, errors) : false;
}
