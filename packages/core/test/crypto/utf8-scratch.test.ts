// LocalSigner, LocalVerifier and executeFromSignals encode the signing input into one reused
// buffer: the bytes lent must be exactly Buffer.from(text, "utf8"), and a nested loan must never
// share them.
import { sign as rawSign, verify as rawVerify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateKeyPair, LocalSigner, LocalVerifier } from "@parmanasystems/core";
import { borrowUtf8, borrowUtf8Parts, returnUtf8 } from "../../src/crypto/internal/utf8-scratch.js";

describe("borrowUtf8", () => {
  it("lends exactly the UTF-8 bytes of any text, one text after another", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 300 }), { maxLength: 8 }),
        (texts) => {
          for (const text of texts) {
            const bytes = borrowUtf8(text);
            try {
              expect(Buffer.compare(bytes, Buffer.from(text, "utf8"))).toBe(0);
            } finally {
              returnUtf8(bytes);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives a nested loan bytes of its own, and keeps a huge text out of the shared buffer", () => {
    const outer = borrowUtf8("outer text, long enough to matter");
    const outerCopy = Buffer.from(outer);
    const inner = borrowUtf8("inner");
    try {
      expect(inner.buffer).not.toBe(outer.buffer);
      expect(inner.toString("utf8")).toBe("inner");
      expect(Buffer.compare(outer, outerCopy)).toBe(0);
    } finally {
      returnUtf8(inner);
      returnUtf8(outer);
    }
    const huge = "é".repeat(40_000);
    const hugeBytes = borrowUtf8(huge);
    returnUtf8(hugeBytes);
    expect(hugeBytes.length).toBe(80_000);
    expect(hugeBytes.toString("utf8")).toBe(huge);
    // The shared buffer is free again and still right for a short text.
    const after = borrowUtf8("après");
    returnUtf8(after);
    expect(after.toString("utf8")).toBe("après");
  });
});

describe("borrowUtf8Parts", () => {
  it("lends exactly the UTF-8 bytes of the pieces' concatenation, however they are cut", () => {
    const piece = fc.string({ unit: "grapheme", maxLength: 200 });
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 12 }), { maxLength: 6 }), (calls) => {
        for (const parts of calls) {
          const bytes = borrowUtf8Parts(parts);
          try {
            expect(Buffer.compare(bytes, Buffer.from(parts.join(""), "utf8"))).toBe(0);
          } finally {
            returnUtf8(bytes);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives a nested loan bytes of its own, and writes a huge text into a Buffer of its own", () => {
    const outer = borrowUtf8Parts(["outer ", "text"]);
    const inner = borrowUtf8Parts(["in", "ner"]);
    try {
      expect(inner.buffer).not.toBe(outer.buffer);
      expect(inner.toString("utf8")).toBe("inner");
      expect(outer.toString("utf8")).toBe("outer text");
    } finally {
      returnUtf8(inner);
      returnUtf8(outer);
    }
    const huge = ["a".repeat(30_000), "é".repeat(30_000)];
    const hugeBytes = borrowUtf8Parts(huge);
    returnUtf8(hugeBytes);
    expect(hugeBytes.toString("utf8")).toBe(huge.join(""));
    const after = borrowUtf8Parts(["x", "ü"]);
    returnUtf8(after);
    expect(after.toString("utf8")).toBe("xü");
  });
});

describe("LocalSigner and LocalVerifier over the shared buffer", () => {
  it("sign and verify the UTF-8 bytes of texts of any length and content", () => {
    const { privateKey, publicKey, privateKeyPem, publicKeyPem } = generateKeyPair();
    const signer = new LocalSigner(privateKeyPem);
    const verifier = new LocalVerifier(publicKeyPem);
    for (const text of ["", "a", "é\u{1F600}\uD800x", "x".repeat(5000), "ü".repeat(70_000)]) {
      const bytes = Buffer.from(text, "utf8");
      const signature = signer.sign(text);
      expect(signature).toBe(rawSign(null, bytes, privateKey).toString("base64"));
      expect(rawVerify(null, bytes, publicKey, Buffer.from(signature, "base64"))).toBe(true);
      expect(verifier.verify(text, signature)).toBe(true);
      expect(verifier.verify(`${text} `, signature)).toBe(false);
    }
  });
});
