// The sync/async overloads of the verification functions: a verifier whose `verify` returns a
// boolean gives a result at once, one that returns a Promise gives a Promise, and a `Verifier`
// that may be either gives either. Checked by `pnpm typecheck`.
import {
  LocalVerifier,
  verifyAttestation,
  verifyBundle,
  verifyExecutionIntegrity,
  verifyOverride,
  type AsyncVerifier,
  type AttestationVerificationResult,
  type BundleVerificationResult,
  type ExecutionIntegrityVerificationResult,
  type OverrideVerificationResult,
  type Verifier,
} from "@parmanasystems/core";
import { expectType } from "./assert-type.js";

declare const publicKeyPem: string;
declare const attestation: unknown;
declare const record: unknown;
declare const proof: unknown;
declare const asyncVerifier: AsyncVerifier;
declare const eitherVerifier: Verifier;
const syncVerifier = new LocalVerifier(publicKeyPem);
const kmsLike = { verify: async (_payload: string, _signature: string) => true };

// verifyAttestation
expectType<AttestationVerificationResult>()(verifyAttestation(attestation, syncVerifier));
expectType<Promise<AttestationVerificationResult>>()(verifyAttestation(attestation, asyncVerifier));
expectType<Promise<AttestationVerificationResult>>()(verifyAttestation(attestation, kmsLike));
expectType<AttestationVerificationResult | Promise<AttestationVerificationResult>>()(
  verifyAttestation(attestation, eitherVerifier),
);
expectType<AttestationVerificationResult>()(
  verifyAttestation(attestation, syncVerifier, { trustedRuntimeHashes: ["sha256:00"] }),
);
// @ts-expect-error a synchronous verifier gives a result, not a Promise
const attestationPromise: Promise<AttestationVerificationResult> = verifyAttestation(
  attestation,
  syncVerifier,
);
// @ts-expect-error an asynchronous verifier gives a Promise, not a result
const attestationResult: AttestationVerificationResult = verifyAttestation(
  attestation,
  asyncVerifier,
);
// @ts-expect-error a verifier needs a verify method
verifyAttestation(attestation, {});
// @ts-expect-error verify must take (payload, signature) strings
verifyAttestation(attestation, { verify: (payload: number) => payload > 0 });

// verifyBundle
expectType<BundleVerificationResult>()(verifyBundle("./bundle", syncVerifier));
expectType<Promise<BundleVerificationResult>>()(verifyBundle("./bundle", asyncVerifier));
expectType<BundleVerificationResult | Promise<BundleVerificationResult>>()(
  verifyBundle("./bundle", eitherVerifier),
);
// @ts-expect-error a synchronous verifier gives a result, not a Promise
const bundlePromise: Promise<BundleVerificationResult> = verifyBundle("./bundle", syncVerifier);
// @ts-expect-error the bundle is named by its directory
verifyBundle({ dir: "./bundle" }, syncVerifier);

// verifyOverride
expectType<OverrideVerificationResult>()(verifyOverride(record, attestation, syncVerifier));
expectType<Promise<OverrideVerificationResult>>()(
  verifyOverride(record, attestation, asyncVerifier),
);
expectType<OverrideVerificationResult | Promise<OverrideVerificationResult>>()(
  verifyOverride(record, attestation, eitherVerifier),
);
// @ts-expect-error an asynchronous verifier gives a Promise, not a result
const overrideResult: OverrideVerificationResult = verifyOverride(
  record,
  attestation,
  asyncVerifier,
);
// @ts-expect-error the attestation the override refers to is required
verifyOverride(record, syncVerifier);

// verifyExecutionIntegrity
expectType<ExecutionIntegrityVerificationResult>()(verifyExecutionIntegrity(proof, syncVerifier));
expectType<ExecutionIntegrityVerificationResult>()(
  verifyExecutionIntegrity(proof, syncVerifier, attestation),
);
expectType<Promise<ExecutionIntegrityVerificationResult>>()(
  verifyExecutionIntegrity(proof, asyncVerifier, attestation),
);
expectType<ExecutionIntegrityVerificationResult | Promise<ExecutionIntegrityVerificationResult>>()(
  verifyExecutionIntegrity(proof, eitherVerifier),
);
// @ts-expect-error a synchronous verifier gives a result, not a Promise
const integrityPromise: Promise<ExecutionIntegrityVerificationResult> = verifyExecutionIntegrity(
  proof,
  syncVerifier,
);

export { attestationPromise, attestationResult, bundlePromise, overrideResult, integrityPromise };
