// The Node-only base64 codec of LocalSigner and LocalVerifier must accept and refuse exactly what
// the platform-neutral one does: one canonical padded encoding per byte string, nothing else.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Strict, encodeBase64 } from "../../src/crypto/base64.js";
import {
  decodeBase64StrictBuffer,
  encodeBase64Buffer,
} from "../../src/crypto/internal/base64-buffer.js";

describe("Buffer base64 twin", () => {
  it("refuses the non-canonical encodings the neutral decoder refuses", () => {
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
      "=",
      "====",
    ]) {
      expect(decodeBase64StrictBuffer(text), text).toBeUndefined();
      expect(decodeBase64Strict(text), text).toBeUndefined();
    }
    expect(decodeBase64StrictBuffer(42 as unknown as string)).toBeUndefined();
  });

  it("agrees with the neutral codec on any bytes and any one-character change", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 130 }),
        fc.nat(),
        fc.constantFrom(..."AZaz09+/=-_ \n\r\t.é"),
        (bytes, position, replacement) => {
          const text = encodeBase64(bytes);
          expect(encodeBase64Buffer(bytes)).toBe(text);
          expect(new Uint8Array(decodeBase64StrictBuffer(text) ?? [1])).toEqual(bytes);
          if (text.length === 0) return;
          const index = position % text.length;
          const mutated = text.slice(0, index) + replacement + text.slice(index + 1);
          const neutral = decodeBase64Strict(mutated);
          const twin = decodeBase64StrictBuffer(mutated);
          expect(twin === undefined ? undefined : new Uint8Array(twin)).toEqual(neutral);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("encodes a view into a larger buffer without its neighbours", () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(encodeBase64Buffer(backing.subarray(2, 4))).toBe(encodeBase64(new Uint8Array([3, 4])));
  });
});
