// Generates the golden conformance corpus (test/corpus/corpus.json): valid artifacts signed with
// fixed test keys, every single-field tamper, wrong-key, wrong-domain and malformed variant, each
// with the verdict, checks, codes and messages that @parmanasystems/core reports for it.
// Run: pnpm --filter @parmanasystems/verify corpus (core must be built). Ed25519 signatures are
// deterministic; ECDSA signatures are randomised, so P-256 items change on every run.
import { createPublicKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import {
  approveOverride,
  attestationSigningInput,
  canonicalize,
  createNoteSigner,
  encodeBase64,
  formatNoteVerifierKey,
  MerkleTree,
  noteVerifierKey,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  canonicalizeForSigning,
  computeExecutionHashes,
  confirmExecution,
  createTrustRoot,
  createTrustRootKey,
  createTrustRootVerifier,
  ed25519PrivateKeyFromRaw,
  exportPublicKeyPem,
  LocalSigner,
  LocalVerifier,
  MemoryPendingOverrideStore,
  rejectOverride,
  rotateTrustRoot,
  rotationSigningInput,
  SIGNING_DOMAINS,
  verifyAttestation,
  verifyExecutionIntegrity,
  verifyOverride,
  walkTrustChain,
  type ExecutionAttestation,
  type SigningDomain,
  type TrustRoot,
  type Verifier,
} from "@parmanasystems/core";
import { summarize, summarizeRefusal } from "../../test/runtimes/run-corpus.mjs";
import { TEST_P256_PRIVATE_KEY_PEM } from "./test-keys.js";

type Kind = "attestation" | "override" | "integrity" | "inclusion" | "consistency";

interface CorpusKey {
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly jwk: Record<string, string>;
}

interface CorpusCase {
  readonly id: string;
  readonly kind: Kind;
  readonly description: string;
  /** Name of a key in `keys`, or of a trust root in `trustRoots`. */
  readonly key?: string;
  readonly trustRoot?: string;
  /** Names of trust roots: the one held first, then the newer ones to walk to, oldest first. */
  readonly trustChain?: readonly string[];
  readonly logKey?: string;
  readonly input: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

/** Where a case's key comes from: a key, a trust root, or a trust chain to walk. */
interface Trust {
  /** Name of a transparency log key in `logKeys` (inclusion and consistency cases). */
  readonly logKey?: string;
  readonly key?: string;
  readonly trustRoot?: string;
  readonly trustChain?: readonly string[];
}

// The released runtime every corpus attestation names: both verifiers trust it by default.
const RUNTIME = {
  runtimeVersion: "0.1.0",
  runtimeHash: "sha256:05f9129dfd257291c5d011755e61c013b82096ebc551e54c6f79494bc288e72b",
  releaseManifestHash: "sha256:ad6497799877c1173746f8fadac7576d27cb6f38074281457c9d6870d00c9c57",
  evaluatorSemanticHash: "sha256:666670be9e51c6bdc459b2b68da1d81822e7c5dc619d15a862e432896fd9c1b6",
  evaluatorArtifactHash: "sha256:12958c6e8328f538a09b1f7f31df7f2030078bb940119a764963034a4646496a",
} as const;
// A runtime only the rotated trust root vouches for (trustedRuntimeHashes).
const ROOT_ONLY_RUNTIME_HASH = `sha256:${"7".repeat(64)}`;

function seedSigner(seedByte: number, keyId: string): { signer: LocalSigner; pem: string } {
  const privateKey = ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(seedByte));
  return { signer: new LocalSigner(privateKey, { keyId }), pem: exportPublicKeyPem(privateKey) };
}

const ed25519A = seedSigner(0x11, "ed25519-a");
const ed25519B = seedSigner(0x22, "ed25519-b");
const p256A = {
  signer: new LocalSigner(TEST_P256_PRIVATE_KEY_PEM, { keyId: "p256-a" }),
  pem: createPublicKey(TEST_P256_PRIVATE_KEY_PEM)
    .export({ format: "pem", type: "spki" })
    .toString(),
};
const rootKey1 = seedSigner(0x31, "root-k1");
const rootKey2 = seedSigner(0x32, "root-k2");
const rootKey3 = seedSigner(0x33, "root-k3-override-only");
const rootKey4 = {
  signer: new LocalSigner(TEST_P256_PRIVATE_KEY_PEM, { keyId: "root-k4-p256" }),
  pem: p256A.pem,
};

// node:crypto's JWK export of the public key (public members only).
function jwkOf(pem: string): Record<string, string> {
  return createPublicKey(pem).export({ format: "jwk" }) as Record<string, string>;
}

// Ed25519 public keys every verifier must refuse (SIG-012), written without node:crypto's help
// (which would parse them): the identity point, a point of small order under which
// R = identity, S = 0 verifies every message, and y = p + 1 (a non-canonical encoding of 1).
function rawEd25519Key(raw: Uint8Array): CorpusKey {
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]);
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString("base64")}\n-----END PUBLIC KEY-----\n`;
  return {
    algorithm: "ed25519",
    publicKeyPem: pem,
    jwk: { crv: "Ed25519", x: Buffer.from(raw).toString("base64url"), kty: "OKP" },
  };
}
const SMALL_ORDER_KEY = new Uint8Array(32);
SMALL_ORDER_KEY[0] = 1;
const NON_CANONICAL_KEY = new Uint8Array(32).fill(0xff);
NON_CANONICAL_KEY[0] = 0xee;
NON_CANONICAL_KEY[31] = 0x7f;

const WEAK_KEYS: ReadonlySet<string> = new Set(["ed25519-small-order", "ed25519-non-canonical"]);
const KEYS: Record<string, CorpusKey> = {
  "ed25519-a": { algorithm: "ed25519", publicKeyPem: ed25519A.pem, jwk: jwkOf(ed25519A.pem) },
  "ed25519-b": { algorithm: "ed25519", publicKeyPem: ed25519B.pem, jwk: jwkOf(ed25519B.pem) },
  "p256-a": { algorithm: "ecdsa-p256-sha256", publicKeyPem: p256A.pem, jwk: jwkOf(p256A.pem) },
  "ed25519-small-order": rawEd25519Key(SMALL_ORDER_KEY),
  "ed25519-non-canonical": rawEd25519Key(NON_CANONICAL_KEY),
};

function basePayload(
  signerKeyId: string,
  issuedAt: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const signals = { credit_score: 720, loan_amount: 15000 };
  const policyHash = `sha256:${"a1".repeat(32)}`;
  return {
    executionId: "loan-app-0001",
    ...computeExecutionHashes("loan-approval", "1.0.0", signals),
    policyId: "loan-approval",
    policyVersion: "1.0.0",
    schemaVersion: "1.0.0",
    runtimeVersion: RUNTIME.runtimeVersion,
    runtimeHash: RUNTIME.runtimeHash,
    decision: {
      action: "approve",
      requires_override: false,
      reason: "Credit score meets standard threshold.",
    },
    execution_state: "completed",
    bundleHash: policyHash,
    manifestHash: `sha256:${"b2".repeat(32)}`,
    releaseManifestHash: RUNTIME.releaseManifestHash,
    evaluatorHash: RUNTIME.evaluatorSemanticHash,
    evaluatorSemanticHash: RUNTIME.evaluatorSemanticHash,
    evaluatorArtifactHash: RUNTIME.evaluatorArtifactHash,
    manifestSignature: "bWFuaWZlc3Qtc2lnbmF0dXJl",
    trustRootVersion: "local",
    signerKeyId,
    issuedAt,
    ...overrides,
  };
}

function sign(
  payload: Record<string, unknown>,
  signer: LocalSigner,
  domain: SigningDomain = SIGNING_DOMAINS.attestation,
): ExecutionAttestation {
  const input =
    domain === SIGNING_DOMAINS.attestation
      ? attestationSigningInput(payload)
      : canonicalizeForSigning(payload, domain);
  return { ...payload, signature: signer.sign(input) } as unknown as ExecutionAttestation;
}

const PROVENANCE = {
  provenanceHash: `sha256:${"c3".repeat(32)}`,
  minimumTrustLevel: "verified",
  signalsWithProvenance: 2,
  verifiedSignals: 2,
  unverifiedSignals: 0,
};
const PENDING = {
  executionId: "claim-CLM-2024-00441",
  decision: {
    action: "manual_review",
    requires_override: true,
    reason: "Claim above the automatic limit.",
  },
  execution_state: "pending_override",
};

// ---- Trust root with a rotation ------------------------------------------------------------
const rootV1 = createTrustRoot({
  trustRootVersion: "2026-01",
  keys: [
    createTrustRootKey(rootKey1.pem, {
      keyId: "root-k1",
      purposes: ["attestation", "override", "audit", "trust-root"],
      validFrom: "2026-01-01T00:00:00Z",
    }),
  ],
});
const rotation = await rotateTrustRoot(rootV1, {
  signer: rootKey1.signer,
  trustRootVersion: "2026-06",
  rotatedAt: "2026-06-01T00:00:00Z",
  addKeys: [
    createTrustRootKey(rootKey2.pem, {
      keyId: "root-k2",
      purposes: ["attestation", "override", "audit", "trust-root"],
      validFrom: "2026-05-01T00:00:00Z",
    }),
    createTrustRootKey(rootKey3.pem, {
      keyId: "root-k3-override-only",
      purposes: ["override"],
      validFrom: "2026-01-01T00:00:00Z",
    }),
    createTrustRootKey(rootKey4.pem, {
      keyId: "root-k4-p256",
      purposes: ["attestation"],
      validFrom: "2026-01-01T00:00:00Z",
    }),
  ],
  revokeKeys: [{ keyId: "root-k1", revokedAt: "2026-06-01T00:00:00Z" }],
  addTrustedRuntimeHashes: [ROOT_ONLY_RUNTIME_HASH],
});
const rootKey5 = seedSigner(0x35, "root-k5");
// A second rotation, signed by root-k2 (root-k1 is revoked by then), adding a key with a window.
const rotation2 = await rotateTrustRoot(rotation.root, {
  signer: rootKey2.signer,
  trustRootVersion: "2026-12",
  rotatedAt: "2026-12-01T00:00:00Z",
  addKeys: [
    createTrustRootKey(rootKey5.pem, {
      keyId: "root-k5",
      purposes: ["attestation"],
      validFrom: "2026-12-01T00:00:00Z",
      validUntil: "2027-06-01T00:00:00Z",
    }),
  ],
});
/** The 2026-12 root with its last rotation record replaced (and signed by `signer`). */
function withLastRecord(
  changes: Record<string, string>,
  signer: LocalSigner | undefined,
): TrustRoot {
  const root = JSON.parse(JSON.stringify(rotation2.root)) as {
    rotations: Record<string, string>[];
  };
  const record = { ...(root.rotations.at(-1) as Record<string, string>), ...changes };
  if (signer !== undefined)
    record["signature"] = signer.sign(rotationSigningInput(record as never));
  root.rotations[root.rotations.length - 1] = record;
  return root as unknown as TrustRoot;
}
const recordSignature = rotation2.record.signature;
const TRUST_ROOTS: Record<string, TrustRoot> = {
  "rotated-2026-06": rotation.root,
  "2026-01": rootV1,
  "2026-12": rotation2.root,
  "2026-12-bad-signature": withLastRecord(
    {
      signature:
        recordSignature.slice(0, 10) +
        (recordSignature[10] === "A" ? "B" : "A") +
        recordSignature.slice(11),
    },
    undefined,
  ),
  "2026-12-signed-by-revoked-key": withLastRecord({ signedBy: "root-k1" }, rootKey1.signer),
  "2026-12-signed-by-attestation-key": withLastRecord(
    { signedBy: "root-k4-p256" },
    rootKey4.signer,
  ),
  "small-order-key": {
    trustRootVersion: "weak",
    keys: [
      {
        keyId: "weak-1",
        algorithm: "ed25519",
        publicKey: (KEYS["ed25519-small-order"] as CorpusKey).publicKeyPem,
        purposes: ["attestation"],
        validFrom: "2026-01-01T00:00:00Z",
      },
    ],
    trustedRuntimeHashes: [],
  } as TrustRoot,
};

// ---- Transparency log -----------------------------------------------------------------------
const LOG_ORIGIN = "log.example.com/decisions";
const logSigner = seedSigner(0x51, "log");
const otherLogSigner = seedSigner(0x52, "other-log");
const LOG_KEYS: Record<string, string> = {
  log: formatNoteVerifierKey(noteVerifierKey(LOG_ORIGIN, logSigner.pem)),
};

// ---- Expected results from core ---------------------------------------------------------------
function verifierFor(item: Trust): Verifier {
  if (item.trustChain !== undefined) {
    const [held, ...newer] = item.trustChain.map((name) => TRUST_ROOTS[name] as TrustRoot);
    return createTrustRootVerifier(walkTrustChain(held as TrustRoot, newer));
  }
  if (item.trustRoot !== undefined)
    return createTrustRootVerifier(TRUST_ROOTS[item.trustRoot] as TrustRoot);
  return new LocalVerifier((KEYS[item.key as string] as CorpusKey).publicKeyPem);
}

async function expectedFor(
  kind: Kind,
  input: Record<string, unknown>,
  item: Trust,
): Promise<Record<string, unknown>> {
  if (kind === "inclusion" || kind === "consistency") {
    const logKey = LOG_KEYS[item.logKey as string] as string;
    return summarize(
      kind === "inclusion"
        ? verifyInclusion(
            input["attestation"],
            input["proof"],
            input["checkpoint"] as string,
            logKey,
          )
        : verifyConsistency(
            input["oldCheckpoint"] as string,
            input["newCheckpoint"] as string,
            input["proof"],
            logKey,
          ),
    );
  }
  let verifier: Verifier;
  try {
    verifier = verifierFor(item);
  } catch (error) {
    // The key, root or chain itself is refused: nothing is verified.
    return summarizeRefusal(error);
  }
  const trustRoot =
    "trustRoot" in verifier ? (verifier as { trustRoot: TrustRoot }).trustRoot : undefined;
  const result =
    kind === "attestation"
      ? await verifyAttestation(
          input["attestation"],
          verifier,
          trustRoot === undefined ? undefined : { trustRoot },
        )
      : kind === "override"
        ? await verifyOverride(input["record"], input["attestation"], verifier)
        : await verifyExecutionIntegrity(input["proof"], verifier, input["attestation"]);
  return summarize(result);
}

const cases: CorpusCase[] = [];
async function add(
  id: string,
  kind: Kind,
  description: string,
  input: Record<string, unknown>,
  trust: Trust,
): Promise<void> {
  if (cases.some((item) => item.id === id)) throw new Error(`duplicate case id ${id}`);
  cases.push({
    id,
    kind,
    description,
    ...trust,
    input,
    expected: await expectedFor(kind, input, trust),
  });
}

// ---- Tampering helpers ------------------------------------------------------------------------
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function flipHex(text: string): string {
  const last = text.at(-1) as string;
  return text.slice(0, -1) + (last === "0" ? "1" : "0");
}

/**
 * One type- and format-preserving change of a member: a hex digit of a hash, a base64 character
 * of a signature, a time moved by 30 seconds, a flipped boolean, one more for a number, a hash
 * for a null, an appended character otherwise; `special` gives the change for other members.
 */
function tamperedValue(
  field: string,
  value: unknown,
  special: Record<string, unknown> = {},
): unknown {
  if (field in special) return special[field];
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (value === null) return `sha256:${"e5".repeat(32)}`;
  const text = String(value);
  if (/^(sha256:)?[0-9a-f]{64}$/.test(text)) return flipHex(text);
  if (field === "signature")
    return text.slice(0, 10) + (text[10] === "A" ? "B" : "A") + text.slice(11);
  if (field.endsWith("At")) return text.replace(":00.000Z", ":30.000Z");
  return `${text}x`;
}

/** One type- and format-preserving change per field (several for the decision and provenance). */
function fieldTampers(attestation: Record<string, unknown>): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const set = (name: string, field: string, value: unknown): void => {
    const copy = clone(attestation);
    copy[field] = value;
    out.push([name, copy]);
  };
  for (const [field, value] of Object.entries(attestation)) {
    if (field === "decision" || field === "provenance" || field === "signature") continue;
    const text = String(value);
    if (/^(sha256:)?[0-9a-f]{64}$/.test(text)) set(field, field, flipHex(text));
    else if (/^\d+\.\d+\.\d+$/.test(text))
      set(
        field,
        field,
        text.replace(/\d+$/, (n) => `${Number(n) + 1}`),
      );
    else if (field === "issuedAt") set(field, field, text.replace(/:00\.000Z$/, ":01.000Z"));
    else if (field === "execution_state")
      set(field, field, text === "completed" ? "pending_override" : "completed");
    else set(field, field, `${text}x`);
  }
  const decision = attestation["decision"] as Record<string, unknown>;
  for (const [member, value] of [
    ["action", `${String(decision["action"])}x`],
    ["requires_override", !decision["requires_override"]],
    ["reason", `${String(decision["reason"])} `],
  ] as const) {
    const copy = clone(attestation);
    (copy["decision"] as Record<string, unknown>)[member] = value;
    out.push([`decision.${member}`, copy]);
  }
  if (attestation["provenance"] !== undefined) {
    for (const [member, value] of [
      ["provenanceHash", `sha256:${"d4".repeat(32)}`],
      ["minimumTrustLevel", "claimed"],
      ["signalsWithProvenance", 3],
      ["verifiedSignals", 1],
      ["unverifiedSignals", 1],
    ] as const) {
      const copy = clone(attestation);
      (copy["provenance"] as Record<string, unknown>)[member] = value;
      out.push([`provenance.${member}`, copy]);
    }
  }
  // The signature itself: one base64 character changed (still valid base64 of the same length).
  const signature = String(attestation["signature"]);
  const at = 10;
  const copy = clone(attestation);
  copy["signature"] =
    signature.slice(0, at) + (signature[at] === "A" ? "B" : "A") + signature.slice(at + 1);
  out.push(["signature", copy]);
  return out;
}

function structuralVariants(attestation: Record<string, unknown>): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  for (const field of Object.keys(attestation)) {
    const copy = clone(attestation);
    delete copy[field];
    out.push([`missing/${field}`, `field ${field} removed`, copy]);
  }
  out.push([
    "extra-field",
    "a field that is not part of the format, added after signing",
    { ...clone(attestation), approvedBy: "mallory" },
  ]);
  out.push([
    "extra-decision-member",
    "an extra member inside decision",
    {
      ...clone(attestation),
      decision: { ...(attestation["decision"] as object), amount: 1 },
    },
  ]);
  for (const [field, value] of [
    ["decision", "approve"],
    ["issuedAt", 1767225600000],
    ["executionId", 42],
    ["provenance", []],
    ["signature", 7],
    ["execution_fingerprint", "XYZ"],
    ["runtimeHash", "05f9129dfd257291c5d011755e61c013b82096ebc551e54c6f79494bc288e72b"],
    ["issuedAt", "2026-03-01 09:00:00Z"],
    ["policyVersion", "v1"],
  ] as const) {
    out.push([
      `wrong-type/${field}=${JSON.stringify(value)}`,
      `${field} replaced by ${JSON.stringify(value)}`,
      { ...clone(attestation), [field]: value },
    ]);
  }
  return out;
}

const MALFORMED: [string, unknown][] = [
  ["null", null],
  ["array", []],
  ["string", "not an attestation"],
  ["number", 42],
  ["empty-object", {}],
  ["nested-array", [[[{}]]]],
];

// ---- Attestations -------------------------------------------------------------------------------
interface Base {
  readonly name: string;
  readonly description: string;
  readonly attestation: ExecutionAttestation;
  readonly trust: Trust;
  readonly signer: LocalSigner;
}

const bases: Base[] = [
  {
    name: "ed25519",
    description: "a completed decision signed with Ed25519",
    attestation: sign(basePayload("ed25519-a", "2026-03-01T09:00:00.000Z"), ed25519A.signer),
    trust: { key: "ed25519-a" },
    signer: ed25519A.signer,
  },
  {
    name: "p256",
    description: "a completed decision signed with ECDSA P-256 (DER signature, as AWS KMS signs)",
    attestation: sign(basePayload("p256-a", "2026-03-01T09:00:00.000Z"), p256A.signer),
    trust: { key: "p256-a" },
    signer: p256A.signer,
  },
  {
    name: "ed25519-provenance",
    description: "a completed decision with a signal provenance summary",
    attestation: sign(
      basePayload("ed25519-a", "2026-03-01T09:00:00.000Z", { provenance: PROVENANCE }),
      ed25519A.signer,
    ),
    trust: { key: "ed25519-a" },
    signer: ed25519A.signer,
  },
  {
    name: "ed25519-pending",
    description: "a decision pending a human override",
    attestation: sign(
      basePayload("ed25519-a", "2026-03-01T09:00:00.000Z", PENDING),
      ed25519A.signer,
    ),
    trust: { key: "ed25519-a" },
    signer: ed25519A.signer,
  },
  {
    name: "trust-root",
    description:
      "a decision signed by root-k2, added by the rotation to trust root 2026-06, checked against that root",
    attestation: sign(
      basePayload("root-k2", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
      rootKey2.signer,
    ),
    trust: { trustRoot: "rotated-2026-06" },
    signer: rootKey2.signer,
  },
];

for (const base of bases) {
  const prefix = `attestation/${base.name}`;
  await add(
    `${prefix}/valid`,
    "attestation",
    `valid: ${base.description}`,
    { attestation: base.attestation },
    base.trust,
  );
  for (const [field, tampered] of fieldTampers(
    base.attestation as unknown as Record<string, unknown>,
  )) {
    await add(
      `${prefix}/tamper/${field}`,
      "attestation",
      `${field} changed after signing`,
      { attestation: tampered },
      base.trust,
    );
  }
  for (const [name, description, value] of structuralVariants(
    base.attestation as unknown as Record<string, unknown>,
  )) {
    await add(
      `${prefix}/malformed/${name}`,
      "attestation",
      description,
      { attestation: value },
      base.trust,
    );
  }
  const payload = { ...base.attestation } as Record<string, unknown>;
  delete payload["signature"];
  for (const domain of [
    SIGNING_DOMAINS.override,
    SIGNING_DOMAINS.audit,
    SIGNING_DOMAINS.manifest,
  ]) {
    await add(
      `${prefix}/wrong-domain/${domain}`,
      "attestation",
      `the same payload signed under ${domain} instead of PARMANA_ATTESTATION_V1`,
      { attestation: sign(payload, base.signer, domain) },
      base.trust,
    );
  }
  if (base.trust.key !== undefined) {
    for (const other of Object.keys(KEYS).filter(
      (name) => name !== base.trust.key && !WEAK_KEYS.has(name),
    )) {
      await add(
        `${prefix}/wrong-key/${other}`,
        "attestation",
        `verified with key ${other} instead of ${base.trust.key}`,
        { attestation: base.attestation },
        { key: other },
      );
    }
  }
}
for (const [name, value] of MALFORMED) {
  await add(
    `attestation/malformed/${name}`,
    "attestation",
    `not an attestation: ${name}`,
    { attestation: value },
    { key: "ed25519-a" },
  );
}

// Signed, with an issuedAt that names no real instant: the signature verifies, but the record is
// not well-formed (Date.parse alone reads these as March 2nd and as the next day's midnight).
for (const [name, issuedAt] of [
  ["february-30", "2026-02-30T09:00:00.000Z"],
  ["hour-24", "2026-02-28T24:00:00.000Z"],
] as const) {
  await add(
    `attestation/ed25519/signed-impossible-time/${name}`,
    "attestation",
    `signed, with issuedAt ${issuedAt}, which names no real instant`,
    { attestation: sign(basePayload("ed25519-a", issuedAt), ed25519A.signer) },
    { key: "ed25519-a" },
  );
}

// Signature encodings that must never verify.
{
  const ed = bases[0] as Base;
  const bytes = Buffer.from(ed.attestation.signature, "base64");
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  const s = bytes
    .subarray(32)
    .reverse()
    .reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const sPlusL = s + L;
  const sBytes = Buffer.alloc(32);
  for (let index = 0, value = sPlusL; index < 32; index++, value >>= 8n)
    sBytes[index] = Number(value & 0xffn);
  const encodings: [string, string, string][] = [
    [
      "ed25519-s-plus-l",
      "Ed25519 signature with S + L (non-canonical S, RFC 8032 §5.1.7)",
      Buffer.concat([bytes.subarray(0, 32), sBytes]).toString("base64"),
    ],
    [
      "ed25519-truncated",
      "Ed25519 signature of 63 bytes",
      bytes.subarray(0, 63).toString("base64"),
    ],
    [
      "ed25519-extended",
      "Ed25519 signature with a 65th byte",
      Buffer.concat([bytes, Buffer.of(0)]).toString("base64"),
    ],
    ["base64url", "signature in base64url instead of standard base64", bytes.toString("base64url")],
    [
      "base64-unpadded",
      "signature without its base64 padding",
      bytes.toString("base64").replace(/=+$/, ""),
    ],
    [
      "base64-whitespace",
      "signature with a line break inside",
      `${bytes.toString("base64").slice(0, 40)}\n${bytes.toString("base64").slice(40)}`,
    ],
    [
      "base64-padding-bits",
      "signature whose last base64 character sets unused padding bits",
      bytes
        .toString("base64")
        .replace(/(.)==$/, (_, c: string) => `${String.fromCharCode(c.charCodeAt(0) + 1)}==`),
    ],
    ["empty", "empty signature", ""],
  ];
  for (const [name, description, signature] of encodings) {
    await add(
      `attestation/ed25519/signature/${name}`,
      "attestation",
      description,
      { attestation: { ...ed.attestation, signature } },
      ed.trust,
    );
  }
  const p = bases[1] as Base;
  const der = Buffer.from(p.attestation.signature, "base64");
  const rLength = der[3] as number;
  const r = der.subarray(4, 4 + rLength);
  const sPart = der.subarray(4 + rLength + 2);
  const raw = Buffer.concat([
    Buffer.alloc(32 - (r[0] === 0 ? r.length - 1 : r.length)),
    r[0] === 0 ? r.subarray(1) : r,
    Buffer.alloc(32 - (sPart[0] === 0 ? sPart.length - 1 : sPart.length)),
    sPart[0] === 0 ? sPart.subarray(1) : sPart,
  ]);
  const nonMinimal = Buffer.concat([
    Buffer.of(0x30, (der[1] as number) + 1, 0x02, rLength + 1, 0x00),
    der.subarray(4),
  ]);
  const p256Encodings: [string, string, string][] = [
    [
      "p256-raw",
      "P-256 signature as raw r || s (IEEE P1363) instead of DER",
      raw.toString("base64"),
    ],
    [
      "p256-der-trailing-byte",
      "P-256 DER signature with a trailing byte",
      Buffer.concat([der, Buffer.of(0)]).toString("base64"),
    ],
    [
      "p256-der-non-minimal",
      "P-256 DER signature with a non-minimal INTEGER (extra leading zero)",
      nonMinimal.toString("base64"),
    ],
    [
      "p256-der-long-form-length",
      "P-256 DER signature with a long-form SEQUENCE length",
      Buffer.concat([Buffer.of(0x30, 0x81, der[1] as number), der.subarray(2)]).toString("base64"),
    ],
  ];
  for (const [name, description, signature] of p256Encodings) {
    await add(
      `attestation/p256/signature/${name}`,
      "attestation",
      description,
      { attestation: { ...p.attestation, signature } },
      p.trust,
    );
  }
}

// Trust-root key choice across the rotation.
{
  const root = { trustRoot: "rotated-2026-06" };
  const trustCases: [string, string, ExecutionAttestation][] = [
    [
      "k1-before-revocation",
      "root-k1 signed before its revocation: still valid after the rotation",
      sign(
        basePayload("root-k1", "2026-03-01T09:00:00.000Z", { trustRootVersion: "2026-01" }),
        rootKey1.signer,
      ),
    ],
    [
      "k1-after-revocation",
      "root-k1 signed after its revocation (TRUST-021)",
      sign(
        basePayload("root-k1", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
        rootKey1.signer,
      ),
    ],
    [
      "k2-before-valid-from",
      "root-k2 signed before its validFrom (TRUST-022)",
      sign(
        basePayload("root-k2", "2026-04-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
        rootKey2.signer,
      ),
    ],
    [
      "k3-wrong-purpose",
      "root-k3 may sign overrides only (TRUST-024)",
      sign(
        basePayload("root-k3-override-only", "2026-07-01T09:00:00.000Z", {
          trustRootVersion: "2026-06",
        }),
        rootKey3.signer,
      ),
    ],
    [
      "unknown-key",
      "signerKeyId names no key of the root (TRUST-020)",
      sign(
        basePayload("root-k9", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
        rootKey2.signer,
      ),
    ],
    [
      "k4-p256",
      "root-k4, a P-256 key of the root",
      sign(
        basePayload("root-k4-p256", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
        rootKey4.signer,
      ),
    ],
    [
      "key-confusion",
      "signed by root-k2 but signerKeyId names root-k4-p256 (TRUST-026)",
      sign(
        basePayload("root-k4-p256", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
        rootKey2.signer,
      ),
    ],
    [
      "root-trusted-runtime",
      "a runtime only the trust root vouches for (trustedRuntimeHashes)",
      sign(
        basePayload("root-k2", "2026-07-01T09:00:00.000Z", {
          trustRootVersion: "2026-06",
          runtimeHash: ROOT_ONLY_RUNTIME_HASH,
          runtimeVersion: "9.9.9",
        }),
        rootKey2.signer,
      ),
    ],
    [
      "no-issued-at-format",
      "issuedAt not an ISO time: no key can be chosen (TRUST-025)",
      sign(basePayload("root-k2", "yesterday", { trustRootVersion: "2026-06" }), rootKey2.signer),
    ],
  ];
  for (const [name, description, attestation] of trustCases) {
    await add(`attestation/trust-root/${name}`, "attestation", description, { attestation }, root);
  }
  await add(
    "attestation/trust-root/root-trusted-runtime-with-plain-key",
    "attestation",
    "the root-only runtime is not trusted when verifying with the bare key",
    { attestation: trustCases[7]?.[2] },
    { key: "ed25519-a" },
  );
}

// Weak keys and signature malleability: refused by every verifier, whatever the signature.
{
  // R = identity (01 00...00), S = 0: verifies every message under a small-order key.
  const forged = Buffer.concat([Buffer.from(SMALL_ORDER_KEY), Buffer.alloc(32)]).toString("base64");
  const payload = basePayload("ed25519-small-order", "2026-03-01T09:00:00.000Z");
  for (const key of WEAK_KEYS) {
    await add(
      `attestation/weak-key/${key.replace("ed25519-", "")}`,
      "attestation",
      `an attestation with the signature R = identity, S = 0, checked with the ${key.replace("ed25519-", "").replace("-", " ")} Ed25519 key (SIG-012)`,
      { attestation: { ...payload, signerKeyId: key, signature: forged } },
      { key },
    );
  }
  await add(
    "attestation/weak-key/trust-root",
    "attestation",
    "a trust root that holds a small-order key (TRUST-002 with TRUST-008, from SIG-012)",
    {
      attestation: {
        ...basePayload("weak-1", "2026-03-01T09:00:00.000Z", { trustRootVersion: "weak" }),
        signature: forged,
      },
    },
    { trustRoot: "small-order-key" },
  );

  // (r, n - s): the high-S twin of a valid P-256 signature, valid to plain ECDSA, refused here.
  const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const highS = (signature: string): string => {
    const der = Buffer.from(signature, "base64");
    const rLength = der[3] as number;
    const r = der.subarray(4, 4 + rLength);
    const s = BigInt(`0x${der.subarray(4 + rLength + 2).toString("hex")}`);
    let hex = (N - s).toString(16);
    if (hex.length % 2 === 1) hex = `0${hex}`;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
    const sBytes = Buffer.from(hex, "hex");
    const body = Buffer.concat([
      Buffer.of(0x02, r.length),
      r,
      Buffer.of(0x02, sBytes.length),
      sBytes,
    ]);
    return Buffer.concat([Buffer.of(0x30, body.length), body]).toString("base64");
  };
  const p = bases[1] as Base;
  await add(
    "attestation/p256/signature/p256-high-s",
    "attestation",
    "the high-S twin (r, n - s) of the valid P-256 signature: only the low-S form is accepted",
    { attestation: { ...p.attestation, signature: highS(p.attestation.signature) } },
    p.trust,
  );
  const k4 = sign(
    basePayload("root-k4-p256", "2026-07-01T09:00:00.000Z", { trustRootVersion: "2026-06" }),
    rootKey4.signer,
  );
  await add(
    "attestation/trust-root/k4-p256-high-s",
    "attestation",
    "root-k4's P-256 signature in its high-S form (TRUST-026)",
    { attestation: { ...k4, signature: highS(k4.signature) } },
    { trustRoot: "rotated-2026-06" },
  );
}

// Trust chains: the verifier holds root 2026-01 and walks the rotations to the newest root.
{
  const held = "2026-01";
  const fullChain = [held, "rotated-2026-06", "2026-12"];
  const k5 = (issuedAt: string): ExecutionAttestation =>
    sign(basePayload("root-k5", issuedAt, { trustRootVersion: "2026-12" }), rootKey5.signer);
  const chainCases: [string, string, readonly string[], ExecutionAttestation][] = [
    [
      "valid",
      "root-k5, added by the second rotation, signing within its window, reached from 2026-01",
      fullChain,
      k5("2027-01-01T09:00:00.000Z"),
    ],
    [
      "head-repeats-held-root",
      "the held root repeated at the head of the newer roots",
      [held, held, "rotated-2026-06", "2026-12"],
      k5("2027-01-01T09:00:00.000Z"),
    ],
    [
      "k5-after-valid-until",
      "root-k5 signing after its validUntil (TRUST-023)",
      fullChain,
      k5("2027-07-01T09:00:00.000Z"),
    ],
    [
      "k5-before-valid-from",
      "root-k5 signing before its validFrom (TRUST-022)",
      fullChain,
      k5("2026-11-01T09:00:00.000Z"),
    ],
    [
      "k1-before-revocation",
      "root-k1 signed before the first rotation revoked it: still valid two rotations later",
      fullChain,
      sign(
        basePayload("root-k1", "2026-03-01T09:00:00.000Z", { trustRootVersion: "2026-01" }),
        rootKey1.signer,
      ),
    ],
    [
      "skipped-link",
      "2026-06 left out of the chain (TRUST-031)",
      [held, "2026-12"],
      k5("2027-01-01T09:00:00.000Z"),
    ],
    [
      "bad-rotation-signature",
      "the rotation record of 2026-12 with one signature character changed (TRUST-034)",
      [held, "rotated-2026-06", "2026-12-bad-signature"],
      k5("2027-01-01T09:00:00.000Z"),
    ],
    [
      "rotation-by-revoked-key",
      "the rotation to 2026-12 signed by root-k1, revoked by 2026-06 (TRUST-033)",
      [held, "rotated-2026-06", "2026-12-signed-by-revoked-key"],
      k5("2027-01-01T09:00:00.000Z"),
    ],
    [
      "rotation-by-attestation-key",
      "the rotation to 2026-12 signed by root-k4, which may sign attestations only (TRUST-033)",
      [held, "rotated-2026-06", "2026-12-signed-by-attestation-key"],
      k5("2027-01-01T09:00:00.000Z"),
    ],
  ];
  for (const [name, description, trustChain, attestation] of chainCases) {
    await add(
      `attestation/trust-chain/${name}`,
      "attestation",
      description,
      { attestation },
      {
        trustChain,
      },
    );
  }
}

/** A signed record (override or proof) and what its variants need. */
interface RecordVariants {
  readonly kind: "override" | "integrity";
  readonly prefix: string;
  readonly inputName: "record" | "proof";
  readonly noun: string;
  readonly record: Record<string, unknown>;
  readonly attestation: unknown;
  /** Changes for members the generic tamper cannot make, given the member's value. */
  readonly special: (value: unknown) => Record<string, unknown>;
  readonly wrongKey: string;
  readonly otherAttestation: unknown;
}

/** Every single-field tamper, the attestation domain, another key, another attestation, malformed input. */
async function addRecordVariants(variants: RecordVariants): Promise<void> {
  const { kind, prefix, inputName, noun, record, attestation } = variants;
  for (const [field, value] of Object.entries(record)) {
    const tampered = clone(record);
    tampered[field] = tamperedValue(field, value, variants.special(value));
    await add(
      `${prefix}/tamper/${field}`,
      kind,
      `${field} changed after signing`,
      { [inputName]: tampered, attestation },
      keyA,
    );
  }
  const payload = { ...record };
  delete payload["signature"];
  const signature = ed25519A.signer.sign(
    canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation),
  );
  await add(
    `${prefix}/wrong-domain/PARMANA_ATTESTATION_V1`,
    kind,
    `the ${noun} payload signed under the attestation domain`,
    { [inputName]: { ...payload, signature }, attestation },
    keyA,
  );
  await add(
    `${prefix}/wrong-key/${variants.wrongKey}`,
    kind,
    "verified with another key",
    { [inputName]: record, attestation },
    { key: variants.wrongKey },
  );
  await add(
    `${prefix}/other-attestation`,
    kind,
    `the ${noun} checked against another attestation`,
    { [inputName]: record, attestation: variants.otherAttestation },
    keyA,
  );
  for (const [name, value] of MALFORMED) {
    await add(
      `${kind}/malformed/${name}`,
      kind,
      `not ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}: ${name}`,
      { [inputName]: value, attestation },
      keyA,
    );
  }
}

// ---- Overrides ------------------------------------------------------------------------------------
const pendingAttestation = (bases[3] as Base).attestation;
const completedAttestation = (bases[0] as Base).attestation;
const overrideClock = (): Date => new Date("2026-03-02T10:00:00.000Z");
let counter = 0;
const generateId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
const approval = await approveOverride(
  {
    executionId: pendingAttestation.executionId,
    approved_by: "priya@insurer.example",
    approver_role: "risk-manager",
    reason: "Supporting documents reviewed.",
  },
  {
    store: new MemoryPendingOverrideStore(),
    attestation: pendingAttestation,
    signer: ed25519A.signer,
    verifier: new LocalVerifier(ed25519A.pem),
    clock: overrideClock,
    allowedRoles: ["risk-manager"],
    generateId,
  },
);
const rejection = await rejectOverride(
  {
    executionId: pendingAttestation.executionId,
    rejected_by: "arjun@insurer.example",
    approver_role: "risk-manager",
    reason: "Documents do not match the claim.",
  },
  {
    store: new MemoryPendingOverrideStore(),
    attestation: pendingAttestation,
    signer: ed25519A.signer,
    verifier: new LocalVerifier(ed25519A.pem),
    clock: overrideClock,
    allowedRoles: ["risk-manager"],
    generateId,
  },
);
const keyA = { key: "ed25519-a" };
await add(
  "override/approval/valid",
  "override",
  "valid approval of a pending decision",
  { record: approval, attestation: pendingAttestation },
  keyA,
);
await add(
  "override/rejection/valid",
  "override",
  "valid rejection of a pending decision",
  { record: rejection, attestation: pendingAttestation },
  keyA,
);
await addRecordVariants({
  kind: "override",
  prefix: "override/approval",
  inputName: "record",
  noun: "override record",
  record: approval as unknown as Record<string, unknown>,
  attestation: pendingAttestation,
  special: (value) => ({
    decision: "rejected",
    original_decision: { ...(value as object), reason: "changed" },
    resolvedAt: `${String(value)}x`,
    issuedAt: `${String(value)}x`,
  }),
  wrongKey: "ed25519-b",
  otherAttestation: completedAttestation,
});
await add(
  "override/approval/tampered-attestation",
  "override",
  "the attestation changed after the approval was made",
  {
    record: approval,
    attestation: { ...pendingAttestation, executionId: "claim-CLM-2024-00442" },
  },
  keyA,
);
await add(
  "override/approval/unknown-field",
  "override",
  "a field added to the record",
  { record: { ...approval, note: "x" }, attestation: pendingAttestation },
  keyA,
);
{
  const rootPending = sign(
    basePayload("root-k2", "2026-07-01T09:00:00.000Z", { ...PENDING, trustRootVersion: "2026-06" }),
    rootKey2.signer,
  );
  const rootApproval = await approveOverride(
    {
      executionId: rootPending.executionId as string,
      approved_by: "priya@insurer.example",
      approver_role: "risk-manager",
      reason: "Reviewed.",
    },
    {
      store: new MemoryPendingOverrideStore(),
      attestation: rootPending,
      signer: rootKey3.signer,
      verifier: createTrustRootVerifier(rotation.root),
      clock: () => new Date("2026-07-02T10:00:00.000Z"),
      allowedRoles: ["risk-manager"],
      generateId,
    },
  );
  await add(
    "override/trust-root/valid",
    "override",
    "an approval signed by the override-only key of the rotated trust root",
    { record: rootApproval, attestation: rootPending },
    { trustRoot: "rotated-2026-06" },
  );
  // The same approval re-signed by root-k1, revoked before the approval was made.
  const k1Payload: Record<string, unknown> = { ...rootApproval, signerKeyId: "root-k1" };
  delete k1Payload["signature"];
  const k1Approval = {
    ...k1Payload,
    signature: rootKey1.signer.sign(canonicalizeForSigning(k1Payload, SIGNING_DOMAINS.override)),
  };
  await add(
    "override/trust-root/revoked-key",
    "override",
    "an approval signed by root-k1 after its revocation",
    { record: k1Approval, attestation: rootPending },
    { trustRoot: "rotated-2026-06" },
  );
}

// ---- Execution integrity proofs -----------------------------------------------------------------
const proof = await confirmExecution(
  completedAttestation,
  {
    action: "approve",
    payload: { amount: 15000, account: "IN-001" },
    executedAt: "2026-03-01T09:05:00.000Z",
  },
  {
    signer: ed25519A.signer,
    verifier: new LocalVerifier(ed25519A.pem),
    expectedPayload: { amount: 15000, account: "IN-001" },
    maxDelaySeconds: 3600,
    clock: () => new Date("2026-03-01T09:06:00.000Z"),
  },
);
const mismatch = await confirmExecution(
  completedAttestation,
  { action: "reject", executedAt: "2026-03-01T12:00:00.000Z" },
  {
    signer: ed25519A.signer,
    verifier: new LocalVerifier(ed25519A.pem),
    maxDelaySeconds: 60,
    clock: () => new Date("2026-03-01T12:00:01.000Z"),
  },
);
await add(
  "integrity/valid",
  "integrity",
  "a proof that the executed action matches the attestation",
  { proof, attestation: completedAttestation },
  keyA,
);
await add(
  "integrity/valid-mismatch",
  "integrity",
  "an authentic proof recording a mismatch (valid, match false)",
  { proof: mismatch, attestation: completedAttestation },
  keyA,
);
await add(
  "integrity/without-attestation",
  "integrity",
  "the proof checked without its attestation",
  { proof },
  keyA,
);
await addRecordVariants({
  kind: "integrity",
  prefix: "integrity",
  inputName: "proof",
  noun: "proof",
  record: proof as unknown as Record<string, unknown>,
  attestation: completedAttestation,
  special: (value) => ({
    executedAction: { ...(value as object), action: "reject" },
    matchDetails: { ...(value as object), withinTimeWindow: false },
  }),
  wrongKey: "p256-a",
  otherAttestation: pendingAttestation,
});

// ---- Transparency log: inclusion and consistency -----------------------------------------------
{
  const logged = bases.map((base) => base.attestation);
  const tree = new MerkleTree();
  for (const attestation of logged) tree.append(canonicalize(attestation));
  const checkpoint = (
    size: number,
    signer = logSigner,
    origin = LOG_ORIGIN,
    root = tree.rootHash(size),
  ): Promise<string> =>
    signCheckpoint(
      { origin, treeSize: size, rootHash: root },
      // The log's key keeps its name (the log's origin) whatever origin a checkpoint claims.
      createNoteSigner(LOG_ORIGIN, signer.signer, signer.pem),
    );
  const inclusion = (index: number, size: number) => ({
    leafIndex: index,
    treeSize: size,
    hashes: tree.inclusionProof(index, size).map(encodeBase64),
  });
  const consistency = (oldSize: number, newSize: number) => ({
    oldSize,
    newSize,
    hashes: tree.consistencyProof(oldSize, newSize).map(encodeBase64),
  });
  const log = { logKey: "log" };
  const at5 = await checkpoint(5);
  const at3 = await checkpoint(3);
  const inclusionCases: [string, string, Record<string, unknown>][] = [
    [
      "valid",
      "the P-256 attestation, leaf 1 of 5",
      { attestation: logged[1], proof: inclusion(1, 5), checkpoint: at5 },
    ],
    [
      "valid-last-leaf",
      "the last leaf of 5",
      { attestation: logged[4], proof: inclusion(4, 5), checkpoint: at5 },
    ],
    [
      "other-attestation",
      "another attestation than the logged one (TRUST-084)",
      { attestation: logged[0], proof: inclusion(1, 5), checkpoint: at5 },
    ],
    [
      "other-size",
      "a proof for size 3 against the checkpoint of size 5 (TRUST-086)",
      { attestation: logged[1], proof: inclusion(1, 3), checkpoint: at5 },
    ],
    [
      "foreign-checkpoint",
      "a checkpoint signed by another log key (TRUST-082)",
      {
        attestation: logged[1],
        proof: inclusion(1, 5),
        checkpoint: await checkpoint(5, otherLogSigner),
      },
    ],
    [
      "altered-checkpoint",
      "the checkpoint's tree size changed after signing (TRUST-082)",
      { attestation: logged[1], proof: inclusion(1, 5), checkpoint: at5.replace("\n5\n", "\n6\n") },
    ],
    [
      "malformed-proof",
      "a proof hash that is not 32 bytes (TRUST-083)",
      { attestation: logged[1], proof: { ...inclusion(1, 5), hashes: ["AAAA"] }, checkpoint: at5 },
    ],
  ];
  for (const [name, description, input] of inclusionCases)
    await add(`inclusion/${name}`, "inclusion", description, input, log);
  const forked = new MerkleTree();
  for (const [i, attestation] of logged.entries())
    forked.append(canonicalize(i === 1 ? { ...attestation, decision: null } : attestation));
  const consistencyCases: [string, string, Record<string, unknown>][] = [
    [
      "valid",
      "the log grew from 3 to 5 leaves",
      { oldCheckpoint: at3, newCheckpoint: at5, proof: consistency(3, 5) },
    ],
    [
      "same-size",
      "two checkpoints of one size with one root",
      { oldCheckpoint: at5, newCheckpoint: at5, proof: { oldSize: 5, newSize: 5, hashes: [] } },
    ],
    [
      "rewritten-history",
      "a logged entry changed: size 5 is not an extension of size 3 (TRUST-085)",
      {
        oldCheckpoint: at3,
        newCheckpoint: await checkpoint(5, logSigner, LOG_ORIGIN, forked.rootHash(5)),
        proof: consistency(3, 5),
      },
    ],
    [
      "other-origin",
      "a checkpoint signed by the log's key for another origin (TRUST-086)",
      {
        oldCheckpoint: at3,
        newCheckpoint: await checkpoint(5, logSigner, "other.example.com/log"),
        proof: consistency(3, 5),
      },
    ],
    [
      "proof-for-other-sizes",
      "a proof from 2 to 5 for checkpoints of 3 and 5 (TRUST-086)",
      { oldCheckpoint: at3, newCheckpoint: at5, proof: consistency(2, 5) },
    ],
  ];
  for (const [name, description, input] of consistencyCases)
    await add(`consistency/${name}`, "consistency", description, input, { logKey: "log" });
}

const corpus = {
  corpusVersion: "1",
  specification: "docs/spec/README.md",
  description:
    "Golden conformance vectors for Parmana verifiers: each case gives the input, the key or trust root, and the verdict, checks, error codes and messages @parmanasystems/core reports. Codes are normative; messages are informative.",
  keys: KEYS,
  trustRoots: TRUST_ROOTS,
  logKeys: LOG_KEYS,
  cases,
};
const out = new URL("../../test/corpus/corpus.json", import.meta.url);
writeFileSync(out, `${JSON.stringify(corpus, null, 1)}\n`);
console.log(`wrote ${cases.length} cases to ${out.pathname}`);
