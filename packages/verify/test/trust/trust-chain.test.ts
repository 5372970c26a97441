// walkTrustChain and checkTrustRootFreshness with WebCrypto: the same roots, errors, codes,
// messages and details as core's functions of the same names, for chains the corpus does not
// hold (a rotation record naming the wrong hash, rewritten history, a list that is not a list,
// text input) and for rollback and fork detection.
import {
  checkTrustRootFreshness as coreFreshness,
  createTrustRoot,
  createTrustRootKey,
  ed25519PrivateKeyFromRaw,
  exportPublicKeyPem,
  LocalSigner,
  rotateTrustRoot,
  walkTrustChain as coreWalk,
  type TrustRoot,
} from "@parmanasystems/core";
import { checkTrustRootFreshness, walkTrustChain } from "@parmanasystems/verify";
import { beforeAll, describe, expect, it } from "vitest";

function key(seed: number): { signer: LocalSigner; pem: string } {
  const privateKey = ed25519PrivateKeyFromRaw(new Uint8Array(32).fill(seed));
  return { signer: new LocalSigner(privateKey), pem: exportPublicKeyPem(privateKey) };
}
const k1 = key(0x61);
const k2 = key(0x62);
const k3 = key(0x63);
let v1: TrustRoot;
let v2: TrustRoot;
let v3: TrustRoot;

beforeAll(async () => {
  v1 = createTrustRoot({
    trustRootVersion: "v1",
    keys: [
      createTrustRootKey(k1.pem, {
        keyId: "k1",
        purposes: ["attestation", "trust-root"],
        validFrom: "2026-01-01T00:00:00Z",
      }),
    ],
  });
  v2 = (
    await rotateTrustRoot(v1, {
      signer: k1.signer,
      signerKeyId: "k1",
      trustRootVersion: "v2",
      rotatedAt: "2026-02-01T00:00:00Z",
      addKeys: [
        createTrustRootKey(k2.pem, {
          keyId: "k2",
          purposes: ["attestation", "trust-root"],
          validFrom: "2026-01-15T00:00:00Z",
        }),
      ],
    })
  ).root;
  v3 = (
    await rotateTrustRoot(v2, {
      signer: k2.signer,
      signerKeyId: "k2",
      trustRootVersion: "v3",
      rotatedAt: "2026-03-01T00:00:00Z",
      addKeys: [
        createTrustRootKey(k3.pem, {
          keyId: "k3",
          purposes: ["attestation"],
          validFrom: "2026-03-01T00:00:00Z",
        }),
      ],
    })
  ).root;
});

/** What a call gave: the root's version, or the error's code, message and details. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = (await run()) as TrustRoot | undefined;
    return { version: value?.trustRootVersion ?? "ok" };
  } catch (error) {
    const { code, message, details } = error as { code: string; message: string; details: unknown };
    return { code, message, details };
  }
}

function edited(root: TrustRoot, change: (copy: Record<string, unknown>) => void): TrustRoot {
  const copy = JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
  change(copy);
  return copy as unknown as TrustRoot;
}

describe("walkTrustChain agrees with core", () => {
  it("on valid chains, as objects and as JSON text", async () => {
    for (const [held, newer] of [
      [v1, [v2, v3]],
      [v1, [v1, v2]],
      [v2, [v3]],
      [v3, []],
    ] as [TrustRoot, TrustRoot[]][]) {
      const expected = await outcome(() => coreWalk(held, newer));
      expect(expected).toHaveProperty("version");
      expect(await outcome(() => walkTrustChain(held, newer))).toEqual(expected);
      expect(
        await outcome(() =>
          walkTrustChain(
            JSON.stringify(held),
            newer.map((root) => JSON.stringify(root)),
          ),
        ),
      ).toEqual(expected);
    }
  });

  it("on broken chains: order, history, hashes, signer, signature, input shape", async () => {
    const lastRecord = (copy: Record<string, unknown>): Record<string, string> =>
      (copy["rotations"] as Record<string, string>[]).at(-1) as Record<string, string>;
    const chains: [unknown, unknown][] = [
      [v1, [v3]], // skipped link: TRUST-031
      [v1, [v2, v2]], // a root repeated mid-chain: TRUST-031
      [v2, [v1]], // backwards: no record on v1
      [v1, "not a list"],
      [
        v1,
        [
          edited(
            v2,
            (c) => (lastRecord(c)["signature"] = lastRecord(v3 as never)["signature"] as string),
          ),
        ],
      ],
      [v1, [{ ...v2, keys: [] }]], // an invalid root: TRUST-002
      [{ trustRootVersion: "x" }, [v2]],
    ];
    for (const [held, newer] of chains) {
      const expected = (await outcome(() => coreWalk(held as TrustRoot, newer as TrustRoot[]))) as {
        code?: string;
      };
      expect(expected.code).toMatch(/^TRUST-0(02|3[1-4])$/);
      expect(await outcome(() => walkTrustChain(held as TrustRoot, newer as TrustRoot[]))).toEqual(
        expected,
      );
    }
  });
});

describe("checkTrustRootFreshness agrees with core", () => {
  it("accepts the newest root and newer ones, refuses rollback (TRUST-071) and forks (TRUST-072)", async () => {
    const fork = createTrustRoot({
      trustRootVersion: "v3",
      keys: [
        createTrustRootKey(k3.pem, {
          keyId: "k3",
          purposes: ["attestation"],
          validFrom: "2026-03-01T00:00:00Z",
        }),
      ],
    });
    const pairs: [TrustRoot, TrustRoot, string | undefined][] = [
      [v3, v3, undefined],
      [v3, v2, undefined],
      [v1, v3, "TRUST-071"],
      [v2, v3, "TRUST-071"],
      [fork, v3, "TRUST-072"],
    ];
    for (const [candidate, newest, code] of pairs) {
      const expected = await outcome(() => coreFreshness(candidate, newest));
      expect((expected as { code?: string }).code).toBe(code);
      expect(await outcome(() => checkTrustRootFreshness(candidate, newest))).toEqual(expected);
    }
  });
});
