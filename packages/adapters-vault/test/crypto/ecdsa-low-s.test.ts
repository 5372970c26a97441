import { generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizeP256SignatureLowS } from "../../src/crypto/ecdsa-low-s.js";
import { derS, P256_HALF_ORDER } from "../helpers/signing-inputs.js";

const P256_ORDER = P256_HALF_ORDER * 2n + 1n;

describe("normalizeP256SignatureLowS (SEC 1 DER, s <= n/2)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

  it("turns every high-S signature into the low-S twin, which still verifies; low-S ones are unchanged", () => {
    let high = 0;
    for (let index = 0; index < 64; index++) {
      const message = Buffer.from(`message ${index}`);
      const der = sign("sha256", message, privateKey);
      const s = derS(der.toString("base64"));
      const normalized = normalizeP256SignatureLowS(der);
      expect(normalized).toBeDefined();
      const base64 = Buffer.from(normalized as Uint8Array).toString("base64");
      expect(derS(base64) <= P256_HALF_ORDER).toBe(true);
      expect(derS(base64)).toBe(s > P256_HALF_ORDER ? P256_ORDER - s : s);
      if (s > P256_HALF_ORDER) high += 1;
      else expect(Buffer.from(normalized as Uint8Array).equals(der)).toBe(true);
      expect(verify("sha256", message, publicKey, normalized as Uint8Array)).toBe(true);
    }
    // 64 signatures without a single high s: probability 2^-64.
    expect(high).toBeGreaterThan(0);
  });

  it.each([
    ["empty", ""],
    ["not a SEQUENCE", "3106020101020101"],
    ["a length that lies", "3007020101020101"],
    ["a negative r", "3006020180020101"],
    ["r with a needless leading zero", "300702020001020101"],
    ["r = 0", "3006020100020101"],
    ["s = n", `3026020101022100${P256_ORDER.toString(16)}`],
    ["trailing bytes", "300802010102010100"],
    ["an IEEE P1363 (r||s) signature", "11".repeat(64)],
  ])("refuses %s", (_name, hex) => {
    expect(normalizeP256SignatureLowS(Buffer.from(hex, "hex"))).toBeUndefined();
  });
});
