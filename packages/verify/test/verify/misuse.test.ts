// Misuse of the override, integrity and bundle verifiers rejects with core's codes; bad keys and
// trust roots reject with SIG- and TRUST- codes before anything is verified.
import {
  OverrideError,
  SignatureError,
  TrustError,
  verifyAttestation,
  verifyExecutionIntegrity,
  verifyOverride,
} from "@parmanasystems/verify";
import { describe, expect, it } from "vitest";

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error & { code?: string }) => error,
  );
}

describe("misuse", () => {
  it("verifyOverride without a key: SYS-024", async () => {
    const error = await rejection(verifyOverride({}, {}, undefined as never));
    expect(error).toBeInstanceOf(OverrideError);
    expect(error.code).toBe("SYS-024");
    expect(error.message).toBe("[SYS-024] verifyOverride needs a public key or a trust root");
  });

  it("verifyExecutionIntegrity without a key: SYS-029", async () => {
    const error = await rejection(verifyExecutionIntegrity({}, null as never));
    expect(error).toBeInstanceOf(OverrideError);
    expect(error.code).toBe("SYS-029");
    expect(error.message).toBe(
      "[SYS-029] verifyExecutionIntegrity needs a public key or a trust root",
    );
  });

  it("an invalid trust root: TRUST-002 with every problem; trust-root text that is not JSON: TRUST-001", async () => {
    const error = await rejection(
      verifyAttestation({}, { trustRootVersion: "", keys: [] } as never),
    );
    expect(error).toBeInstanceOf(TrustError);
    expect(error.code).toBe("TRUST-002");
    expect(error.message).toMatch(
      /^\[TRUST-002\] invalid trust root: \[TRUST-003\] \$\.trustRootVersion: /,
    );
    const text = await rejection(verifyAttestation({}, "{ not json"));
    expect(text).toBeInstanceOf(TrustError);
    expect(text.code).toBe("TRUST-001");
  });

  it("a private key: SIG-003", async () => {
    const error = await rejection(
      verifyAttestation({}, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
    );
    expect(error).toBeInstanceOf(SignatureError);
    expect(error.code).toBe("SIG-003");
  });
});
