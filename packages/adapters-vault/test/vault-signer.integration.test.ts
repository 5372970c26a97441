// VaultSigner against a Transit-compatible HTTP server over real sockets (see
// helpers/transit-server.ts for what it models). Proves what unit tests cannot: the exact
// requests sent (one per signature), version tracking across rotations, the signatures'
// formats (Ed25519 64 bytes, ECDSA low-S DER) checked with core's LocalVerifier, and every
// failure mapped to a coded error without the token.
import { LocalVerifier, SignatureError, StoreError } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { VaultSigner } from "../src/index.js";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../test-support/expect-parmana-error.js";
import { attestationLikeInput, derS, P256_HALF_ORDER } from "./helpers/signing-inputs.js";
import { publicPemOf, startTransitServer, type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;

useTransitServer(
  (server) => {
    vault = server;
  },
  { mounts: ["transit", "signing"] },
);

function signer(options: Partial<ConstructorParameters<typeof VaultSigner>[0] & object> = {}) {
  return new VaultSigner({
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
    timeoutMs: 2_000,
    ...options,
  });
}

describe("VaultSigner: the documented positional form", () => {
  it("signs with new VaultSigner(vaultAddr, token, keyName), prefix stripped, verifiable with the version's public key", async () => {
    const documented = new VaultSigner(vault.address, vault.rootToken, "parmana");
    const payload = "hello parmana";
    const signature = await documented.sign(payload);
    expect(signature).not.toMatch(/^vault:/);
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
    const verifier = new LocalVerifier(await documented.exportPublicKeyPem());
    expect(verifier.verify(payload, signature)).toBe(true);
    expect(verifier.verify(`${payload}!`, signature)).toBe(false);
    const sign = vault.requests.find((request) => request.path === "/v1/transit/sign/parmana");
    expect(sign?.token).toBe(vault.rootToken);
    expect(sign?.body).toEqual({
      input: Buffer.from(payload).toString("base64"),
      prehashed: false,
    });
  });

  it("names the key without a version before the key is read, and with it afterwards", async () => {
    const fresh = new VaultSigner(vault.address, vault.rootToken, "parmana");
    expect(fresh.signerKeyId).toBe("vault:transit/parmana");
    expect(fresh.algorithm).toBeUndefined();
    await fresh.ready();
    expect(fresh.signerKeyId).toBe("vault:transit/parmana:v1");
    expect(fresh.algorithm).toBe("ed25519");
    expect(fresh.keyVersion).toBe(1);
    expect(JSON.stringify(fresh)).toBe(
      '{"signerKeyId":"vault:transit/parmana:v1","algorithm":"ed25519"}',
    );
  });
});

describe("VaultSigner: key versions and rotation", () => {
  it("reads the key once and then makes exactly one HTTP request per signature", async () => {
    const vaultSigner = await signer().ready();
    vault.resetRequests();
    for (let index = 0; index < 5; index++) {
      await vaultSigner.sign(attestationLikeInput(vaultSigner.signerKeyId, `case-${index}`));
    }
    expect(vault.requests.map((request) => `${request.method} ${request.path}`)).toEqual(
      Array(5).fill("POST /v1/transit/sign/parmana"),
    );
  });

  it("signs with the announced version across a rotation, then announces the new version", async () => {
    const vaultSigner = await signer().ready();
    const before = attestationLikeInput(vaultSigner.signerKeyId, "before");
    const v1 = new LocalVerifier(await vaultSigner.exportPublicKeyPem(1));
    expect(v1.verify(before, await vaultSigner.sign(before))).toBe(true);

    // The payload was built (naming v1) before Vault rotated the key.
    const announcedV1 = attestationLikeInput(vaultSigner.signerKeyId, "during");
    vault.rotate("parmana");
    vault.resetRequests();
    const duringSignature = await vaultSigner.sign(announcedV1);
    expect(v1.verify(announcedV1, duringSignature)).toBe(true);
    // One unpinned request (answered by v2), then one pinned to the announced v1.
    expect(vault.requests.map((request) => request.body?.["key_version"])).toEqual([undefined, 1]);
    expect(vaultSigner.signerKeyId).toBe("vault:transit/parmana:v2");

    // Another payload built before the rotation was noticed: pinned to v1 at once, one request.
    vault.resetRequests();
    const lateV1 = attestationLikeInput("vault:transit/parmana:v1", "late");
    expect(v1.verify(lateV1, await vaultSigner.sign(lateV1))).toBe(true);
    expect(vault.requests.map((request) => request.body?.["key_version"])).toEqual([1]);

    vault.resetRequests();
    const after = attestationLikeInput(vaultSigner.signerKeyId, "after");
    const afterSignature = await vaultSigner.sign(after);
    expect(vault.count("/sign/")).toBe(1);
    const v2 = new LocalVerifier(await vaultSigner.exportPublicKeyPem(2));
    expect(v2.verify(after, afterSignature)).toBe(true);
    expect(v1.verify(after, afterSignature)).toBe(false);
  });

  it("fails with a retryable SIG-031 when the announced version may no longer sign, and recovers on retry", async () => {
    const vaultSigner = await signer().ready();
    const announcedV1 = attestationLikeInput(vaultSigner.signerKeyId);
    vault.rotate("parmana");
    vault.configure("parmana", { minEncryptionVersion: 2 });
    const error = await expectRejectsParmanaError(
      vaultSigner.sign(announcedV1),
      "SIG-031",
      SignatureError,
      /rotated and no longer signs with version 1/,
    );
    expect(error.retryable).toBe(true);
    expect(vaultSigner.signerKeyId).toBe("vault:transit/parmana:v2");
    const retried = attestationLikeInput(vaultSigner.signerKeyId);
    const signature = await vaultSigner.sign(retried);
    expect(
      new LocalVerifier(await vaultSigner.exportPublicKeyPem(2)).verify(retried, signature),
    ).toBe(true);
  });

  it("learns the latest version from a key read", async () => {
    const vaultSigner = await signer().ready();
    vault.rotate("parmana");
    vault.rotate("parmana");
    expect(vaultSigner.signerKeyId).toBe("vault:transit/parmana:v1");
    const versions = await vaultSigner.publicKeys();
    expect(versions.map((entry) => entry.keyId)).toEqual([
      "vault:transit/parmana:v1",
      "vault:transit/parmana:v2",
      "vault:transit/parmana:v3",
    ]);
    expect(vaultSigner.signerKeyId).toBe("vault:transit/parmana:v3");
    expect(versions[2]?.publicKeyPem).toBe(publicPemOf(vault.privateKeyOf("parmana", 3)));
  });
});

describe("VaultSigner: ecdsa-p256 keys", () => {
  it("asks for SHA-256 and ASN.1, and returns low-S DER signatures LocalVerifier accepts", async () => {
    vault.createKey("p256", "ecdsa-p256");
    const vaultSigner = await signer({ keyName: "p256" }).ready();
    expect(vaultSigner.algorithm).toBe("ecdsa-p256-sha256");
    const verifier = new LocalVerifier(await vaultSigner.exportPublicKeyPem());
    expect(verifier.algorithm).toBe("ecdsa-p256-sha256");
    // Vault's raw answers have a high s about half the time; 24 signatures all being low
    // without normalisation would happen with probability 2^-24.
    for (let index = 0; index < 24; index++) {
      const payload = `message ${index}`;
      const signature = await vaultSigner.sign(payload);
      expect(derS(signature) <= P256_HALF_ORDER).toBe(true);
      expect(verifier.verify(payload, signature)).toBe(true);
    }
    const body = vault.requests.find((request) => request.path === "/v1/transit/sign/p256")?.body;
    expect(body).toMatchObject({ hash_algorithm: "sha2-256", marshaling_algorithm: "asn1" });
  });

  it.each([
    ["aes256-gcm96", "aes256-gcm96"],
    ["ecdsa-p384", "ecdsa-p384"],
  ] as const)("refuses a %s key with SIG-007", async (type, shown) => {
    vault.createKey("other", type);
    const error = await expectRejectsParmanaError(
      signer({ keyName: "other" }).sign("payload"),
      "SIG-007",
      SignatureError,
      new RegExp(`is of type ${shown}; Parmana signs with ed25519 or ecdsa-p256`),
    );
    expect(error.details).toEqual({ keyType: shown });
    expect(vault.count("/sign/")).toBe(0);
  });
});

describe("VaultSigner: derived keys", () => {
  it("refuses a derived ed25519 key (its public key depends on a context) with SIG-007", async () => {
    const body = {
      data: {
        type: "ed25519",
        derived: true,
        latest_version: 1,
        min_decryption_version: 1,
        keys: {},
      },
    };
    vault.setFault({ kind: "status", status: 200, body: JSON.stringify(body) }, { match: /keys/ });
    const error = await expectRejectsParmanaError(
      signer().ready(),
      "SIG-007",
      SignatureError,
      /is of type derived ed25519; Parmana signs with ed25519 or ecdsa-p256 keys \(not derived\)/,
    );
    expect(error.details).toEqual({ keyType: "derived ed25519" });
  });
});

describe("VaultSigner: mounts and namespaces", () => {
  it("uses the mount and sends X-Vault-Namespace, naming both in signerKeyId", async () => {
    vault.createKey("parmana", "ed25519", { namespace: "team-a", mount: "signing" });
    const vaultSigner = await signer({ mount: "signing", namespace: "team-a" }).ready();
    expect(vaultSigner.signerKeyId).toBe("vault:team-a/signing/parmana:v1");
    const signature = await vaultSigner.sign("payload");
    const pem = publicPemOf(
      vault.privateKeyOf("parmana", 1, { namespace: "team-a", mount: "signing" }),
    );
    expect(new LocalVerifier(pem).verify("payload", signature)).toBe(true);
    expect(vault.requests.every((request) => request.namespace === "team-a")).toBe(true);
    expect(vault.requests.map((request) => request.path)).toEqual([
      "/v1/signing/keys/parmana",
      "/v1/signing/sign/parmana",
    ]);
  });

  it("does not see a namespaced key from the root namespace (SIG-009)", async () => {
    vault.createKey("team-key", "ed25519", { namespace: "team-a" });
    await expectRejectsParmanaError(
      signer({ keyName: "team-key" }).ready(),
      "SIG-009",
      SignatureError,
      /Transit key transit\/team-key does not exist \(HTTP 404; deleted\?\)/,
    );
  });
});

describe("VaultSigner: failures", () => {
  it("a deleted key: SIG-009 on the key read, SIG-005 with Vault's errors on a sign", async () => {
    const vaultSigner = await signer().ready();
    vault.deleteKey("parmana");
    const error = await expectRejectsParmanaError(
      vaultSigner.sign("payload"),
      "SIG-005",
      SignatureError,
      /Vault refused to sign \(HTTP 400\)/,
    );
    expect(error.details).toEqual({ status: 400, vaultErrors: ["encryption key not found"] });
    expect(error.retryable).toBe(false);
    await expectRejectsParmanaError(signer().ready(), "SIG-009", SignatureError, /does not exist/);
  });

  it("a wrong token: SIG-011 naming the status and the policy path, never the token", async () => {
    const secret = "hvs.WRONG-token-value";
    const error = await expectRejectsParmanaError(
      signer({ auth: { token: secret } }).sign("payload"),
      "SIG-011",
      SignatureError,
      /Vault denied reading Transit key transit\/parmana \(HTTP 403/,
    );
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      secret,
    );
    expect(error.details).toEqual({ status: 403, vaultErrors: ["permission denied"] });
  });

  it("a 5xx: retryable SIG-005 with the status", async () => {
    const vaultSigner = await signer().ready();
    vault.setFault({ kind: "status", status: 503, body: '{"errors":["Vault is sealed"]}' });
    const error = await expectRejectsParmanaError(
      vaultSigner.sign("payload"),
      "SIG-005",
      SignatureError,
      /HTTP 503/,
    );
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ status: 503, vaultErrors: ["Vault is sealed"] });
  });

  it("a hanging server: retryable SIG-005 once timeoutMs has passed, not later", async () => {
    const vaultSigner = await signer({ timeoutMs: 300 }).ready();
    vault.setFault({ kind: "hang" });
    const started = performance.now();
    const error = await expectRejectsParmanaError(
      vaultSigner.sign("payload"),
      "SIG-005",
      SignatureError,
      /Vault did not answer the sign request: no answer within 300 ms/,
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    expect(error.retryable).toBe(true);
  });

  it("an unreachable address: retryable SIG-009 naming the socket error only", async () => {
    await vault.stop();
    const error = await expectRejectsParmanaError(
      new VaultSigner(vault.address, "token", "parmana").ready(),
      "SIG-009",
      SignatureError,
      /Vault did not answer reading Transit key transit\/parmana: the request failed \(ECONNREFUSED\)/,
    );
    expect(error.retryable).toBe(true);
  });

  it("a connection reset before any answer: the sign is sent once more, on a fresh connection", async () => {
    const vaultSigner = await signer().ready();
    vault.setFault({ kind: "reset" }, { times: 1 });
    vault.resetRequests();
    const signature = await vaultSigner.sign("payload");
    expect(vault.count("/sign/")).toBe(2);
    const verifier = new LocalVerifier(await vaultSigner.exportPublicKeyPem());
    expect(verifier.verify("payload", signature)).toBe(true);
    // Twice in a row is an outage: retryable SIG-005, no third attempt.
    vault.setFault({ kind: "reset" }, { times: 2 });
    vault.resetRequests();
    const error = await expectRejectsParmanaError(
      vaultSigner.sign("payload"),
      "SIG-005",
      SignatureError,
      /Vault did not answer the sign request: the request failed \(/,
    );
    expect(error.retryable).toBe(true);
    expect(vault.count("/sign/")).toBe(2);
  });

  it("a redirect is not followed: the token never goes to the address a server names", async () => {
    const elsewhere = await startTransitServer();
    try {
      const vaultSigner = await signer().ready();
      vault.setFault({
        kind: "redirect",
        location: `${elsewhere.address}/v1/transit/sign/parmana`,
      });
      const error = await expectRejectsParmanaError(
        vaultSigner.sign("payload"),
        "SIG-005",
        SignatureError,
        /Vault refused to sign \(HTTP 307\)/,
      );
      expect(error.details).toEqual({ status: 307, vaultErrors: [] });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("a payload that is not a string: SIG-004, nothing sent", async () => {
    await expectRejectsParmanaError(
      signer().sign(42 as unknown as string),
      "SIG-004",
      SignatureError,
      /payload must be a string, got number/,
    );
    expect(vault.requests).toHaveLength(0);
  });
});

describe("VaultSigner: options", () => {
  it.each([
    [
      { address: "http://x", keyName: "k", auth: { token: "t" }, tokenn: 1 },
      /unknown option\(s\): tokenn/,
    ],
    [{ address: "ftp://x", keyName: "k", auth: { token: "t" } }, /address must use http or https/],
    [
      { address: "http://u:p@x", keyName: "k", auth: { token: "t" } },
      /must not contain credentials/,
    ],
    [
      { address: "http://x", keyName: "a/b", auth: { token: "t" } },
      /keyName must be a Transit key name/,
    ],
    [{ address: "http://x", keyName: "k", auth: {} }, /auth.roleId must be a non-empty string/],
    [
      { address: "http://x", keyName: "k", auth: { token: "t", roleId: "r" } },
      /auth \{ token \} takes no other field/,
    ],
    [
      { address: "http://x", keyName: "k", auth: { token: "t" }, timeoutMs: 0 },
      /timeoutMs must be an integer/,
    ],
    [
      {
        address: "http://x",
        keyName: "k",
        auth: { token: "t" },
        timeoutMs: 5,
        operationTimeoutMs: 6,
      },
      /not two different values/,
    ],
    [
      { address: "http://x", keyName: "k", auth: { token: "t" }, mount: "../x" },
      /mount must be path segments/,
    ],
    [
      {
        address: "http://x",
        keyName: "k",
        auth: { token: "t" },
        ca: "-----BEGIN CERTIFICATE-----",
      },
      /ca is only meaningful with an https address/,
    ],
  ])("refuses %j with STORE-001", (options, message) => {
    expectParmanaError(() => new VaultSigner(options as never), "STORE-001", StoreError, message);
  });
});
