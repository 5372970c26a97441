// A reference side for `execute`: less than any JavaScript implementation of executeFromSignals'
// output can do per decision, written as plainly as the language allows. It is not the floor (raw
// node:crypto alone) and not a competitor: it shows what the JavaScript between two OpenSSL calls
// costs on the machine at hand, whoever writes it.
//
// Per decision it does what the attestation needs and nothing more: the canonical signals text
// (JSON.stringify with sorted keys, exact for flat signals of numbers, ASCII strings and booleans),
// the two SHA-256 digests, a replay check-and-set in a Map, the clock's ISO text, the signing input
// (the members that are the same for every decision laid out once, the four that change put
// between them unescaped: less work than any general layout, and correct only for plain
// executionIds), its UTF-8 bytes, one Ed25519 sign, one verify of the fresh signature, the base64
// text and a frozen record. It leaves out what the library adds to that: input and schema
// validation, rule evaluation (the decision is the library's own for these signals, taken from a
// sample), fail-closed errors, the deadline and the store's expiry. So it is an optimistic lower
// bound: a complete implementation does more.
import { sign as rawSign, verify as rawVerify, type KeyObject } from "node:crypto";
import type { ExecutionAttestation } from "@parmanasystems/core";
import { sha256Hex } from "./sha256-hex.js";

// The signed members in canonical (UTF-16) order.
const PAYLOAD_MEMBERS = [
  "bundleHash",
  "decision",
  "evaluatorArtifactHash",
  "evaluatorHash",
  "evaluatorSemanticHash",
  "executionId",
  "execution_fingerprint",
  "execution_state",
  "issuedAt",
  "manifestHash",
  "manifestSignature",
  "policyId",
  "policyVersion",
  "releaseManifestHash",
  "runtimeHash",
  "runtimeVersion",
  "schemaVersion",
  "signalsHash",
  "signerKeyId",
  "trustRootVersion",
] as const;

/** A member that is the same in every decision, in canonical form (the decision's keys sorted). */
function constantMember(
  sample: ExecutionAttestation,
  name: (typeof PAYLOAD_MEMBERS)[number],
): unknown {
  if (name !== "decision") return sample[name];
  const { action, reason, requires_override } = sample.decision;
  return { action, reason, requires_override };
}

const RESERVED = 1;
const CONFIRMED = 2;

/**
 * Makes the bare decision function for one policy, key and set of signals.
 *
 * @param sample - an attestation the library made for these signals: the source of the members
 *   that are the same for every decision (policy, runtime and key identity, the decision)
 * @param signals - the flat signals every decision is made on
 * @param keys - the Ed25519 key pair the sample was signed with
 * @returns one decision per call, with a fresh executionId each time
 */
export function bareExecute(
  sample: ExecutionAttestation,
  signals: Readonly<Record<string, number | string | boolean>>,
  keys: { readonly privateKey: KeyObject; readonly publicKey: KeyObject },
): (executionId: string) => Promise<ExecutionAttestation> {
  const seen = new Map<string, number>();
  const { policyId, policyVersion, decision } = sample;
  const fingerprintPrefix = `{"policyId":${JSON.stringify(policyId)},"policyVersion":${JSON.stringify(policyVersion)},"signals":`;

  // Members that are the same for every decision are laid out once, as the text between the four
  // that change (executionId, execution_fingerprint, issuedAt, signalsHash), in canonical order.
  const constant = (from: number, to: number): string =>
    PAYLOAD_MEMBERS.slice(from, to)
      .map((name) => `,${JSON.stringify(name)}:${JSON.stringify(constantMember(sample, name))}`)
      .join("");
  const beforeExecutionId = `{"domain":"PARMANA_ATTESTATION_V1","payload":{${constant(0, 5).slice(1)},"executionId":`;
  const beforeFingerprint = `,"execution_fingerprint":"`;
  const execution_state = decision.requires_override ? "pending_override" : "completed";
  const beforeIssuedAt = `"${constant(7, 8)},"issuedAt":"`;
  const beforeSignalsHash = `"${constant(9, 17)},"signalsHash":"`;
  const end = `"${constant(18, 20)}}}`;

  return async (executionId) => {
    const canonicalSignals = JSON.stringify(signals, Object.keys(signals).sort());
    const signalsHash = sha256Hex(canonicalSignals);
    const execution_fingerprint = sha256Hex(`${fingerprintPrefix}${canonicalSignals}}`);
    const replayKey = `${policyId}:${executionId}`;
    if (seen.has(replayKey)) throw new Error(`replay: ${replayKey}`);
    seen.set(replayKey, RESERVED);
    const issuedAt = new Date().toISOString();
    const bytes = Buffer.from(
      `${beforeExecutionId}"${executionId}"${beforeFingerprint}${execution_fingerprint}${beforeIssuedAt}${issuedAt}${beforeSignalsHash}${signalsHash}${end}`,
      "utf8",
    );
    const signature = rawSign(null, bytes, keys.privateKey);
    if (!rawVerify(null, bytes, keys.publicKey, signature)) throw new Error("self-check failed");
    seen.set(replayKey, CONFIRMED);
    return Object.freeze({
      executionId,
      execution_fingerprint,
      policyId,
      policyVersion,
      schemaVersion: sample.schemaVersion,
      runtimeVersion: sample.runtimeVersion,
      runtimeHash: sample.runtimeHash,
      decision,
      execution_state,
      signalsHash,
      bundleHash: sample.bundleHash,
      manifestHash: sample.manifestHash,
      releaseManifestHash: sample.releaseManifestHash,
      evaluatorHash: sample.evaluatorHash,
      evaluatorSemanticHash: sample.evaluatorSemanticHash,
      evaluatorArtifactHash: sample.evaluatorArtifactHash,
      manifestSignature: sample.manifestSignature,
      trustRootVersion: sample.trustRootVersion,
      signerKeyId: sample.signerKeyId,
      issuedAt,
      signature: signature.toString("base64"),
    });
  };
}
