// LocalSigner / LocalVerifier against the raw node:crypto one-shot calls they wrap, on the same
// 600-byte input and the same key. The ratio is our median time per operation over the raw one:
// what the string/base64 handling and checks cost on top of the signature itself.
import { sign as rawSign, verify as rawVerify } from "node:crypto";
import { LocalSigner, LocalVerifier, generateKeyPair } from "@parmanasystems/core";
import { measure, printResults, resultOf, typicalMicros } from "./lib/compare.js";
import { recordRatio } from "./lib/report.js";

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
  await Promise.resolve();
}
