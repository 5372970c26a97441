// Wycheproof Ed25519 and ECDSA P-256/SHA-256 (DER) vectors, the copies core's tests keep: the
// WebCrypto path (strict DER to r || s, 64-byte Ed25519 signatures) must agree with every
// `result`, except that, like core's default LocalVerifier, it refuses the high-S form
// (s > n/2) of a valid P-256 signature: each signing input has one accepted signature.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPublicKey } from "@parmanasystems/verify";
import { verifyWithKey } from "../../src/keys/import-public-key.js";

interface Group {
  readonly publicKeyPem: string;
  readonly tests: readonly {
    tcId: number;
    comment: string;
    msg: string;
    sig: string;
    result: string;
  }[];
}

function vectors(name: string): Group[] {
  const url = new URL(`../../../core/test/vectors/wycheproof/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { testGroups: Group[] }).testGroups;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const HALF_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

/** s of a valid DER P-256 vector's signature, or 0 for Ed25519 signatures. */
function sOf(signature: Buffer, ecdsa: boolean): bigint {
  if (!ecdsa) return 0n;
  const rLength = signature[3] as number;
  const sLength = signature[5 + rLength] as number;
  return BigInt(`0x${signature.subarray(6 + rLength, 6 + rLength + sLength).toString("hex")}`);
}

async function disagreements(
  groups: Group[],
  ecdsa = false,
): Promise<{ count: number; highS: number; list: string[] }> {
  const list: string[] = [];
  let count = 0;
  let highS = 0;
  for (const group of groups) {
    let key;
    try {
      key = await importPublicKey(group.publicKeyPem);
    } catch (error) {
      // A key WebCrypto refuses must only ever come with signatures that are invalid anyway.
      for (const test of group.tests)
        if (test.result === "valid") list.push(`tcId ${test.tcId}: key refused (${String(error)})`);
      continue;
    }
    for (const test of group.tests) {
      const message = Buffer.from(test.msg, "hex");
      let text: string;
      try {
        text = utf8.decode(message);
      } catch {
        continue; // the string API cannot carry non-UTF-8 messages
      }
      count++;
      const accepted = await verifyWithKey(
        key,
        text,
        Buffer.from(test.sig, "hex").toString("base64"),
      );
      const isHighS = test.result === "valid" && sOf(Buffer.from(test.sig, "hex"), ecdsa) > HALF_N;
      if (isHighS) highS++;
      if (accepted !== (test.result === "valid" && !isHighS))
        list.push(
          `tcId ${test.tcId} (${test.comment}): got ${accepted}, expected ${isHighS ? "refused (high S)" : test.result}`,
        );
    }
  }
  return { count, highS, list };
}

describe("Wycheproof through WebCrypto", () => {
  it("ecdsa_secp256r1_sha256_test.json: every DER vector, high-S refused", async () => {
    const { count, highS, list } = await disagreements(
      vectors("ecdsa_secp256r1_sha256_test.json"),
      true,
    );
    expect(list).toEqual([]);
    expect(count).toBe(484);
    expect(highS).toBeGreaterThan(0);
  });

  it("ed25519_test.json: every vector with a UTF-8 message", async () => {
    const { count, list } = await disagreements(vectors("ed25519_test.json"));
    expect(list).toEqual([]);
    expect(count).toBe(84); // the other 67 messages are not UTF-8 text
  });
});
