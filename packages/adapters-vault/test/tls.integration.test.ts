// The `ca` option: an https Vault whose certificate is signed by a private CA (committed test
// material in fixtures/tls). Proves the adapter trusts exactly the given CA for its calls (and
// that without it the connection is refused as untrusted, never silently accepted).
import { readFileSync } from "node:fs";
import { LocalVerifier, SignatureError } from "@parmanasystems/core";
import { expect, it } from "vitest";
import { VaultSigner, VaultVerifier } from "../src/index.js";
import { expectRejectsParmanaError } from "../../../test-support/expect-parmana-error.js";
import { type TransitServer } from "./helpers/transit-server.js";
import { useTransitServer } from "./helpers/use-transit-server.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url), "utf8");

let vault: TransitServer;

useTransitServer(
  (server) => {
    vault = server;
  },
  { tls: { key: fixture("server.key"), cert: fixture("server.pem") } },
);

it("signs and verifies over https with a private CA given as ca", async () => {
  expect(vault.address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const options = {
    address: vault.address,
    keyName: "parmana",
    auth: { token: vault.rootToken },
    ca: fixture("ca.pem"),
  };
  const signer = await new VaultSigner(options).ready();
  const signature = await signer.sign("over tls");
  expect(new LocalVerifier(await signer.exportPublicKeyPem()).verify("over tls", signature)).toBe(
    true,
  );
  const remote = new VaultVerifier({ ...options, ca: [fixture("ca.pem")], mode: "remote" });
  expect(await remote.verify("over tls", signature)).toBe(true);
  expect(vault.count("/verify/")).toBe(1);
});

it("refuses the server without the CA: SIG-009 naming the TLS error", async () => {
  await expectRejectsParmanaError(
    new VaultSigner(vault.address, vault.rootToken, "parmana").ready(),
    "SIG-009",
    SignatureError,
    /the request failed \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
  );
  expect(vault.requests).toHaveLength(0);
});
