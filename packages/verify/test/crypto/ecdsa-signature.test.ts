// Strict DER for P-256 signatures: exactly one encoding of each (r, s) is accepted, as OpenSSL's
// verifier does; the raw form round-trips.
import { describe, expect, it } from "vitest";
import { p256DerToRaw, p256RawToDer } from "../../src/crypto/ecdsa-signature.js";

const r = Uint8Array.from({ length: 32 }, (_, index) => (index === 0 ? 0x80 : index));
const s = Uint8Array.from({ length: 32 }, (_, index) => (index < 3 ? 0 : index));
const raw = Uint8Array.from([...r, ...s]);

describe("P-256 DER signatures", () => {
  it("round-trips r || s through minimal DER (leading zero added for r, zeros stripped from s)", () => {
    const der = p256RawToDer(raw);
    expect([...der.subarray(0, 5)]).toEqual([0x30, der.length - 2, 0x02, 33, 0x00]);
    expect(p256DerToRaw(der)).toEqual(raw);
  });

  const der = p256RawToDer(raw);
  const refused: [string, Uint8Array][] = [
    ["trailing byte", Uint8Array.from([...der, 0])],
    ["wrong outer length", Uint8Array.from([0x30, (der[1] as number) + 1, ...der.subarray(2)])],
    ["long-form length", Uint8Array.from([0x30, 0x81, der[1] as number, ...der.subarray(2)])],
    ["not a SEQUENCE", Uint8Array.from([0x31, ...der.subarray(1)])],
    [
      "extra leading zero",
      Uint8Array.from([0x30, (der[1] as number) + 1, 0x02, 34, 0x00, ...der.subarray(4)]),
    ],
    ["negative r", Uint8Array.from([0x30, (der[1] as number) - 1, 0x02, 32, ...der.subarray(5)])],
    ["empty", new Uint8Array(0)],
    ["raw r || s", raw],
  ];
  for (const [name, bytes] of refused) {
    it(`refuses ${name}`, () => {
      expect(p256DerToRaw(bytes)).toBeUndefined();
    });
  }

  it("refuses an integer longer than 32 bytes", () => {
    const big = Uint8Array.from([
      0x30,
      2 + 34 + 3,
      0x02,
      34,
      0x00,
      0x80,
      ...new Uint8Array(32).fill(1),
      0x02,
      1,
      1,
    ]);
    expect(p256DerToRaw(big)).toBeUndefined();
  });

  it("refuses a raw signature of the wrong size", () => {
    expect(() => p256RawToDer(new Uint8Array(63))).toThrow(RangeError);
  });
});
