import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  TrustError,
  loadTrustRoot,
  validateTrustRoot,
  type TrustRootProblem,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { fixtureKey, trustKey } from "../helpers/trust-fixtures.js";

const k1 = fixtureKey(1, "k1");
const k2 = fixtureKey(2, "k2");

function validRoot(): Record<string, unknown> {
  return {
    trustRootVersion: "2026-01",
    keys: [
      trustKey(k1, ["attestation", "trust-root"]),
      trustKey(k2, ["manifest"], { validUntil: "2027-01-01T00:00:00Z" }),
    ],
    trustedRuntimeHashes: [`sha256:${"a".repeat(64)}`],
  };
}

function codesOf(value: unknown): string[] {
  return validateTrustRoot(value).map((problem: TrustRootProblem) => problem.code);
}

function withKey(patch: Record<string, unknown>): Record<string, unknown> {
  const root = validRoot();
  const keys = root["keys"] as Record<string, unknown>[];
  return { ...root, keys: [{ ...keys[0], ...patch }, keys[1]] };
}

describe("loadTrustRoot", () => {
  it("loads a valid root from an object, JSON text and a file, as a frozen copy", () => {
    const source = validRoot();
    const dir = mkdtempSync(join(tmpdir(), "parmana-trust-"));
    const path = join(dir, "trust-root.json");
    writeFileSync(path, JSON.stringify(source, null, 2));
    for (const input of [source, JSON.stringify(source), path]) {
      const root = loadTrustRoot(input);
      expect(root).toEqual(source);
      expect(Object.isFrozen(root)).toBe(true);
      expect(Object.isFrozen(root.keys[0])).toBe(true);
    }
    const root = loadTrustRoot(source);
    (source["keys"] as Record<string, unknown>[]).length = 0;
    expect(root.keys).toHaveLength(2);
  });

  it("TRUST-001 for a missing file and for text that is not JSON", () => {
    expectParmanaError(
      () => loadTrustRoot("/nonexistent/trust-root.json"),
      "TRUST-001",
      TrustError,
      /cannot read trust root/,
    );
    expectParmanaError(
      () => loadTrustRoot("{ not json"),
      "TRUST-001",
      TrustError,
      /not valid JSON/,
    );
  });

  it("TRUST-002 reports every problem at once, first one in the message", () => {
    const error = expectParmanaError(
      () => loadTrustRoot({ trustRootVersion: "", keys: [], trustedRuntimeHashes: "x" }),
      "TRUST-002",
      TrustError,
      /\[TRUST-003\] \$\.trustRootVersion.*and 2 more problems/,
    );
    const problems = error.details?.["problems"] as TrustRootProblem[];
    expect(problems.map((problem) => problem.code)).toEqual([
      "TRUST-003",
      "TRUST-004",
      "TRUST-011",
    ]);
  });

  it("accepts the valid fixture without problems", () => {
    expect(validateTrustRoot(validRoot())).toEqual([]);
  });
});

describe("validateTrustRoot codes", () => {
  const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const p256Pem = p256.publicKey.export({ format: "pem", type: "spki" }).toString();
  const rsaPem = generateKeyPairSync("rsa", { modulusLength: 1024 })
    .publicKey.export({ format: "pem", type: "spki" })
    .toString();

  const cases: [string, unknown, string][] = [
    ["not an object", [], "TRUST-013"],
    ["null", null, "TRUST-013"],
    ["unknown root member", { ...validRoot(), trustedKeys: [] }, "TRUST-014"],
    ["unknown key member", withKey({ revoked: true }), "TRUST-014"],
    ["missing version", { ...validRoot(), trustRootVersion: undefined }, "TRUST-003"],
    ["version with spaces", { ...validRoot(), trustRootVersion: "v 1" }, "TRUST-003"],
    ["keys missing", { ...validRoot(), keys: undefined }, "TRUST-004"],
    ["key not an object", { ...validRoot(), keys: ["k1"] }, "TRUST-004"],
    ["description not a string", withKey({ description: 7 }), "TRUST-004"],
    ["empty keyId", withKey({ keyId: "" }), "TRUST-005"],
    ["keyId with spaces", withKey({ keyId: "my key" }), "TRUST-005"],
    ["duplicate keyId", withKey({ keyId: "k2" }), "TRUST-006"],
    ["unknown algorithm", withKey({ algorithm: "rsa" }), "TRUST-007"],
    ["not PEM", withKey({ publicKey: "abc" }), "TRUST-008"],
    [
      "private key",
      withKey({ publicKey: k1.privateKey.export({ format: "pem", type: "pkcs8" }).toString() }),
      "TRUST-008",
    ],
    [
      "broken PEM",
      withKey({ publicKey: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" }),
      "TRUST-008",
    ],
    ["P-256 key declared ed25519", withKey({ publicKey: p256Pem }), "TRUST-008"],
    ["RSA key", withKey({ publicKey: rsaPem }), "TRUST-008"],
    ["no purposes", withKey({ purposes: [] }), "TRUST-009"],
    ["unknown purpose", withKey({ purposes: ["signing"] }), "TRUST-009"],
    ["duplicate purpose", withKey({ purposes: ["attestation", "attestation"] }), "TRUST-009"],
    ["missing validFrom", withKey({ validFrom: undefined }), "TRUST-010"],
    ["date without time", withKey({ validFrom: "2026-01-01" }), "TRUST-010"],
    ["impossible date", withKey({ validFrom: "2026-02-30T00:00:00Z" }), "TRUST-010"],
    ["hour 24", withKey({ validFrom: "2026-02-28T24:00:00Z" }), "TRUST-010"],
    ["no offset", withKey({ validFrom: "2026-01-01T00:00:00" }), "TRUST-010"],
    ["bad revokedAt", withKey({ revokedAt: "yesterday" }), "TRUST-010"],
    ["validUntil before validFrom", withKey({ validUntil: "2025-12-31T23:59:59Z" }), "TRUST-010"],
    ["validUntil equal to validFrom", withKey({ validUntil: "2026-01-01T00:00:00Z" }), "TRUST-010"],
    ["runtime hashes missing", { ...validRoot(), trustedRuntimeHashes: undefined }, "TRUST-011"],
    [
      "uppercase runtime hash",
      { ...validRoot(), trustedRuntimeHashes: [`sha256:${"A".repeat(64)}`] },
      "TRUST-011",
    ],
    [
      "bare hex runtime hash",
      { ...validRoot(), trustedRuntimeHashes: ["a".repeat(64)] },
      "TRUST-011",
    ],
    ["empty rotations", { ...validRoot(), rotations: [] }, "TRUST-012"],
    ["rotation not an object", { ...validRoot(), rotations: [1] }, "TRUST-012"],
  ];

  it.each(cases)("%s → %s", (_name, value, code) => {
    expect(codesOf(value)).toContain(code);
    expectParmanaError(
      () => loadTrustRoot(value as Record<string, unknown>),
      "TRUST-002",
      TrustError,
      new RegExp(code),
    );
  });

  it("accepts an ECDSA P-256 key declared as ecdsa-p256-sha256", () => {
    expect(codesOf(withKey({ publicKey: p256Pem, algorithm: "ecdsa-p256-sha256" }))).toEqual([]);
  });

  it("accepts instants with an offset and fractional seconds", () => {
    expect(
      codesOf(
        withKey({
          validFrom: "2026-01-01T05:30:00.123+05:30",
          revokedAt: "2026-03-01T00:00:00.5Z",
        }),
      ),
    ).toEqual([]);
  });
});
