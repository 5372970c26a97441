// VaultVerifier against the Transit-compatible HTTP server (helpers/transit-server.ts). Proves
// local verification across rotations with no network per call, the cache refresh rules
// (unknown version, TTL, min_decryption_version), and remote mode's mapping of Vault's answers
// (200 valid true/false, 400, 403, 5xx, timeouts, garbage) to booleans plus SIG-010
// diagnostics, with `verify` never throwing.
import type { ParmanaError } from "@parmanasystems/core";
import { createTrustRoot, createTrustRootVerifier, SignatureError } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { createVaultTrustRootKeys, VaultSigner, VaultVerifier } from "../src/index.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { attestationLikeInput } from "./helpers/signing-inputs.js";
import { publicPemOf, type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;
let signer: VaultSigner;
let diagnostics: ParmanaError[];

useTransitServer(async (server) => {
  vault = server;
  signer = await new VaultSigner({
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
  }).ready();
  diagnostics = [];
});

function verifier(options: Record<string, unknown> = {}): VaultVerifier {
  return new VaultVerifier({
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
    timeoutMs: 1_000,
    clock: () => vault.clock(),
    onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    ...options,
  });
}

/** Signs an attestation-like input naming the signer's current version. */
async function signed(note: string): Promise<{ payload: string; signature: string }> {
  const payload = attestationLikeInput(signer.signerKeyId, note);
  return { payload, signature: await signer.sign(payload) };
}

describe("VaultVerifier, local mode", () => {
  it("verifies with the documented positional form and reads the key only once", async () => {
    const documented = new VaultVerifier(vault.address, vault.rootToken, "parmana");
    expect(documented.mode).toBe("local");
    const { payload, signature } = await signed("a");
    vault.resetRequests();
    for (let index = 0; index < 10; index++) {
      expect(await documented.verify(payload, signature)).toBe(true);
    }
    expect(await documented.verify(`${payload} `, signature)).toBe(false);
    expect(vault.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /v1/transit/keys/parmana",
    ]);
  });

  it("verifies old and new signatures after a rotation, each only with the version it names", async () => {
    const local = await verifier().ready();
    const old = await signed("old");
    vault.rotate("parmana");
    await signer.ready();
    const fresh = await signed("new");
    expect(fresh.payload).toContain('"signerKeyId":"vault:transit/parmana:v2"');

    vault.advance(1_000);
    vault.resetRequests();
    expect(await local.verify(old.payload, old.signature)).toBe(true);
    // v2 was unknown to the cache: one key read, then local.
    expect(await local.verify(fresh.payload, fresh.signature)).toBe(true);
    expect(await local.verify(fresh.payload, fresh.signature)).toBe(true);
    expect(vault.count("/keys/parmana")).toBe(1);
    expect(vault.count("/verify/")).toBe(0);

    // A payload naming v1 with a signature made by v2 is refused: the named version decides.
    const mislabelled = attestationLikeInput("vault:transit/parmana:v1", "mislabelled");
    const byV2 = await new VaultSigner(vault.address, vault.rootToken, "parmana").sign(
      mislabelled.replace(":v1", ":v2"),
    );
    expect(await local.verify(mislabelled, byV2)).toBe(false);
  });

  it("tries every version for a payload that names none (a signer used before ready())", async () => {
    const local = await verifier().ready();
    vault.rotate("parmana");
    vault.advance(1_000);
    const unversioned = new VaultSigner(vault.address, vault.rootToken, "parmana");
    const payload = attestationLikeInput(unversioned.signerKeyId, "first");
    expect(payload).toContain('"signerKeyId":"vault:transit/parmana"');
    const signature = await unversioned.sign(payload);
    expect(await local.verify(payload, signature)).toBe(true);
    expect(await local.verify("plain text", await unversioned.sign("plain text"))).toBe(true);
  });

  it("reads the key at most once a second for versions it does not know", async () => {
    const local = await verifier().ready();
    const forged = attestationLikeInput("vault:transit/parmana:v99", "forged");
    const zeros = Buffer.alloc(64).toString("base64");
    vault.advance(1_000);
    vault.resetRequests();
    const flood = await Promise.all(Array.from({ length: 20 }, () => local.verify(forged, zeros)));
    expect(flood).toEqual(Array(20).fill(false));
    expect(vault.count("/keys/parmana")).toBe(1);
    // One second after that read, the next unknown version may read again, once.
    const started = performance.now();
    const second = await Promise.all(Array.from({ length: 5 }, () => local.verify(forged, zeros)));
    expect(second).toEqual(Array(5).fill(false));
    expect(vault.count("/keys/parmana")).toBe(2);
    expect(performance.now() - started).toBeGreaterThan(500);
  });

  it("does not wait for a read for a bad signature over a payload that names no version", async () => {
    const local = await verifier().ready();
    vault.resetRequests();
    const started = performance.now();
    for (let index = 0; index < 20; index++) {
      expect(await local.verify(`plain ${index}`, Buffer.alloc(64).toString("base64"))).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(900);
    expect(vault.count("/keys/parmana")).toBe(0);
    vault.advance(1_000);
    expect(await local.verify("plain", Buffer.alloc(64).toString("base64"))).toBe(false);
    expect(vault.count("/keys/parmana")).toBe(1);
  });

  it("picks up a rotation right after a read: the new version waits for the next allowed read", async () => {
    const local = await verifier().ready();
    vault.rotate("parmana");
    await signer.ready();
    const fresh = await signed("new");
    expect(await local.verify(fresh.payload, fresh.signature)).toBe(true);
  });

  it("stops accepting versions below a raised min_decryption_version once the cache refreshes", async () => {
    const local = await verifier({ keyCacheTtlMs: 60_000 }).ready();
    const old = await signed("old");
    vault.rotate("parmana");
    await signer.ready();
    const fresh = await signed("new");
    vault.configure("parmana", { minDecryptionVersion: 2 });
    vault.advance(1_000);
    // Cached v1 still counts until the TTL...
    expect(await local.verify(old.payload, old.signature)).toBe(true);
    vault.advance(60_000);
    // ...then Vault's list (v2 only) is read again and v1 is gone.
    expect(await local.verify(old.payload, old.signature)).toBe(false);
    expect(await local.verify(fresh.payload, fresh.signature)).toBe(true);
    await expectRejectsParmanaError(
      local.exportPublicKeyPem(1),
      "SIG-032",
      SignatureError,
      /transit\/parmana has no readable version 1 \(Vault serves versions 2\.\.2\)/,
    );
    expect(diagnostics).toEqual([]);
  });

  it("keeps serving cached keys when a refresh fails, and reports why", async () => {
    const local = await verifier({ keyCacheTtlMs: 10_000 }).ready();
    const { payload, signature } = await signed("a");
    vault.advance(10_000);
    vault.setFault({ kind: "status", status: 503 });
    expect(await local.verify(payload, signature)).toBe(true);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["SIG-009"]);
    expect(diagnostics[0]?.message).toMatch(
      /Vault could not read Transit key transit\/parmana \(HTTP 503\)/,
    );
  });

  it("returns false with a diagnostic, never an exception, when the key cannot be read", async () => {
    vault.deleteKey("parmana");
    const local = verifier();
    expect(await local.verify("payload", Buffer.alloc(64).toString("base64"))).toBe(false);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["SIG-009"]);
    expect(await local.verify(undefined as unknown as string, "x")).toBe(false);
    expect(await local.verify("payload", 7 as unknown as string)).toBe(false);
    await expectRejectsParmanaError(local.ready(), "SIG-009", SignatureError, /does not exist/);
  });

  it("a throwing diagnostic hook does not change the verdict", async () => {
    vault.deleteKey("parmana");
    const local = verifier({
      onDiagnostic: () => {
        throw new Error("hook failed");
      },
    });
    expect(await local.verify("payload", "sig")).toBe(false);
  });

  it("verifies ecdsa-p256 signatures and refuses another key's", async () => {
    vault.createKey("p256", "ecdsa-p256");
    const ecdsaSigner = await new VaultSigner(vault.address, vault.rootToken, "p256").ready();
    const local = await verifier({ keyName: "p256" }).ready();
    expect(local.algorithm).toBe("ecdsa-p256-sha256");
    const payload = attestationLikeInput(ecdsaSigner.signerKeyId);
    const signature = await ecdsaSigner.sign(payload);
    expect(await local.verify(payload, signature)).toBe(true);
    expect(await local.verify(payload, await signer.sign(payload))).toBe(false);
  });
});

describe("VaultVerifier, remote mode", () => {
  it("calls /verify with the vault:vN: prefix of the version the payload names", async () => {
    const remote = verifier({ mode: "remote" });
    const old = await signed("old");
    vault.rotate("parmana");
    await signer.ready();
    const fresh = await signed("new");
    vault.resetRequests();
    expect(await remote.verify(old.payload, old.signature)).toBe(true);
    expect(await remote.verify(fresh.payload, fresh.signature)).toBe(true);
    expect(vault.requests.map((request) => request.body?.["signature"])).toEqual([
      `vault:v1:${old.signature}`,
      `vault:v2:${fresh.signature}`,
    ]);
    expect(vault.requests[0]?.body?.["input"]).toBe(Buffer.from(old.payload).toString("base64"));
    expect(diagnostics).toEqual([]);
  });

  it("maps 200 valid:false and 400 to false without a diagnostic", async () => {
    const remote = verifier({ mode: "remote" });
    const { payload, signature } = await signed("a");
    expect(await remote.verify(`${payload}x`, signature)).toBe(false);
    vault.rotate("parmana");
    vault.configure("parmana", { minDecryptionVersion: 2 });
    // v1 is now too old: Vault answers 400.
    vault.resetRequests();
    expect(await remote.verify(payload, signature)).toBe(false);
    expect(vault.count("/verify/")).toBe(1);
    expect(await remote.verify(payload, "not base64!")).toBe(false);
    expect(diagnostics).toEqual([]);
  });

  it("tries the versions newest first when the payload names none", async () => {
    const remote = verifier({ mode: "remote" });
    const plain = await signer.sign("plain");
    vault.rotate("parmana");
    vault.resetRequests();
    expect(await remote.verify("plain", plain)).toBe(true);
    expect(vault.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /v1/transit/keys/parmana",
      "POST /v1/transit/verify/parmana",
      "POST /v1/transit/verify/parmana",
    ]);
    expect(
      vault.requests.slice(1).map((request) => String(request.body?.["signature"]).slice(0, 9)),
    ).toEqual(["vault:v2:", "vault:v1:"]);
  });

  it.each([
    [
      "403",
      { kind: "status", status: 403, body: '{"errors":["permission denied"]}' },
      /Vault answered HTTP 403/,
    ],
    ["500", { kind: "status", status: 500 }, /Vault answered HTTP 500/],
    ["non-JSON", { kind: "non-json", status: 200 }, /HTTP 200 with a body that is not JSON/],
    [
      "200 without valid",
      { kind: "status", status: 200, body: '{"data":{}}' },
      /the answer has no valid field/,
    ],
  ] as const)("maps %s to false plus a SIG-010 diagnostic", async (_name, fault, message) => {
    const remote = verifier({ mode: "remote" });
    const { payload, signature } = await signed("a");
    vault.setFault(fault, { match: /verify/ });
    expect(await remote.verify(payload, signature)).toBe(false);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toBeInstanceOf(SignatureError);
    expect(diagnostics[0]?.code).toBe("SIG-010");
    expect(diagnostics[0]?.message).toMatch(/^\[SIG-010\] remote verification unavailable: /);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it("bounds a hanging /verify by timeoutMs: false plus a SIG-010 diagnostic", async () => {
    const remote = verifier({ mode: "remote", timeoutMs: 250 });
    const { payload, signature } = await signed("a");
    vault.setFault({ kind: "hang" });
    const started = performance.now();
    expect(await remote.verify(payload, signature)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(diagnostics[0]?.message).toBe(
      "[SIG-010] remote verification unavailable: no answer within 250 ms",
    );
    expect(diagnostics[0]?.retryable).toBe(true);
  });
});

describe("public keys for auditors and trust roots", () => {
  it("exports each version's PEM and builds trust-root entries core accepts", async () => {
    vault.rotate("parmana");
    const local = verifier();
    expect(await local.exportPublicKeyPem()).toBe(publicPemOf(vault.privateKeyOf("parmana", 2)));
    expect(await local.exportPublicKeyPem(1)).toBe(publicPemOf(vault.privateKeyOf("parmana", 1)));
    await expectRejectsParmanaError(local.exportPublicKeyPem(3), "SIG-032", SignatureError);

    const keys = await createVaultTrustRootKeys(local, { purposes: ["attestation", "override"] });
    expect(keys.map((key) => [key.keyId, key.algorithm, key.purposes])).toEqual([
      ["vault:transit/parmana:v1", "ed25519", ["attestation", "override"]],
      ["vault:transit/parmana:v2", "ed25519", ["attestation", "override"]],
    ]);
    expect(keys[0]?.description).toBe("Vault Transit transit/parmana:v1");
    const root = createTrustRoot({ trustRootVersion: "vault-1", keys });

    // An attestation-like payload signed by v2 verifies under the root, chosen by signerKeyId.
    await signer.ready();
    const trusted = createTrustRootVerifier(root, { purpose: "attestation", at: new Date() });
    const { payload, signature } = await signed("for-the-root");
    expect(trusted.explain(payload, signature)).toMatchObject({ valid: true });
    const claimingV1 = payload.replace(":v2", ":v1");
    expect(trusted.explain(claimingV1, signature).valid).toBe(false);
  });
});
