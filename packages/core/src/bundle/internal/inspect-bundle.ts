import { join } from "node:path";
import { canonicalize } from "../../canonical/canonicalize.js";
import { SIGNING_DOMAINS, canonicalizeForSigning } from "../../canonical/signing-domains.js";
import { prefixedSha256 } from "../../hashing/sha256.js";
import { readFileSync } from "node:fs";
import {
  BUNDLE_MANIFEST_FILE,
  BUNDLE_SIGNATURE_FILE,
  POLICY_ARTIFACT,
  readArtifactText,
} from "../bundle-files.js";
import { checkPolicyIdentity } from "./bundle-content.js";
import { computeBundleHash, computeManifestHash } from "../bundle-hash.js";
import { bundleManifestProblems, bundleSignatureProblems } from "./bundle-manifest-shape.js";
import type { BundleManifest, BundleSignature } from "../bundle.types.js";

/**
 * Everything about a bundle folder short of the signature check: the manifest, the content and
 * bundleHash checks, bundle.sig and the exact policy text that was hashed. Never throws.
 *
 * @internal
 */
export interface BundleInspection {
  readonly manifest?: BundleManifest;
  readonly manifestHash?: string;
  readonly signature?: BundleSignature;
  /** The string the signature must cover. */
  readonly signingInput?: string;
  /** Parsed policy.json, from the very text that was hashed. */
  readonly policy?: unknown;
  readonly manifestOk: boolean;
  readonly contentOk: boolean;
  readonly bundleHashOk: boolean;
  readonly signatureFileOk: boolean;
  readonly errors: string[];
}

/** Reads and checks a bundle folder. @internal */
export function inspectBundle(dir: string): BundleInspection {
  const errors: string[] = [];
  const manifestText = readText(join(dir, BUNDLE_MANIFEST_FILE));
  if (manifestText === undefined) {
    errors.push(`[TRUST-040] ${BUNDLE_MANIFEST_FILE} is missing or unreadable in ${dir}`);
    return {
      manifestOk: false,
      contentOk: false,
      bundleHashOk: false,
      signatureFileOk: false,
      errors,
    };
  }
  const parsed = parseJson(manifestText);
  const shape = parsed.ok ? bundleManifestProblems(parsed.value) : ["not valid JSON"];
  if (!parsed.ok || shape.length > 0) {
    errors.push(`[TRUST-041] ${BUNDLE_MANIFEST_FILE} is malformed: ${shape.join("; ")}`);
    return {
      manifestOk: false,
      contentOk: false,
      bundleHashOk: false,
      signatureFileOk: false,
      errors,
    };
  }
  const manifest = parsed.value as BundleManifest;

  let contentOk = true;
  let policy: unknown;
  for (const artifact of manifest.artifacts) {
    const read = readArtifactText(join(dir, ...artifact.path.split("/")));
    if (!read.ok) {
      errors.push(`[TRUST-042] ${artifact.path} is ${read.reason}`);
      contentOk = false;
      continue;
    }
    const hash = prefixedSha256(read.text);
    if (hash !== artifact.hash) {
      errors.push(
        `[TRUST-042] ${artifact.path} changed after the bundle was built: it hashes to ${hash}, the manifest says ${artifact.hash}`,
      );
      contentOk = false;
    }
    if (artifact.path === POLICY_ARTIFACT) {
      const parsedPolicy = parseJson(read.text);
      policy = parsedPolicy.ok ? parsedPolicy.value : undefined;
    }
  }
  if (contentOk) contentOk = checkPolicyIdentity(policy, manifest, errors);

  const bundleHashOk = computeBundleHash(manifest) === manifest.bundleHash;
  if (!bundleHashOk)
    errors.push(
      `[TRUST-043] the manifest's bundleHash ${manifest.bundleHash} is not the hash of its identity and artifacts`,
    );

  let signature: BundleSignature | undefined;
  const signatureText = readText(join(dir, BUNDLE_SIGNATURE_FILE));
  if (signatureText === undefined) {
    errors.push(`[TRUST-044] ${BUNDLE_SIGNATURE_FILE} is missing or unreadable in ${dir}`);
  } else {
    const parsedSignature = parseJson(signatureText);
    const problems = parsedSignature.ok
      ? bundleSignatureProblems(parsedSignature.value)
      : ["not valid JSON"];
    if (parsedSignature.ok && problems.length === 0)
      signature = parsedSignature.value as BundleSignature;
    else errors.push(`[TRUST-044] ${BUNDLE_SIGNATURE_FILE} is malformed: ${problems.join("; ")}`);
  }
  return {
    manifest,
    manifestHash: computeManifestHash(manifest),
    ...(signature === undefined ? {} : { signature }),
    signingInput: canonicalizeForSigning(manifest, SIGNING_DOMAINS.manifest),
    ...(policy === undefined ? {} : { policy }),
    manifestOk: true,
    contentOk,
    bundleHashOk,
    signatureFileOk: signature !== undefined,
    errors,
  };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value = JSON.parse(text) as unknown;
    canonicalize(value);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
