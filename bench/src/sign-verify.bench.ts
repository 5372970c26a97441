// LocalSigner / LocalVerifier against the raw node:crypto one-shot calls they wrap, on the same
// 600-byte input and the same key. The ratio is our median time per operation over the raw one:
// what the string/base64 handling and checks cost on top of the signature itself.
// Then the peer: jose (compact JWS, EdDSA) signing and verifying an attestation's signing input,
// against LocalSigner.sign and verifyAttestation (see joseComparison).
import { sign as rawSign, verify as rawVerify } from "node:crypto";
import {
  attestationSigningInput,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  verifyAttestation,
} from "@parmanasystems/core";
import { CompactSign, compactVerify, importPKCS8, importSPKI } from "jose";
import { measure, printResults, resultOf, typicalMicros } from "./lib/compare.js";
import { interleave, printRatio, printSides, type SideResult } from "./lib/interleave.js";
import { asStored, loanBench } from "./lib/loan-bench.js";
import { installedVersion, recordRatio } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

/** Runs the comparison and prints its table and ratios. */
export async function runBench(): Promise<void> {
  const { privateKey, publicKey, privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);

  // 600 bytes of JSON-like ASCII text, the size of a typical attestation signing input.
  const payload = JSON.stringify({
    domain: "PARMANA_ATTESTATION_V1",
    payload: "x".repeat(600),
  }).slice(0, 600);
  const bytes = Buffer.from(payload, "utf8");
  if (bytes.length !== 600) throw new Error(`payload is ${bytes.length} bytes, expected 600`);

  const signature = signer.sign(payload);
  const rawSignature = rawSign(null, bytes, privateKey);
  if (signature !== rawSignature.toString("base64"))
    throw new Error("LocalSigner and crypto.sign disagree");
  if (!verifier.verify(payload, signature) || !rawVerify(null, bytes, publicKey, rawSignature)) {
    throw new Error("signature does not verify");
  }

  const results = measure([
    { name: "LocalSigner.sign", fn: () => signer.sign(payload) },
    { name: "crypto.sign (raw)", fn: () => rawSign(null, bytes, privateKey) },
    { name: "LocalVerifier.verify", fn: () => verifier.verify(payload, signature) },
    { name: "crypto.verify (raw)", fn: () => rawVerify(null, bytes, publicKey, rawSignature) },
  ]);
  printResults("Ed25519 sign / verify, 600-byte input", results);
  for (const [ours, raw] of [
    ["LocalSigner.sign", "crypto.sign (raw)"],
    ["LocalVerifier.verify", "crypto.verify (raw)"],
  ] as const) {
    const ratio = typicalMicros(resultOf(results, ours)) / typicalMicros(resultOf(results, raw));
    console.log(
      `ratio ${ours} / ${raw} time = ${ratio.toFixed(3)} (aim: <= 1.10) ${ratio <= 1.1 ? "MET" : "NOT MET"}`,
    );
    recordRatio({
      label: `${ours} / ${raw}`,
      basis: "time",
      median: ratio,
      aim: { op: "<=", value: 1.1 },
    });
  }
  await joseComparison();
}

/**
 * jose (the JOSE library a Node developer would reach for) against us on the same work: Ed25519
 * compact JWS (EdDSA) over the attestation's signing input, with keys imported once. The verify
 * side compares a full `verifyAttestation` (signing input rebuilt from the record, every check,
 * one signature) with jose's `compactVerify`, which checks the signature only; the sign side
 * compares `LocalSigner.sign` with jose's `CompactSign`. Interleaved rounds, CPU time (jose's
 * WebCrypto work runs on libuv's pool threads, which process CPU time counts).
 */
async function joseComparison(): Promise<void> {
  const joseVersion = installedVersion("jose");
  const bench = loanBench();
  const { signer, verifier } = bench;
  const { privateKey, publicKey, privateKeyPem, publicKeyPem } = bench.keys;
  const attestation = await bench.decide("loan-app-jose");
  const stored = asStored(attestation);
  const signingInput = attestationSigningInput(stored);
  const payload = Buffer.from(signingInput, "utf8");
  const signature = Buffer.from(attestation.signature, "base64");
  const joseSigningKey = await importPKCS8(privateKeyPem, "EdDSA");
  const joseVerifyingKey = await importSPKI(publicKeyPem, "EdDSA");
  const joseSign = () =>
    new CompactSign(payload).setProtectedHeader({ alg: "EdDSA" }).sign(joseSigningKey);
  const jws = await joseSign();
  const checked = await compactVerify(jws, joseVerifyingKey);
  if (
    Buffer.compare(Buffer.from(checked.payload), payload) !== 0 ||
    !verifyAttestation(stored, verifier).valid ||
    !rawVerify(null, payload, publicKey, signature)
  ) {
    throw new Error("the attestation or its JWS does not verify");
  }
  const options = SMOKE
    ? { rounds: 1, callsPerRound: 10, warmupCalls: 5 }
    : { rounds: 9, callsPerRound: 1500, warmupCalls: 1500 };

  const verifySides = await interleave(
    [
      { name: "verifyAttestation (every check)", call: () => verifyAttestation(stored, verifier) },
      {
        name: `jose ${joseVersion} compactVerify (signature only)`,
        call: () => compactVerify(jws, joseVerifyingKey),
        async: true,
      },
      { name: "crypto.verify (raw)", call: () => rawVerify(null, payload, publicKey, signature) },
    ],
    options,
  );
  const [ours, jose, raw] = verifySides as [SideResult, SideResult, SideResult];
  printSides(
    `Ed25519 verify of one attestation (${payload.length}-byte signing input): us vs jose ${joseVersion}, interleaved rounds`,
    verifySides,
  );
  printRatio(`jose ${joseVersion} compactVerify / verifyAttestation`, jose, ours, undefined);
  printRatio("verifyAttestation / crypto.verify (raw)", ours, raw, undefined);

  const signSides = await interleave(
    [
      { name: "LocalSigner.sign", call: () => signer.sign(signingInput) },
      { name: `jose ${joseVersion} CompactSign`, call: joseSign, async: true },
      { name: "crypto.sign (raw)", call: () => rawSign(null, payload, privateKey) },
    ],
    options,
  );
  const [oursSign, joseSignSide] = signSides as [SideResult, SideResult, SideResult];
  printSides(
    `Ed25519 sign of the same signing input: us vs jose ${joseVersion}, interleaved rounds`,
    signSides,
  );
  printRatio(
    `jose ${joseVersion} CompactSign / LocalSigner.sign`,
    joseSignSide,
    oursSign,
    undefined,
  );
}
