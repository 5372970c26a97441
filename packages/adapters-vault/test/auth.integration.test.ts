// Authentication against the Transit-compatible server (helpers/transit-server.ts): AppRole
// login, renewal before expiry, a single re-login on 403, static tokens with unusual
// characters, and the rule that no credential ever reaches an error, its details or a log.
import { LocalVerifier, SignatureError, StoreError } from "@parmanasystems/core";
import { describe, expect, it } from "vitest";
import { VaultSigner, VaultVerifier } from "../src/index.js";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../test-support/expect-parmana-error.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

let vault: TransitServer;
const role = {
  roleId: "role-4f1c",
  secretId: "secret-9d2e-very-secret",
  tokenTtlSeconds: 60,
  tokenMaxTtlSeconds: 300,
  renewable: true,
};

useTransitServer((server) => {
  vault = server;
  vault.addAppRole(role);
});

function appRoleSigner(auth: Record<string, unknown> = {}): VaultSigner {
  return new VaultSigner({
    address: vault.address,
    keyName: "parmana",
    auth: { roleId: role.roleId, secretId: role.secretId, ...auth } as never,
    clock: () => vault.clock(),
  });
}

const calls = (): string[] =>
  vault.requests.map((request) => `${request.method} ${request.path.replace("/v1/", "")}`);

function leakFree(error: unknown, ...secrets: string[]): void {
  const seen = JSON.stringify({
    message: (error as Error).message,
    details: (error as { details?: unknown }).details,
    cause: String((error as { cause?: unknown }).cause),
  });
  for (const secret of secrets) expect(seen).not.toContain(secret);
}

describe("AppRole", () => {
  it("logs in with role_id and secret_id and signs with the issued token", async () => {
    const signer = appRoleSigner();
    const signature = await signer.sign("payload");
    expect(calls()).toEqual([
      "POST auth/approle/login",
      "GET transit/keys/parmana",
      "POST transit/sign/parmana",
    ]);
    expect(vault.requests[0]?.body).toEqual({ role_id: role.roleId, secret_id: role.secretId });
    expect(vault.requests[0]?.token).toBeUndefined();
    const issued = vault.issuedTokens[0];
    expect(vault.requests[2]?.token).toBe(issued);
    const pem = await signer.exportPublicKeyPem();
    expect(new LocalVerifier(pem).verify("payload", signature)).toBe(true);
  });

  it("renews the token once two thirds of its lease have passed, and logs in again after expiry", async () => {
    const signer = await appRoleSigner().ready();
    vault.resetRequests();
    vault.advance(30_000);
    await signer.sign("a");
    expect(calls()).toEqual(["POST transit/sign/parmana"]);

    vault.resetRequests();
    vault.advance(11_000); // 41 s into a 60 s lease
    await signer.sign("b");
    expect(calls()).toEqual(["POST auth/token/renew-self", "POST transit/sign/parmana"]);
    expect(vault.requests[0]?.token).toBe(vault.issuedTokens[0]);

    vault.resetRequests();
    vault.advance(400_000); // past the token's max TTL
    await signer.sign("c");
    expect(calls()).toEqual(["POST auth/approle/login", "POST transit/sign/parmana"]);
    expect(vault.issuedTokens).toHaveLength(2);
  });

  it("logs in again instead of renewing a token that is not renewable", async () => {
    vault.addAppRole({ ...role, roleId: "fixed-role", renewable: false });
    const signer = await appRoleSigner({ roleId: "fixed-role" }).ready();
    vault.resetRequests();
    vault.advance(45_000);
    await signer.sign("a");
    expect(calls()).toEqual(["POST auth/approle/login", "POST transit/sign/parmana"]);
  });

  it("logs in again once when Vault answers 403 (a revoked token), and retries the call once", async () => {
    const signer = await appRoleSigner().ready();
    vault.revokeToken(vault.issuedTokens[0] as string);
    vault.resetRequests();
    await signer.sign("payload");
    expect(calls()).toEqual([
      "POST transit/sign/parmana",
      "POST auth/approle/login",
      "POST transit/sign/parmana",
    ]);
  });

  it("gives up after one re-login: a second 403 is SIG-011", async () => {
    const signer = await appRoleSigner().ready();
    vault.setFault(
      { kind: "status", status: 403, body: '{"errors":["permission denied"]}' },
      { match: /sign/ },
    );
    vault.resetRequests();
    const error = await expectRejectsParmanaError(
      signer.sign("payload"),
      "SIG-011",
      SignatureError,
      /Vault denied signing \(HTTP 403/,
    );
    expect(calls()).toEqual([
      "POST transit/sign/parmana",
      "POST auth/approle/login",
      "POST transit/sign/parmana",
    ]);
    leakFree(error, role.secretId, ...vault.issuedTokens);
  });

  it("never repeats a login cut off by a reset (it may use up a limited secret id)", async () => {
    vault.setFault({ kind: "reset" }, { times: 1, match: /login/ });
    const error = await expectRejectsParmanaError(
      appRoleSigner().ready(),
      "SIG-011",
      SignatureError,
      /Vault AppRole login failed: the request failed \(/,
    );
    expect(error.retryable).toBe(true);
    expect(vault.count("/login")).toBe(1);
    leakFree(error, role.secretId);
  });

  it("a wrong secret id: SIG-011 without the secret", async () => {
    const wrong = "wrong-secret-5e7a";
    const error = await expectRejectsParmanaError(
      appRoleSigner({ secretId: wrong }).sign("payload"),
      "SIG-011",
      SignatureError,
      /Vault refused the AppRole login \(HTTP 400\)/,
    );
    expect(error.details).toEqual({ status: 400, vaultErrors: ["invalid role or secret ID"] });
    leakFree(error, wrong, role.roleId);
  });

  it("works for a verifier too, in remote mode, with its own login", async () => {
    const signer = await appRoleSigner().ready();
    const signature = await signer.sign("payload");
    const verifier = new VaultVerifier({
      address: vault.address,
      keyName: "parmana",
      auth: { roleId: role.roleId, secretId: role.secretId },
      mode: "remote",
    });
    expect(await verifier.verify("payload", signature)).toBe(true);
    expect(vault.issuedTokens).toHaveLength(2);
  });
});

describe("static tokens with unusual characters", () => {
  it("sends a token containing a quote verbatim and never shows it", async () => {
    const quoted = "hvs.\"quoted'token";
    const denied = await expectRejectsParmanaError(
      new VaultSigner(vault.address, quoted, "parmana").sign("payload"),
      "SIG-011",
      SignatureError,
    );
    leakFree(denied, quoted);
    expect(vault.requests[0]?.token).toBe(quoted);

    vault.addToken(quoted);
    const signature = await new VaultSigner(vault.address, quoted, "parmana").sign("payload");
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
  });

  it.each([
    ["a newline", "hvs.token\nX-Injected: 1"],
    ["a trailing newline (read from a file)", "hvs.token-from-file\n"],
    ["a space", "hvs.token with-space"],
    ["a NUL", "hvs.token\u0000"],
  ])(
    "refuses a token with %s before sending anything (STORE-001, token not shown)",
    (_name, token) => {
      for (const make of [
        () => new VaultSigner(vault.address, token, "parmana"),
        () => new VaultVerifier(vault.address, token, "parmana"),
        () => new VaultSigner({ address: vault.address, keyName: "parmana", auth: { token } }),
      ]) {
        const error = expectParmanaError(
          make,
          "STORE-001",
          StoreError,
          /contains whitespace or a control character \(a trailing newline read from a file\?\); it was not sent/,
        );
        leakFree(error, token.trim());
      }
      expect(vault.requests).toHaveLength(0);
    },
  );

  it("blanks the token out of error text a hostile server echoes back", async () => {
    const token = "hvs.echo-me-not";
    vault.addToken(token);
    const signer = await new VaultSigner(vault.address, token, "parmana").ready();
    vault.setFault({
      kind: "status",
      status: 400,
      body: JSON.stringify({ errors: [`token ${token} is not allowed here`] }),
    });
    const error = await expectRejectsParmanaError(
      signer.sign("payload"),
      "SIG-005",
      SignatureError,
    );
    expect(error.details).toEqual({
      status: 400,
      vaultErrors: ["token [redacted] is not allowed here"],
    });
    leakFree(error, token);
  });

  it("keeps credentials out of JSON dumps of signers and verifiers", () => {
    const secret = "hvs.never-serialised";
    const dumped = JSON.stringify([
      new VaultSigner(vault.address, secret, "parmana"),
      new VaultVerifier(vault.address, secret, "parmana"),
      appRoleSigner(),
    ]);
    expect(dumped).not.toContain(secret);
    expect(dumped).not.toContain(role.secretId);
  });
});

describe("the clock option", () => {
  it("takes a clock that returns epoch milliseconds, and renews on its time", async () => {
    const signer = await new VaultSigner({
      address: vault.address,
      keyName: "parmana",
      auth: { roleId: role.roleId, secretId: role.secretId },
      clock: () => vault.clock().getTime(),
    }).ready();
    vault.resetRequests();
    vault.advance(41_000); // two thirds of the 60 s lease have passed
    await signer.sign("a");
    expect(calls()).toEqual(["POST auth/token/renew-self", "POST transit/sign/parmana"]);
  });

  it.each([
    ["returns an ISO string", () => "2026-01-01T00:00:00Z"],
    ["returns an invalid Date", () => new Date(Number.NaN)],
    ["returns NaN", () => Number.NaN],
    [
      "throws",
      () => {
        throw new Error("clock broke");
      },
    ],
  ])("a clock that %s fails the call with STORE-001 before anything is sent", async (_, clock) => {
    const signer = new VaultSigner({
      address: vault.address,
      keyName: "parmana",
      auth: { roleId: role.roleId, secretId: role.secretId },
      clock: clock as never,
    });
    vault.resetRequests();
    await expectRejectsParmanaError(signer.sign("payload"), "STORE-001", StoreError, /clock/);
    expect(calls()).toEqual([]);
  });
});
