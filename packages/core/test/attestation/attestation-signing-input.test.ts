import { describe, expect, it } from "vitest";
import { attestationPayload, attestationSigningInput, canonicalize } from "@parmanasystems/core";

describe("attestationSigningInput", () => {
  it("is the JCS envelope { domain: PARMANA_ATTESTATION_V1, payload } without the signature", () => {
    const attestation = { b: 1, a: "x", signature: "sig" };
    expect(attestationSigningInput(attestation)).toBe('{"domain":"PARMANA_ATTESTATION_V1","payload":{"a":"x","b":1}}');
  });

  it("keeps unknown fields (so adding one breaks the signature)", () => {
    expect(attestationSigningInput({ a: 1, extra: true, signature: "s" })).toBe(
      '{"domain":"PARMANA_ATTESTATION_V1","payload":{"a":1,"extra":true}}',
    );
  });

  it("treats __proto__ as data", () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":1},"a":1,"signature":"s"}') as Record<string, unknown>;
    const payload = attestationPayload(hostile) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(canonicalize(payload)).toBe('{"__proto__":{"polluted":1},"a":1}');
  });
});
