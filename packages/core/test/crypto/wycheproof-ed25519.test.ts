// Wycheproof Ed25519 verification vectors (C2SP/wycheproof testvectors_v1/ed25519_test.json):
// LocalVerifier must agree with `result` on every one of the 151 vectors: malleable S, non-canonical
// R and S encodings, small-order points, truncated and over-long signatures. The file has no
// `acceptable` results, so every answer is fixed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LocalVerifier } from "@parmanasystems/core";

interface WycheproofTest {
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly msg: string;
  readonly sig: string;
  readonly result: "valid" | "invalid" | "acceptable";
}

interface EddsaGroup {
  readonly publicKey: { readonly pk: string };
  readonly publicKeyPem: string;
  readonly tests: readonly WycheproofTest[];
}

const file = JSON.parse(
  readFileSync(new URL("../vectors/wycheproof/ed25519_test.json", import.meta.url), "utf8"),
) as {
  numberOfTests: number;
  testGroups: EddsaGroup[];
};
const utf8 = new TextDecoder("utf-8", { fatal: true });

function asText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

describe("Wycheproof ed25519_test.json", () => {
  const cases = file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));

  it("holds the 151 vectors the file announces, none of them 'acceptable'", () => {
    expect(cases).toHaveLength(151);
    expect(file.numberOfTests).toBe(151);
    expect(cases.filter(({ test }) => test.result === "acceptable")).toEqual([]);
  });

  it("LocalVerifier (raw public key) agrees with every result", () => {
    const disagreements: string[] = [];
    for (const { group, test } of cases) {
      const verifier = new LocalVerifier(new Uint8Array(Buffer.from(group.publicKey.pk, "hex")));
      const accepted = verifier.verifyBytes(
        Buffer.from(test.msg, "hex"),
        Buffer.from(test.sig, "hex").toString("base64"),
      );
      if (accepted !== (test.result === "valid"))
        disagreements.push(
          `tcId ${test.tcId} (${test.comment}): got ${accepted}, expected ${test.result}`,
        );
    }
    expect(disagreements).toEqual([]);
  });

  it("LocalVerifier (PEM public key) agrees with every result", () => {
    const disagreements: number[] = [];
    for (const { group, test } of cases) {
      const verifier = new LocalVerifier(group.publicKeyPem);
      const accepted = verifier.verifyBytes(
        Buffer.from(test.msg, "hex"),
        Buffer.from(test.sig, "hex").toString("base64"),
      );
      if (accepted !== (test.result === "valid")) disagreements.push(test.tcId);
    }
    expect(disagreements).toEqual([]);
  });

  it("the string API agrees on every vector whose message is UTF-8 text", () => {
    let checked = 0;
    for (const { group, test } of cases) {
      const text = asText(Buffer.from(test.msg, "hex"));
      if (text === undefined) continue;
      checked++;
      const verifier = new LocalVerifier(group.publicKeyPem);
      expect(
        verifier.verify(text, Buffer.from(test.sig, "hex").toString("base64")),
        `tcId ${test.tcId}`,
      ).toBe(test.result === "valid");
    }
    expect(checked).toBe(84);
  });
});
