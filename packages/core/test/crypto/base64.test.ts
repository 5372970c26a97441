// The platform-neutral base64 codec (no Buffer, shared with @parmanasystems/verify): RFC 4648
// §10 vectors, and agreement with Node's Buffer on any bytes and on mutated encodings, where only
// the one canonical padded encoding of each byte string is accepted.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Strict, encodeBase64 } from "../../src/crypto/base64.js";

const RFC4648: [string, string][] = [
  ["", ""],
  ["f", "Zg=="],
  ["fo", "Zm8="],
  ["foo", "Zm9v"],
  ["foob", "Zm9vYg=="],
  ["fooba", "Zm9vYmE="],
  ["foobar", "Zm9vYmFy"],
];

function bufferReference(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? new Uint8Array(bytes) : undefined;
}

describe("base64 (RFC 4648 §4)", () => {
  it("encodes and decodes the RFC 4648 §10 vectors", () => {
    for (const [plain, encoded] of RFC4648) {
      expect(encodeBase64(new TextEncoder().encode(plain))).toBe(encoded);
      expect(decodeBase64Strict(encoded)).toEqual(new TextEncoder().encode(plain));
    }
  });

  it("refuses non-canonical encodings", () => {
    for (const text of [
      "Zh==",
      "Zm9=",
      "Zg",
      "Zg=",
      "Zg===",
      "Z g==",
      "Zg==\n",
      "-_8=",
      "Zg==Zg==",
      "é",
    ])
      expect(decodeBase64Strict(text), text).toBeUndefined();
  });

  it("agrees with Buffer on any bytes and on any one-character change of their encoding", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(),
        fc.constantFrom(..."AZaz09+/=-_ \n"),
        (bytes, position, replacement) => {
          const text = Buffer.from(bytes).toString("base64");
          expect(encodeBase64(bytes)).toBe(text);
          expect(decodeBase64Strict(text)).toEqual(new Uint8Array(bytes));
          if (text.length === 0) return;
          const index = position % text.length;
          const mutated = text.slice(0, index) + replacement + text.slice(index + 1);
          expect(decodeBase64Strict(mutated)).toEqual(bufferReference(mutated));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
