import { generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  encodeDerSignature,
  isHighS,
  parseDerSignature,
  toLowS,
} from "../../src/kms/ecdsa-signature.js";

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

describe("ECDSA P-256 DER signatures", () => {
  it("toLowS turns a high-S signature into its low-S twin, which still verifies", () => {
    let seenHigh = 0;
    for (let i = 0; i < 40; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = sign("sha256", message, privateKey);
      const { r, s } = parseDerSignature(der) as { r: bigint; s: bigint };
      const high = s > N >> 1n ? der : encodeDerSignature(r, N - s);
      expect(isHighS(high)).toBe(true);
      seenHigh += 1;
      const low = toLowS(high) as Uint8Array;
      expect(isHighS(low)).toBe(false);
      expect(verify("sha256", message, publicKey, low)).toBe(true);
      expect(verify("sha256", message, publicKey, high)).toBe(true);
      // A low-S signature comes back unchanged (same bytes).
      expect(Buffer.from(toLowS(low) as Uint8Array).equals(Buffer.from(low))).toBe(true);
    }
    expect(seenHigh).toBe(40);
  });

  it("encodes and parses minimal DER, with a leading zero only before a high bit", () => {
    expect(Buffer.from(encodeDerSignature(1n, 0x80n)).toString("hex")).toBe(
      "3007020101020200" + "80",
    );
    expect(parseDerSignature(encodeDerSignature(1n, 0x80n))).toEqual({ r: 1n, s: 0x80n });
  });

  it.each([
    ["empty", ""],
    ["not a SEQUENCE", "3106020101020101"],
    ["wrong outer length", "3007020101020101"],
    ["negative r", "3006020181020101"],
    ["superfluous leading zero", "300702020001020101"],
    ["r = 0", "3006020100020101"],
    ["trailing bytes", "300602010102010100"],
    ["s = n", `3026020101022100${N.toString(16)}`],
  ])("rejects %s", (_name, hex) => {
    expect(parseDerSignature(Buffer.from(hex, "hex"))).toBeUndefined();
    expect(toLowS(Buffer.from(hex, "hex"))).toBeUndefined();
  });
});
