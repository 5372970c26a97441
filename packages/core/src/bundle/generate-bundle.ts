import { copyFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { canonicalize } from "../canonical/canonicalize.js";
import { SIGNING_DOMAINS, canonicalizeForSigning } from "../canonical/signing-domains.js";
import { decodeBase64Strict } from "../crypto/base64.js";
import type { Signer } from "../crypto/signer.types.js";
import { TrustError } from "../errors/parmana-error.js";
import { makeDirectory } from "../internal/make-directory.js";
import { prefixedSha256 } from "../hashing/sha256.js";
import { compilePolicy } from "../policy/compile-policy.js";
import type { PolicyDocument } from "../policy/policy.types.js";
import { getRuntimeManifest } from "../runtime/get-runtime-manifest.js";
import { isSemver } from "../runtime/internal/semver.js";
import {
  BUNDLE_MANIFEST_FILE,
  BUNDLE_SIGNATURE_FILE,
  POLICY_ARTIFACT,
  readArtifactText,
} from "./bundle-files.js";
import { computeBundleHash, computeManifestHash } from "./bundle-hash.js";
import type { BundleManifest, BundleSignature } from "./bundle.types.js";
import { policyCapabilities } from "./policy-capabilities.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/** Options of {@link createBundleManifest}. */
export interface BundleManifestOptions {
  /** Oldest runtime allowed to serve the bundle; the running runtime's version by default. */
  readonly minRuntimeVersion?: string;
}

/** Options of {@link generateBundle}. */
export interface GenerateBundleOptions extends BundleManifestOptions {
  /** Signs the manifest; its `keyId` goes into bundle.sig and must be in the trust root. */
  readonly signer: Signer;
  /** Folder to write the bundle to (policy.json is copied there); the policy's folder by default. */
  readonly outDir?: string;
}

/** What {@link generateBundle} wrote. */
export interface GeneratedBundle {
  readonly dir: string;
  readonly manifest: BundleManifest;
  readonly signature: BundleSignature;
  readonly bundleHash: string;
  readonly manifestHash: string;
}

/**
 * Builds the manifest of a policy folder without signing or writing anything: the policy is
 * read as hashed (UTF-8, BOM dropped, CRLF → LF), compiled (errors refuse the bundle), and its
 * identity, artifact hash, `bundleHash` and runtime requirements are collected.
 *
 * @param policyDir - the folder holding policy.json (or the policy.json path)
 * @param options - requirement overrides
 * @returns the manifest
 * @throws TrustError `TRUST-050` no policy.json, `TRUST-051` the policy does not compile
 *   (problems in `details.problems`), `TRUST-041` a minRuntimeVersion that is not semver
 */
export function createBundleManifest(
  policyDir: string,
  options: BundleManifestOptions = {},
): BundleManifest {
  try {
    const dir = bundleDir(policyDir);
    const policyPath = join(dir, POLICY_ARTIFACT);
    const read = readArtifactText(policyPath);
    if (!read.ok)
      throw new TrustError("TRUST-050", `cannot build a bundle: ${policyPath} is ${read.reason}`, {
        details: { path: policyPath },
      });
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch (cause) {
      throw new TrustError("TRUST-051", `cannot build a bundle: ${policyPath} is not valid JSON`, {
        cause,
        details: { path: policyPath },
      });
    }
    // A folder laid out as <policyId>/<version>/ must agree with the file (POL-008 otherwise).
    const version = basename(dir);
    const identity = isSemver(version)
      ? { expectedPolicyId: basename(dirname(dir)), expectedPolicyVersion: version }
      : {};
    const compiled = compilePolicy(json, identity);
    if (compiled.policy === undefined) {
      const first = compiled.errors[0];
      throw new TrustError(
        "TRUST-051",
        `cannot build a bundle: ${policyPath} does not compile: [${first?.code ?? "POL-030"}] ${first?.message ?? "invalid policy"}`,
        {
          details: {
            path: policyPath,
            problems: [...compiled.errors],
            warnings: [...compiled.warnings],
          },
        },
      );
    }
    const document: PolicyDocument = compiled.policy.document;
    const minRuntimeVersion = options.minRuntimeVersion ?? getRuntimeManifest().runtimeVersion;
    if (!isSemver(minRuntimeVersion))
      throw new TrustError(
        "TRUST-041",
        `minRuntimeVersion ${String(minRuntimeVersion)} is not a semver version`,
      );
    const artifacts = [{ path: POLICY_ARTIFACT, hash: prefixedSha256(read.text) }];
    const content = {
      policyId: document.policyId,
      policyVersion: document.policyVersion,
      schemaVersion: document.schemaVersion,
      artifacts,
    };
    return {
      bundleManifestVersion: "1",
      ...content,
      bundleHash: computeBundleHash(content),
      runtimeRequirements: {
        minRuntimeVersion,
        evaluatorSemanticVersion: getRuntimeManifest().evaluatorSemanticVersion,
        schemaVersion: document.schemaVersion,
        capabilities: [...policyCapabilities(document)],
      },
    };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "createBundleManifest");
  }
}

/**
 * Builds, signs and writes a policy bundle: `bundle.manifest.json` and `bundle.sig` (both
 * canonical JSON, no timestamps) beside policy.json. The same policy content, runtime
 * requirements and key give byte-identical files on any machine (Ed25519 is deterministic).
 * Nothing is written when any step fails.
 *
 * @param policyDir - `policies/<policyId>/<policyVersion>/` (or the policy.json path)
 * @param options - the signer, an output folder, requirement overrides
 * @returns the manifest, signature and hashes written
 * @throws TrustError `TRUST-050`/`TRUST-051` as {@link createBundleManifest}; `TRUST-052` the
 *   signer has no keyId, fails, or returns something that is not base64
 * @example
 * ```ts
 * const { bundleHash } = await generateBundle("policies/loan-approval/1.0.0", { signer: new LocalSigner(privateKeyPem) });
 * ```
 */
export async function generateBundle(
  policyDir: string,
  options: GenerateBundleOptions,
): Promise<GeneratedBundle> {
  try {
    const signer = options?.signer;
    if (typeof signer?.sign !== "function")
      throw new TrustError(
        "TRUST-052",
        "generateBundle needs a signer with a sign(payload) method",
      );
    if (typeof signer.signerKeyId !== "string" || signer.signerKeyId.length === 0) {
      throw new TrustError(
        "TRUST-052",
        "the bundle signer has no keyId; verifiers choose the trusted key by it",
      );
    }
    const dir = bundleDir(policyDir);
    const manifest = createBundleManifest(dir, options);
    const signingInput = canonicalizeForSigning(manifest, SIGNING_DOMAINS.manifest);
    let signatureValue: unknown;
    try {
      signatureValue = await signer.sign(signingInput);
    } catch (cause) {
      throw new TrustError(
        "TRUST-052",
        `the bundle signer failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
    if (typeof signatureValue !== "string" || decodeBase64Strict(signatureValue) === undefined) {
      throw new TrustError(
        "TRUST-052",
        "the bundle signer returned something other than a standard base64 signature",
      );
    }
    const signature: BundleSignature = {
      keyId: signer.signerKeyId,
      algorithm: signer.algorithm ?? "ed25519",
      signature: signatureValue,
    };

    const outDir = options.outDir === undefined ? dir : resolve(options.outDir);
    makeDirectory(outDir);
    if (outDir !== dir) copyFileSync(join(dir, POLICY_ARTIFACT), join(outDir, POLICY_ARTIFACT));
    writeFileSync(join(outDir, BUNDLE_MANIFEST_FILE), canonicalize(manifest));
    writeFileSync(join(outDir, BUNDLE_SIGNATURE_FILE), canonicalize(signature));
    return {
      dir: outDir,
      manifest,
      signature,
      bundleHash: manifest.bundleHash,
      manifestHash: computeManifestHash(manifest),
    };
  } catch (error) {
    throw codedInputError(error, TrustError, "TRUST-070", "generateBundle");
  }
}

function bundleDir(policyDir: string): string {
  const dir = resolve(policyDir);
  return basename(dir) === POLICY_ARTIFACT ? dirname(dir) : dir;
}
