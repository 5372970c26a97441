import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, hashEvidence, hashEvidencePayload } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

// Independent reference: node:crypto directly, not our hashing module.
const sha256 = (data: string | Uint8Array): string =>
  `sha256:${createHash("sha256").update(data).digest("hex")}`;

describe("hashEvidencePayload", () => {
  it("hashes a string as its UTF-8 bytes (FIPS 180-2 'abc' vector)", () => {
    expect(hashEvidencePayload("abc")).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(hashEvidencePayload("₹82,000 नमस्ते")).toBe(sha256(Buffer.from("₹82,000 नमस्ते", "utf8")));
    expect(hashEvidencePayload("")).toBe(
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("hashes bytes as bytes (Buffer, Uint8Array, ArrayBuffer alike)", () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const expected = sha256(bytes);
    expect(hashEvidencePayload(bytes)).toBe(expected);
    expect(hashEvidencePayload(Buffer.from(bytes))).toBe(expected);
    expect(hashEvidencePayload(bytes.buffer)).toBe(expected);
    // a view into a larger buffer hashes only its own bytes
    const larger = Uint8Array.from([9, 9, ...bytes, 9]);
    expect(hashEvidencePayload(larger.subarray(2, 2 + bytes.length))).toBe(expected);
  });

  it("hashes objects as RFC 8785 canonical JSON, independent of key order", () => {
    const expected = sha256('{"accounts":[{"balance":1.5,"id":"A1"}],"consent":"c-1"}');
    expect(hashEvidencePayload({ consent: "c-1", accounts: [{ id: "A1", balance: 1.5 }] })).toBe(
      expected,
    );
    expect(hashEvidencePayload({ accounts: [{ balance: 1.5, id: "A1" }], consent: "c-1" })).toBe(
      expected,
    );
    expect(hashEvidence({ consent: "c-1", accounts: [{ id: "A1", balance: 1.5 }] })).toBe(expected);
  });

  it("hashes a string as its text, not as a JSON string literal", () => {
    expect(hashEvidencePayload("x")).toBe(sha256("x"));
    expect(hashEvidencePayload("x")).not.toBe(sha256('"x"'));
    // a JSON document received as text keeps the sender's bytes (whitespace, key order)
    expect(hashEvidencePayload('{ "b": 1, "a": 2 }')).toBe(sha256('{ "b": 1, "a": 2 }'));
    expect(hashEvidencePayload(42)).toBe(sha256("42"));
  });

  it.each<[string, unknown, string]>([
    ["NaN", Number.NaN, "CANONICAL-001"],
    ["bigint", 1n, "CANONICAL-002"],
    ["Date", new Date(0), "CANONICAL-003"],
    ["undefined", undefined, "CANONICAL-005"],
    ["a function", () => 1, "CANONICAL-006"],
    ["a Map", new Map(), "CANONICAL-007"],
    ["a lone surrogate", "\ud800", "CANONICAL-008"],
  ])("refuses %s with a CANONICAL code", (_label, input, code) => {
    expectParmanaError(() => hashEvidencePayload(input), code, CanonicalizationError);
  });

  it("refuses cycles", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expectParmanaError(() => hashEvidencePayload(cyclic), "CANONICAL-004", CanonicalizationError);
  });
});
