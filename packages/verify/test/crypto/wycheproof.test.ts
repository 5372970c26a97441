// Wycheproof Ed25519 and ECDSA P-256/SHA-256 (DER) vectors, the copies core's tests keep: the
// WebCrypto path (strict DER to r || s, 64-byte Ed25519 signatures) must agree with every
// `result`, and so with core's LocalVerifier, which passes the same files.
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

async function disagreements(groups: Group[]): Promise<{ count: number; list: string[] }> {
  const list: string[] = [];
  let count = 0;
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
      if (accepted !== (test.result === "valid"))
        list.push(`tcId ${test.tcId} (${test.comment}): got ${accepted}, expected ${test.result}`);
    }
  }
  return { count, list };
}

describe("Wycheproof through WebCrypto", () => {
  it("ecdsa_secp256r1_sha256_test.json: every DER vector", async () => {
    const { count, list } = await disagreements(vectors("ecdsa_secp256r1_sha256_test.json"));
    expect(list).toEqual([]);
    expect(count).toBe(484);
  });

  it("ed25519_test.json: every vector with a UTF-8 message", async () => {
    const { count, list } = await disagreements(vectors("ed25519_test.json"));
    expect(list).toEqual([]);
    expect(count).toBe(84); // the other 67 messages are not UTF-8 text
  });
});
