// Small-order Ed25519 public keys (here the identity point, 01 followed by 31 zero bytes) verify
// the forged signature R = identity, S = 0 for every message; provenance refuses them too.
import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProvenanceError } from "@parmanasystems/core";
import {
  hashEvidencePayload,
  importPublicKey,
  verifySourceAttestation,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const IDENTITY = Buffer.from("01" + "00".repeat(31), "hex");
const identityKey = createPublicKey({
  key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), IDENTITY]),
  format: "der",
  type: "spki",
});
const identityPem = identityKey.export({ format: "pem", type: "spki" }).toString();
const forgedSignature = Buffer.concat([IDENTITY, Buffer.alloc(32)]).toString("base64");

describe("small-order Ed25519 keys in provenance", () => {
  it("importPublicKey refuses the identity point (PROV-025)", () => {
    expectParmanaError(
      () => importPublicKey(identityPem),
      "PROV-025",
      ProvenanceError,
      /small-order or non-canonical/,
    );
  });

  it("verifySourceAttestation refuses a forged signature under the identity key, as PEM or KeyObject", () => {
    const payload = { balance: 1_000_000 };
    const attestation = {
      source: "bank",
      signedAt: "2026-01-01T00:00:00Z",
      algorithm: "ed25519" as const,
      payloadHash: hashEvidencePayload(payload),
      signature: forgedSignature,
    };
    for (const key of [identityPem, identityKey as never]) {
      const result = verifySourceAttestation(payload, attestation, key);
      expect(result.valid).toBe(false);
    }
  });
});
