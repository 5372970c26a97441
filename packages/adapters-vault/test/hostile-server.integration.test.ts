// A broken or malicious server (or a proxy in front of Vault) answering with a huge body,
// something that is not JSON, or JSON that is not a Transit answer. Proves the adapter stops
// reading at its limit, fails closed with SIG-030 (signer) or false plus a diagnostic
// (verifier), and never lets a SyntaxError or TypeError escape.
import type { ParmanaError } from "@parmanasystems/core";
import { SignatureError } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { VaultSigner, VaultVerifier } from "../src/index.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;

useTransitServer((server) => {
  vault = server;
});

const signer = (): VaultSigner => new VaultSigner(vault.address, vault.rootToken, "parmana");

describe("hostile answers to the signer", () => {
  it("stops reading a huge body at 1 MiB: SIG-030, most of it never downloaded", async () => {
    const ready = await signer().ready();
    const total = 64 * 1024 * 1024;
    vault.setFault({ kind: "huge-body", bytes: total });
    await expectRejectsParmanaError(
      ready.sign("payload"),
      "SIG-030",
      SignatureError,
      /Vault answered the sign request with an answer larger than 1048576 bytes/,
    );
    // Socket buffers hold a few MiB at most; the server could not push the 64 MiB.
    expect(vault.hugeBodyBytesSent).toBeLessThan(total / 2);
  });

  it("stops inflating a gzip bomb at 1 MiB: SIG-030", async () => {
    const ready = await signer().ready();
    vault.setFault({ kind: "gzip-bomb", bytes: 16 * 1024 * 1024 }, { match: /sign/ });
    await expectRejectsParmanaError(
      ready.sign("payload"),
      "SIG-030",
      SignatureError,
      /Vault answered the sign request with an answer larger than 1048576 bytes/,
    );
  });

  it.each([
    ["a key read", /keys/, "reading Transit key transit/parmana"],
    ["a sign", /sign/, "the sign request"],
  ])("maps a non-JSON answer to %s to SIG-030", async (_name, match, doing) => {
    const ready = match.source === "sign" ? await signer().ready() : signer();
    vault.setFault({ kind: "non-json", status: 502 }, { match });
    const error = await expectRejectsParmanaError(ready.sign("payload"), "SIG-030", SignatureError);
    expect(error.message).toBe(
      `[SIG-030] Vault answered ${doing} with HTTP 502 with a body that is not JSON`,
    );
    expect(error.details).toEqual({ reason: "not-json", status: 502 });
  });

  it.each([
    ["no data", "{}", /has no vault:v<N>:<base64> signature/],
    ["a signature without prefix", '{"data":{"signature":"AAAA"}}', /has no vault:v<N>:<base64>/],
    ["a non-base64 body", '{"data":{"signature":"vault:v1:!!!"}}', /not a valid ed25519 signature/],
    [
      "a 63-byte Ed25519 signature",
      JSON.stringify({ data: { signature: `vault:v1:${Buffer.alloc(63).toString("base64")}` } }),
      /not a valid ed25519 signature/,
    ],
    ["an array", "[1,2,3]", /has no vault:v<N>:<base64> signature/],
  ])("refuses a sign answer with %s (SIG-030)", async (_name, body, message) => {
    const ready = await signer().ready();
    vault.setFault({ kind: "status", status: 200, body }, { match: /sign/ });
    await expectRejectsParmanaError(ready.sign("payload"), "SIG-030", SignatureError, message);
  });

  it.each([
    [
      "no keys",
      { data: { type: "ed25519", latest_version: 1, min_decryption_version: 1 } },
      /lists no key versions/,
    ],
    [
      "a bad public key",
      {
        data: {
          type: "ed25519",
          latest_version: 1,
          min_decryption_version: 1,
          keys: { "1": { public_key: "AAAA" } },
        },
      },
      /v1: public_key is not a valid ed25519 public key/,
    ],
    [
      "a version beyond latest",
      {
        data: {
          type: "ed25519",
          latest_version: 1,
          min_decryption_version: 1,
          keys: { "7": { public_key: "AAAA" } },
        },
      },
      /key version 7 is not a version number/,
    ],
    ["a string", "just text in JSON", /the answer has no data/],
  ])("refuses a key read with %s (SIG-030)", async (_name, body, message) => {
    vault.setFault({ kind: "status", status: 200, body: JSON.stringify(body) }, { match: /keys/ });
    await expectRejectsParmanaError(signer().ready(), "SIG-030", SignatureError, message);
  });
});

describe("hostile answers to the verifier", () => {
  it("returns false with a SIG-030 diagnostic for a huge or non-JSON key read", async () => {
    const signature = await signer().sign("payload");
    for (const fault of [
      { kind: "huge-body", bytes: 8 * 1024 * 1024 },
      { kind: "non-json", status: 200 },
    ] as const) {
      const diagnostics: ParmanaError[] = [];
      vault.setFault(fault, { match: /keys/ });
      const verifier = new VaultVerifier({
        address: vault.address,
        keyName: "parmana",
        auth: { token: vault.rootToken },
        onDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
      });
      expect(await verifier.verify("payload", signature)).toBe(false);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["SIG-030"]);
      vault.setFault(undefined);
      // Nothing bad was cached: once the server behaves, the same verifier works.
      expect(await verifier.verify("payload", signature)).toBe(true);
    }
  });
});
