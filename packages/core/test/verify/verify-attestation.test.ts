import { describe, expect, it } from "vitest";
import {
  attestationSigningInput,
  compilePolicy,
  computeExecutionFingerprint,
  computeRuntimeHash,
  computeSignalsHash,
  createRuntimeManifest,
  getRuntimeIdentity,
  InvariantError,
  LocalVerifier,
  generateKeyPair,
  verifyAttestation,
  withProvenance,
  type AsyncVerifier,
  type AttestationVerificationResult,
  type CompiledPolicy,
  type SyncVerifier,
  type Verifier,
} from "@parmanasystems/core";
import {
  LOAN_POLICY,
  LOAN_SIGNALS,
  makeKeys,
  samplePayload,
  signPayload,
} from "../helpers/decision-loop-fixtures.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const keys = makeKeys();
const otherKeys = makeKeys();

function verifySync(
  attestation: unknown,
  options?: Parameters<typeof verifyAttestation>[2],
): AttestationVerificationResult {
  return verifyAttestation(attestation, keys.verifier, options);
}

function codes(result: AttestationVerificationResult): string[] {
  return result.errors.map((error) => /^\[([A-Z0-9-]+)\]/.exec(error)?.[1] ?? "untagged");
}

const ALL_PASS = {
  signature_verified: true,
  runtime_verified: true,
  schema_compatible: true,
  governed: true,
};

describe("verifyAttestation on a well-formed attestation", () => {
  it("reports valid with all four checks, no errors, synchronously for LocalVerifier", () => {
    const result = verifySync(signPayload(samplePayload(), keys.signer));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ valid: true, checks: ALL_PASS, errors: [], warnings: [] });
  });

  it("accepts a JSON round trip of the attestation", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    expect(verifySync(JSON.parse(JSON.stringify(attestation))).valid).toBe(true);
  });

  it("accepts a provenance summary and pending_override state when consistent", () => {
    const payload = samplePayload({
      decision: { action: "manual_review", requires_override: true, reason: "r" },
      execution_state: "pending_override",
      provenance: {
        provenanceHash: `sha256:${"b".repeat(64)}`,
        signalsWithProvenance: 1,
        verifiedSignals: 1,
        unverifiedSignals: 0,
        minimumTrustLevel: "verified",
      },
    });
    expect(verifySync(signPayload(payload, keys.signer))).toEqual({
      valid: true,
      checks: ALL_PASS,
      errors: [],
      warnings: [],
    });
  });
});

describe("verifyAttestation never throws for a bad attestation", () => {
  const garbage: [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "attestation"],
    ["a boolean", true],
    ["an array", [1, 2]],
    ["an empty array", []],
    ["a Date", new Date(0)],
    ["a Map", new Map([["signature", "x"]])],
    ["a function", () => 1],
    ["a class instance", new (class Attestation {})()],
  ];
  it.each(garbage)(
    "%s → valid false, every check false, an INV-VERIFY-001 error",
    (_name, value) => {
      const result = verifySync(value);
      expect(result.valid).toBe(false);
      expect(result.checks).toEqual({
        signature_verified: false,
        runtime_verified: false,
        schema_compatible: false,
        governed: false,
      });
      expect(codes(result)).toEqual(["INV-VERIFY-001"]);
    },
  );

  it("{} reports every missing field and no signature", () => {
    const result = verifySync({});
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
    expect(result.checks.governed).toBe(false);
    expect(result.errors).toContain("[INV-VERIFY-001] missing field executionId");
    expect(result.errors).toContain("[INV-VERIFY-001] missing field signature");
    expect(result.errors).toContain("[INV-VERIFY-002] the attestation carries no signature");
    expect(result.errors).not.toContain("[INV-VERIFY-001] missing field provenance");
  });

  it("a field holding a non-JSON value (NaN, bigint, undefined) fails the signature without throwing", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    for (const value of [Number.NaN, 10n, undefined, Symbol("x")]) {
      const result = verifySync({ ...attestation, executionId: value });
      expect(result.valid).toBe(false);
      expect(result.checks.signature_verified).toBe(false);
      expect(result.checks.governed).toBe(false);
    }
  });

  it("a cyclic attestation fails without throwing", () => {
    const attestation: Record<string, unknown> = { ...signPayload(samplePayload(), keys.signer) };
    attestation["decision"] = {
      action: "approve",
      requires_override: false,
      reason: "x",
      self: attestation,
    };
    const result = verifySync(attestation);
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
  });

  it("__proto__ as an own field is an unknown field, not a prototype change", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const hostile = JSON.parse(
      JSON.stringify(attestation).replace("{", '{"__proto__":{"valid":true},'),
    ) as Record<string, unknown>;
    const result = verifySync(hostile);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('[INV-VERIFY-012] unknown field "__proto__"');
    expect(result.checks.signature_verified).toBe(false);
  });

  it("a 1 MB string field is reported with a shortened value", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const result = verifySync({ ...attestation, policyVersion: "1".repeat(1_000_000) });
    expect(result.valid).toBe(false);
    expect(result.errors.every((error) => error.length < 500)).toBe(true);
  });
});

describe("verifyAttestation governed (well-formedness)", () => {
  const wrongTypes: [string, unknown, string][] = [
    ["executionId", "", "INV-VERIFY-008"],
    ["executionId", 5, "INV-VERIFY-001"],
    ["execution_fingerprint", "ABC", "INV-VERIFY-008"],
    ["execution_fingerprint", "A".repeat(64), "INV-VERIFY-008"],
    ["signalsHash", `sha256:${"a".repeat(64)}`, "INV-VERIFY-008"],
    ["runtimeHash", "a".repeat(64), "INV-VERIFY-008"],
    ["bundleHash", "sha256:xyz", "INV-VERIFY-008"],
    ["evaluatorArtifactHash", null, "INV-VERIFY-001"],
    ["policyVersion", "v1", "INV-VERIFY-008"],
    ["runtimeVersion", "1.0", "INV-VERIFY-008"],
    ["issuedAt", "2026-01-15 10:00:00", "INV-VERIFY-008"],
    ["issuedAt", "2026-01-15T10:00:00+05:30", "INV-VERIFY-008"],
    ["issuedAt", "2026-13-45T10:00:00.000Z", "INV-VERIFY-008"],
    // Date.parse takes these as March 2nd and the next day's midnight: no such instant exists.
    ["issuedAt", "2026-02-30T10:00:00.000Z", "INV-VERIFY-008"],
    ["issuedAt", "2026-01-31T24:00:00.000Z", "INV-VERIFY-008"],
    ["execution_state", "done", "INV-VERIFY-001"],
    ["decision", "approve", "INV-VERIFY-001"],
    ["decision", { action: "approve", requires_override: "no", reason: "r" }, "INV-VERIFY-001"],
    [
      "decision",
      { action: "approve", requires_override: false, reason: "r", extra: 1 },
      "INV-VERIFY-012",
    ],
    ["manifestSignature", 0, "INV-VERIFY-001"],
    ["signerKeyId", "", "INV-VERIFY-008"],
    ["provenance", "none", "INV-VERIFY-001"],
    [
      "provenance",
      {
        provenanceHash: "x",
        signalsWithProvenance: 1,
        verifiedSignals: 1,
        unverifiedSignals: 0,
        minimumTrustLevel: null,
      },
      "INV-VERIFY-008",
    ],
    [
      "provenance",
      {
        provenanceHash: null,
        signalsWithProvenance: -1,
        verifiedSignals: 0,
        unverifiedSignals: 0,
        minimumTrustLevel: null,
      },
      "INV-VERIFY-001",
    ],
    [
      "provenance",
      {
        provenanceHash: null,
        signalsWithProvenance: 0,
        verifiedSignals: 0,
        unverifiedSignals: 0,
        minimumTrustLevel: "high",
      },
      "INV-VERIFY-001",
    ],
  ];
  it.each(wrongTypes)("%s = %j, even when signed, fails governed with %s", (field, value, code) => {
    const result = verifySync(signPayload(samplePayload({ [field]: value }), keys.signer));
    expect(result.valid).toBe(false);
    expect(result.checks.governed).toBe(false);
    expect(result.checks.signature_verified).toBe(true);
    expect(codes(result)).toContain(code);
  });

  it("flags execution_state inconsistent with requires_override (INV-VERIFY-007)", () => {
    for (const [requiresOverride, state] of [
      [true, "completed"],
      [false, "pending_override"],
    ] as const) {
      const payload = samplePayload({
        decision: { action: "x", requires_override: requiresOverride, reason: "r" },
        execution_state: state,
      });
      const result = verifySync(signPayload(payload, keys.signer));
      expect(result.checks.governed).toBe(false);
      expect(codes(result)).toEqual(["INV-VERIFY-007"]);
    }
  });

  it("flags a signed unknown field (INV-VERIFY-012)", () => {
    const result = verifySync(signPayload({ ...samplePayload(), note: "added" }, keys.signer));
    expect(result.checks.signature_verified).toBe(true);
    expect(result.checks.governed).toBe(false);
    expect(result.errors).toEqual(['[INV-VERIFY-012] unknown field "note"']);
  });

  it("warns (without failing) when the deprecated evaluatorHash differs from evaluatorSemanticHash", () => {
    const result = verifySync(
      signPayload(samplePayload({ evaluatorHash: `sha256:${"c".repeat(64)}` }), keys.signer),
    );
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      "[INV-VERIFY-013] evaluatorHash (deprecated alias) differs from evaluatorSemanticHash",
    ]);
  });
});

describe("verifyAttestation signature_verified", () => {
  it("fails under another key with INV-VERIFY-002", () => {
    const result = verifyAttestation(signPayload(samplePayload(), keys.signer), otherKeys.verifier);
    expect(result.valid).toBe(false);
    expect(result.checks).toEqual({ ...ALL_PASS, signature_verified: false });
    expect(result.errors).toEqual([
      "[INV-VERIFY-002] the signature does not verify under the verifier's key",
    ]);
  });

  it("fails for a signature that is not base64 or empty", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    expect(
      verifySync({ ...attestation, signature: "!!not base64!!" }).checks.signature_verified,
    ).toBe(false);
    const empty = verifySync({ ...attestation, signature: "" });
    expect(empty.checks.signature_verified).toBe(false);
    expect(codes(empty)).toContain("INV-VERIFY-002");
  });

  it("fails for a signature made under another signing domain", async () => {
    const { canonicalizeForSigning, SIGNING_DOMAINS } = await import("@parmanasystems/core");
    const { attestationPayload } = await import("@parmanasystems/core/internal");
    const payload = samplePayload();
    const signature = keys.signer.sign(
      canonicalizeForSigning(attestationPayload(payload), SIGNING_DOMAINS.override),
    );
    expect(verifySync({ ...payload, signature }).checks.signature_verified).toBe(false);
  });

  it("reports a verifier that throws (INV-VERIFY-003) without throwing", () => {
    const throwing: SyncVerifier = {
      verify(): boolean {
        throw new Error("HSM offline");
      },
    };
    const result = verifyAttestation(signPayload(samplePayload(), keys.signer), throwing);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(["[INV-VERIFY-003] the verifier threw: HSM offline"]);
  });

  it("only accepts the boolean true from a verifier", () => {
    const sloppy = { verify: (): unknown => "yes" } as unknown as SyncVerifier;
    const result = verifyAttestation(signPayload(samplePayload(), keys.signer), sloppy);
    expect(result.checks.signature_verified).toBe(false);
    expect(result.errors).toEqual([
      '[INV-VERIFY-003] the verifier answered "yes" instead of a boolean',
    ]);
  });

  it("calls a LocalVerifier subclass's own verify, and judges a Proxy of one by its own answer", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const tampered = { ...attestation, policyId: "other-policy" };
    const seen: string[] = [];
    class Recording extends LocalVerifier {
      override verify(payload: string, signature: string): boolean {
        seen.push(payload);
        return super.verify(payload, signature);
      }
    }
    const recording = new Recording(keys.verifier.publicKeyPem);
    expect(verifyAttestation(attestation, recording).valid).toBe(true);
    expect(verifyAttestation(tampered, recording).checks.signature_verified).toBe(false);
    expect(seen).toEqual([attestationSigningInput(attestation), attestationSigningInput(tampered)]);
    // The class's own verify, on the verifier itself: the same verdicts.
    expect(verifyAttestation(attestation, keys.verifier).valid).toBe(true);
    expect(verifyAttestation(tampered, keys.verifier).checks.signature_verified).toBe(false);
    // A Proxy is called through its verify, which cannot reach the class's private key.
    const proxied = new Proxy(keys.verifier, {});
    const result = verifyAttestation(attestation, proxied);
    expect(result.checks.signature_verified).toBe(false);
    expect(codes(result)).toEqual(["INV-VERIFY-003"]);
  });

  it("reports, with a coded reason, a LocalVerifier whose verify getter throws after the argument check", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const verifier = new LocalVerifier(keys.verifier.publicKeyPem);
    let reads = 0;
    // The argument check reads a method; every later read throws (a getter that changes its mind).
    Object.defineProperty(verifier, "verify", {
      get() {
        reads++;
        if (reads === 1) return LocalVerifier.prototype.verify;
        throw new Error("no verify here");
      },
    });
    const result = verifyAttestation(attestation, verifier);
    expect(reads).toBeGreaterThan(1);
    expect(result.valid).toBe(false);
    expect(result.checks.signature_verified).toBe(false);
    expect(codes(result)).toEqual(["INV-VERIFY-003"]);
  });

  it("passes the exact signing input to the verifier", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const seen: string[] = [];
    const spy: SyncVerifier = {
      verify(payload: string, signature: string): boolean {
        seen.push(payload);
        return keys.verifier.verify(payload, signature);
      },
    };
    expect(verifyAttestation(attestation, spy).valid).toBe(true);
    expect(seen).toEqual([attestationSigningInput(attestation)]);
  });
});

describe("verifyAttestation with an asynchronous verifier", () => {
  class AsyncLocalVerifier implements AsyncVerifier {
    constructor(private readonly inner: LocalVerifier) {}
    async verify(payload: string, signature: string): Promise<boolean> {
      return this.inner.verify(payload, signature);
    }
  }
  const asyncVerifier = new AsyncLocalVerifier(keys.verifier);

  it("returns a Promise of the same result", async () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const pending = verifyAttestation(attestation, asyncVerifier);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual({ valid: true, checks: ALL_PASS, errors: [], warnings: [] });
  });

  it("returns a Promise even for garbage, where the verifier is never called", async () => {
    const pending = verifyAttestation(null, asyncVerifier);
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).valid).toBe(false);
  });

  it("reports a rejecting verifier as INV-VERIFY-003", async () => {
    const rejecting: AsyncVerifier = {
      async verify(): Promise<boolean> {
        throw new Error("KMS timeout");
      },
    };
    const result = await verifyAttestation(signPayload(samplePayload(), keys.signer), rejecting);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(["[INV-VERIFY-003] the verifier failed: KMS timeout"]);
  });

  it("resolves tampering to valid false", async () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const result = await verifyAttestation(
      { ...attestation, policyVersion: "1.0.1" },
      asyncVerifier,
    );
    expect(result.checks.signature_verified).toBe(false);
  });

  it("types: sync verifier → result, async verifier → Promise, general Verifier → union", () => {
    const attestation = signPayload(samplePayload(), keys.signer);
    const sync: AttestationVerificationResult = verifyAttestation(attestation, keys.verifier);
    const promised: Promise<AttestationVerificationResult> = verifyAttestation(
      attestation,
      asyncVerifier,
    );
    const general: Verifier = keys.verifier;
    const either: AttestationVerificationResult | Promise<AttestationVerificationResult> =
      verifyAttestation(attestation, general);
    expect(sync.valid).toBe(true);
    expect(promised).toBeInstanceOf(Promise);
    expect(either).not.toBeInstanceOf(Promise);
    return promised;
  });
});

describe("verifyAttestation misuse throws", () => {
  const attestation = signPayload(samplePayload(), keys.signer);
  it.each([[undefined], [null], [{}], [{ verify: "yes" }], ["key"]])(
    "verifier %j → INV-EXEC-002",
    (verifier) => {
      expectParmanaError(
        () => verifyAttestation(attestation, verifier as unknown as SyncVerifier),
        "INV-EXEC-002",
        InvariantError,
      );
    },
  );

  it.each([["strict"], [42], [[1]]])("third argument %j → INV-EXEC-003", (options) => {
    expectParmanaError(
      () => verifyAttestation(attestation, keys.verifier, options as never),
      "INV-EXEC-003",
      InvariantError,
    );
  });
});

describe("verifyAttestation runtime_verified", () => {
  const running = getRuntimeIdentity();
  const foreign = { runtimeVersion: "0.9.0", runtimeHash: `sha256:${"d".repeat(64)}` };
  const foreignAttestation = signPayload(samplePayload(foreign), keys.signer);

  it("fails for a runtime that is not the running one (INV-VERIFY-004)", () => {
    const result = verifySync(foreignAttestation);
    expect(result.valid).toBe(false);
    expect(result.checks).toEqual({ ...ALL_PASS, runtime_verified: false });
    expect(codes(result)).toEqual(["INV-VERIFY-004"]);
  });

  it("passes when the runtime is trusted through options.trustedRuntimes or as the third argument", () => {
    expect(verifySync(foreignAttestation, { trustedRuntimes: [foreign] }).valid).toBe(true);
    expect(verifySync(foreignAttestation, foreign).valid).toBe(true);
  });

  it("passes for a trusted runtime manifest (hashed with computeRuntimeHash)", () => {
    const manifest = createRuntimeManifest({
      runtimeVersion: "0.9.0",
      files: { "index.js": `sha256:${"e".repeat(64)}` },
      source: "build",
    });
    const attestation = signPayload(
      samplePayload({ runtimeVersion: "0.9.0", runtimeHash: computeRuntimeHash(manifest) }),
      keys.signer,
    );
    expect(verifySync(attestation).checks.runtime_verified).toBe(false);
    expect(verifySync(attestation, manifest).valid).toBe(true);
    expect(verifySync(attestation, { runtimeManifests: [manifest] }).valid).toBe(true);
  });

  it("fails when runtimeVersion does not match the trusted hash (INV-VERIFY-005)", () => {
    const attestation = signPayload(
      samplePayload({ runtimeVersion: "9.9.9", runtimeHash: running.runtimeHash }),
      keys.signer,
    );
    const result = verifySync(attestation);
    expect(result.checks.runtime_verified).toBe(false);
    expect(codes(result)).toEqual(["INV-VERIFY-005"]);
  });

  it("trustedRuntimeHashes trust a hash whatever the version", () => {
    expect(
      verifySync(foreignAttestation, { trustedRuntimeHashes: [foreign.runtimeHash] }).valid,
    ).toBe(true);
  });
});

describe("verifyAttestation schema_compatible", () => {
  it("fails for an unsupported schemaVersion unless the caller supports it", () => {
    const attestation = signPayload(samplePayload({ schemaVersion: "2.0.0" }), keys.signer);
    const result = verifySync(attestation);
    expect(result.checks).toEqual({ ...ALL_PASS, schema_compatible: false });
    expect(codes(result)).toEqual(["INV-VERIFY-006"]);
    expect(verifySync(attestation, { supportedSchemaVersions: ["1.0.0", "2.0.0"] }).valid).toBe(
      true,
    );
  });
});

describe("verifyAttestation against a policy and signals", () => {
  const compiled = compilePolicy(LOAN_POLICY).policy as CompiledPolicy;
  const bound = samplePayload({
    bundleHash: compiled.policyHash,
    manifestHash: compiled.policyHash,
  });
  const attestation = signPayload(bound, keys.signer);

  it("passes with the matching policy (document or compiled) and signals", () => {
    expect(verifySync(attestation, { policy: LOAN_POLICY, signals: LOAN_SIGNALS })).toEqual({
      valid: true,
      checks: ALL_PASS,
      errors: [],
      warnings: [],
    });
    expect(verifySync(attestation, { policy: compiled }).valid).toBe(true);
    expect(
      verifySync(attestation, { signals: { loan_amount: 15000, credit_score: 720 } }).valid,
    ).toBe(true);
  });

  it("accepts governed signals (provenance stripped before hashing)", () => {
    const governed = {
      credit_score: withProvenance(720, {
        source: "CIBIL",
        sourceType: "financial_api",
        sourceVerified: true,
      }),
      loan_amount: 15000,
    };
    expect(verifySync(attestation, { policy: LOAN_POLICY, signals: governed }).valid).toBe(true);
  });

  it("fails governed for other signals (INV-VERIFY-010)", () => {
    const result = verifySync(attestation, { signals: { credit_score: 721, loan_amount: 15000 } });
    expect(result.checks).toEqual({ ...ALL_PASS, governed: false });
    expect(codes(result)).toEqual(["INV-VERIFY-010", "INV-VERIFY-010"]);
  });

  it("fails governed for another policy version or bundle (INV-VERIFY-009)", () => {
    const other = { ...LOAN_POLICY, policyVersion: "1.0.1" };
    const result = verifySync(attestation, { policy: other });
    expect(result.checks.governed).toBe(false);
    expect(codes(result)).toContain("INV-VERIFY-009");
    const unbound = verifySync(signPayload(samplePayload(), keys.signer), { policy: compiled });
    expect(codes(unbound)).toEqual(["INV-VERIFY-009", "INV-VERIFY-009"]);
  });

  it("fails governed when re-evaluation reaches another decision (INV-VERIFY-011)", () => {
    const lying = signPayload(
      {
        ...bound,
        decision: {
          action: "reject",
          requires_override: false,
          reason: "Credit score meets standard threshold.",
        },
      },
      keys.signer,
    );
    const result = verifySync(lying, { policy: LOAN_POLICY, signals: LOAN_SIGNALS });
    expect(result.checks).toEqual({ ...ALL_PASS, governed: false });
    expect(result.errors).toEqual([
      '[INV-VERIFY-011] decision.action is "reject" but the policy decides "approve" (rule approve-standard)',
    ]);
  });

  it("fails governed when the signals do not fit the policy", () => {
    const signals = { credit_score: "720", loan_amount: 15000 };
    const payload = {
      ...bound,
      signalsHash: computeSignalsHash(signals),
      execution_fingerprint: computeExecutionFingerprint("loan-approval", "1.0.0", signals),
    };
    const result = verifySync(signPayload(payload, keys.signer), { policy: LOAN_POLICY, signals });
    expect(codes(result)).toEqual(["INV-VERIFY-011"]);
    expect(result.errors[0]).toMatch(/VAL-007/);
  });

  it("reports a policy document that does not compile instead of throwing", () => {
    const result = verifySync(attestation, { policy: { policyId: "x" } as never });
    expect(result.checks.governed).toBe(false);
    expect(codes(result)).toEqual(["INV-VERIFY-009"]);
  });

  it("reports signals that are not plain JSON instead of throwing", () => {
    const result = verifySync(attestation, { signals: { credit_score: Number.NaN } });
    expect(codes(result)).toEqual(["INV-VERIFY-010"]);
  });
});

describe("verifyAttestation given a Promise (a forgotten await)", () => {
  it("names the Promise instead of saying 'got object'", () => {
    // A typed caller gets a compile error (docs-tests' consumer-types fixture); untyped
    // JavaScript, or a value typed `unknown`, reaches the runtime check.
    const pending: unknown = Promise.resolve({});
    const result = verifyAttestation(pending, new LocalVerifier(generateKeyPair().publicKeyPem));
    expect(result.valid).toBe(false);
    expect(result.errors).toContain(
      "[INV-VERIFY-001] an attestation must be a JSON object, got a Promise (did you forget `await`?)",
    );
  });
});
