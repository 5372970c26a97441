// SHA-256 helpers against the FIPS 180-2 appendix B examples, and the formats DESIGN §3 fixes:
// bare lowercase hex, or "sha256:<hex>" of the RFC 8785 form for artifact hashes.
import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  SHA256_PREFIX,
  canonicalHash,
  canonicalize,
  prefixedSha256,
  sha256Hex,
} from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

/** FIPS 180-2 Appendix B (B.1, B.2, B.3) and the empty message. */
const FIPS_180_2 = [
  ["empty message", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  [
    'B.1 one block, "abc"',
    "abc",
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  ],
  [
    "B.2 multi-block",
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  [
    'B.3 one million "a"',
    "a".repeat(1_000_000),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  ],
] as const;

describe("sha256Hex", () => {
  it.each(FIPS_180_2)("%s", (_label, message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
    expect(sha256Hex(new TextEncoder().encode(message))).toBe(digest);
  });

  it("hashes strings as UTF-8", () => {
    expect(sha256Hex("é")).toBe(sha256Hex(Uint8Array.of(0xc3, 0xa9)));
    expect(sha256Hex("é")).not.toBe(sha256Hex(Uint8Array.of(0xe9)));
  });

  it("hashes only the bytes a Uint8Array view covers", () => {
    const backing = new TextEncoder().encode("xxabcxx");
    expect(sha256Hex(backing.subarray(2, 5))).toBe(FIPS_180_2[1][2]);
  });

  it("returns 64 lowercase hex characters", () => {
    expect(sha256Hex("Parmana")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("prefixedSha256", () => {
  it("is sha256: followed by the bare hex", () => {
    expect(SHA256_PREFIX).toBe("sha256:");
    expect(prefixedSha256("abc")).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(prefixedSha256(new Uint8Array(0))).toBe(
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("canonicalHash", () => {
  it("hashes the RFC 8785 text: sha256 of '{}' for an empty object", () => {
    // sha256("{}"), computed independently with coreutils sha256sum.
    expect(canonicalHash({})).toBe(
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    );
  });

  it('hashes \'{"a":1,"b":[true,null]}\' whatever the member order or spacing', () => {
    // sha256('{"a":1,"b":[true,null]}'), computed independently with coreutils sha256sum.
    const expected = "sha256:1cc69c7fa23616ca2ec3ee70d24390a6225c8832db8a4c814c7e0e7f942f8668";
    expect(canonicalHash({ b: [true, null], a: 1 })).toBe(expected);
    expect(canonicalHash(JSON.parse('{ "a" : 1.0, "b" : [ true , null ] }'))).toBe(expected);
  });

  it("has the sha256:<64 hex> format and equals prefixedSha256(canonicalize(value))", () => {
    const value = {
      policyId: "loan-approval",
      policyVersion: "1.0.0",
      signals: { credit_score: 720 },
    };
    expect(canonicalHash(value)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(canonicalHash(value)).toBe(prefixedSha256(canonicalize(value)));
    expect(canonicalHash(value)).toBe(`sha256:${sha256Hex(canonicalize(value))}`);
  });

  it("throws the canonicalization error for non-JSON input", () => {
    expectParmanaError(
      () => canonicalHash({ at: new Date(0) }),
      "CANONICAL-003",
      CanonicalizationError,
      /at \$\.at$/,
    );
    expectParmanaError(() => canonicalHash(NaN), "CANONICAL-001", CanonicalizationError);
  });
});
