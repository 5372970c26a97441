// Wycheproof ECDSA P-256 / SHA-256 DER verification vectors (C2SP/wycheproof
// testvectors_v1/ecdsa_secp256r1_sha256_test.json): the format AWS KMS returns for ECDSA_SHA_256.
// LocalVerifier { lowS: false } must agree with `result` on all 484 vectors (BER encodings, r or
// s = 0 or >= n, extra leading zeros, wrong types, ...); the default LocalVerifier also refuses
// the valid vectors whose s is above n/2, and only those.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LocalVerifier } from "@parmanasystems/core";

interface WycheproofTest {
  readonly tcId: number;
  readonly comment: string;
  readonly msg: string;
  readonly sig: string;
  readonly result: "valid" | "invalid" | "acceptable";
}

interface EcdsaGroup {
  readonly publicKeyPem: string;
  readonly sha: string;
  readonly tests: readonly WycheproofTest[];
}

const file = JSON.parse(
  readFileSync(
    new URL("../vectors/wycheproof/ecdsa_secp256r1_sha256_test.json", import.meta.url),
    "utf8",
  ),
) as { numberOfTests: number; testGroups: EcdsaGroup[] };

const utf8 = new TextDecoder("utf-8", { fatal: true });

describe("Wycheproof ecdsa_secp256r1_sha256_test.json", () => {
  const cases = file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));

  it("holds the 484 SHA-256 vectors the file announces, none of them 'acceptable'", () => {
    expect(cases).toHaveLength(484);
    expect(file.numberOfTests).toBe(484);
    expect(new Set(file.testGroups.map((group) => group.sha))).toEqual(new Set(["SHA-256"]));
    expect(cases.filter(({ test }) => test.result === "acceptable")).toEqual([]);
  });

  it("LocalVerifier { lowS: false } agrees with every result", () => {
    const disagreements: string[] = [];
    for (const group of file.testGroups) {
      const verifier = new LocalVerifier(group.publicKeyPem, { lowS: false });
      expect(verifier.algorithm).toBe("ecdsa-p256-sha256");
      for (const test of group.tests) {
        const signature = Buffer.from(test.sig, "hex").toString("base64");
        // Every message in this file is valid UTF-8 (the fatal decoder checks), so the string API is covered too.
        const message = Buffer.from(test.msg, "hex");
        const accepted = verifier.verifyBytes(message, signature);
        const acceptedAsText = verifier.verify(utf8.decode(message), signature);
        const expected = test.result === "valid";
        if (accepted !== expected || acceptedAsText !== expected) {
          disagreements.push(
            `tcId ${test.tcId} (${test.comment}): got ${accepted}/${acceptedAsText}, expected ${test.result}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("Wycheproof ECDSA vectors under the default (low-S) LocalVerifier", () => {
  const HALF_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;
  const sOf = (der: Buffer): bigint => {
    const rLength = der[3] as number;
    const sLength = der[5 + rLength] as number;
    return BigInt(`0x${der.subarray(6 + rLength, 6 + rLength + sLength).toString("hex")}`);
  };

  it("accepts the valid low-S vectors and refuses every other one", () => {
    let highS = 0;
    const disagreements: string[] = [];
    for (const group of file.testGroups) {
      const verifier = new LocalVerifier(group.publicKeyPem);
      for (const test of group.tests) {
        const der = Buffer.from(test.sig, "hex");
        const accepted = verifier.verifyBytes(Buffer.from(test.msg, "hex"), der.toString("base64"));
        const isHigh = test.result === "valid" && sOf(der) > HALF_N;
        if (isHigh) highS += 1;
        const expected = test.result === "valid" && !isHigh;
        if (accepted !== expected) disagreements.push(`tcId ${test.tcId} (${test.comment})`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(highS).toBeGreaterThan(0);
  });
});
