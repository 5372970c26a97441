import { afterEach, describe, expect, it, vi } from "vitest";
import { ProvenanceError, canonicalHash, canonicalize } from "@parmanasystems/core";
import {
  createExecutionAuthority,
  hashExecutionAuthority,
  hashExecutionParameters,
  verifyExecutionAuthority,
  type CreateExecutionAuthorityInput,
  type ExecutionAuthority,
} from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { ATTESTATION, altered, copy, sha256 } from "../helpers/lifecycle-fixtures.js";

const ISSUED = "2024-05-01T10:00:00.000Z";
const EXPIRES = "2024-05-01T10:05:00.000Z";
const EXECUTOR = "disbursement-service";

function input(
  overrides: Partial<CreateExecutionAuthorityInput> = {},
): CreateExecutionAuthorityInput {
  return {
    executionId: "loan-42",
    attestationHash: ATTESTATION,
    authorizedAction: "disburse_loan",
    authorizedParameters: { amount: 500000, currency: "INR" },
    executorIdentity: EXECUTOR,
    ttlSeconds: 300,
    issuedAt: ISSUED,
    ...overrides,
  };
}

describe("createExecutionAuthority", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("derives every field as documented", () => {
    const authority = createExecutionAuthority(input());
    const parametersHash = `sha256:${sha256('{"amount":500000,"currency":"INR"}')}`;
    expect(authority.authorizedParametersHash).toBe(parametersHash);
    expect(authority.authorizedParametersHash).toBe(
      hashExecutionParameters({ currency: "INR", amount: 500000 }),
    );
    expect(authority.expiresAt).toBe(EXPIRES);
    const fields = {
      executionId: "loan-42",
      attestationHash: ATTESTATION,
      authorizedAction: "disburse_loan",
      authorizedParametersHash: parametersHash,
      executorIdentity: EXECUTOR,
      issuedAt: ISSUED,
      expiresAt: EXPIRES,
    };
    const nonce = `sha256:${sha256(canonicalize({ domain: "PARMANA_AUTHORITY_V1", payload: { nonce: fields } }))}`;
    expect(authority.nonce).toBe(nonce);
    const authorityHash = `sha256:${sha256(canonicalize({ domain: "PARMANA_AUTHORITY_V1", payload: { authority: { ...fields, nonce } } }))}`;
    expect(authority).toEqual({ ...fields, nonce, authorityHash });
  });

  it("is deterministic: same inputs, same token (no randomness, no wall clock)", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2001-01-01T00:00:00Z"));
    const first = createExecutionAuthority(input());
    vi.setSystemTime(new Date("2090-01-01T00:00:00Z"));
    expect(
      createExecutionAuthority(
        input({ authorizedParameters: { currency: "INR", amount: 500000 } }),
      ),
    ).toEqual(first);
  });

  it.each([
    ["executionId", { executionId: "loan-43" }],
    ["attestationHash", { attestationHash: `sha256:${"b2".repeat(32)}` }],
    ["authorizedAction", { authorizedAction: "refund" }],
    ["authorizedParameters", { authorizedParameters: { amount: 500001, currency: "INR" } }],
    ["executorIdentity", { executorIdentity: "other-service" }],
    ["ttlSeconds", { ttlSeconds: 301 }],
    ["issuedAt", { issuedAt: "2024-05-01T10:00:00.001Z" }],
  ])("changes nonce and hash when %s changes", (_field, change) => {
    const base = createExecutionAuthority(input());
    const other = createExecutionAuthority(input(change));
    expect(other.nonce).not.toBe(base.nonce);
    expect(other.authorityHash).not.toBe(base.authorityHash);
  });

  it("rounds ttlSeconds to whole milliseconds", () => {
    expect(createExecutionAuthority(input({ ttlSeconds: 0.0015 })).expiresAt).toBe(
      "2024-05-01T10:00:00.002Z",
    );
    expect(createExecutionAuthority(input({ ttlSeconds: 31_536_000 })).expiresAt).toBe(
      "2025-05-01T10:00:00.000Z",
    );
  });

  it.each([
    ["not an object", null, /input must be a plain object/],
    ["unknown field", { ...input(), nonce: "x" }, /unknown input field\(s\) nonce/],
    ["empty executionId", input({ executionId: "" }), /executionId must be a non-empty string/],
    [
      "numeric executorIdentity",
      input({ executorIdentity: 7 as never }),
      /executorIdentity must be a non-empty string/,
    ],
    [
      "missing parameters",
      { ...input(), authorizedParameters: undefined },
      /authorizedParameters is required/,
    ],
    [
      "parameters with a Map",
      input({ authorizedParameters: new Map() }),
      /authorizedParameters is not plain JSON: \[CANONICAL-/,
    ],
    ["zero ttl", input({ ttlSeconds: 0 }), /ttlSeconds must be a number in \(0, 31536000\]/],
    ["negative ttl", input({ ttlSeconds: -5 }), /ttlSeconds must be a number/],
    ["NaN ttl", input({ ttlSeconds: Number.NaN }), /ttlSeconds must be a number/],
    [
      "Infinity ttl",
      input({ ttlSeconds: Number.POSITIVE_INFINITY }),
      /ttlSeconds must be a number/,
    ],
    ["string ttl", input({ ttlSeconds: "300" as never }), /ttlSeconds must be a number/],
    ["ttl over a year", input({ ttlSeconds: 31_536_001 }), /ttlSeconds must be a number/],
    ["sub-millisecond ttl", input({ ttlSeconds: 0.0004 }), /at least one millisecond/],
    [
      "missing issuedAt",
      { ...input(), issuedAt: undefined },
      /issuedAt must be an ISO-8601 UTC timestamp/,
    ],
    [
      "offset issuedAt",
      input({ issuedAt: "2024-05-01T15:30:00+05:30" }),
      /issuedAt must be an ISO-8601 UTC/,
    ],
    [
      "expiry past year 9999",
      input({ issuedAt: "9999-12-31T23:59:00Z", ttlSeconds: 120 }),
      /past year 9999/,
    ],
    ["lone surrogate", input({ executionId: "loan-\ud800" }), /not valid Unicode text/],
  ])("refuses %s with PROV-022", (_name, value, message) => {
    expectParmanaError(
      () => createExecutionAuthority(value as never),
      "PROV-022",
      ProvenanceError,
      message,
    );
  });
});

describe("verifyExecutionAuthority", () => {
  const authority = createExecutionAuthority(input());

  it("accepts an intact authority presented by its executor inside its window", () => {
    expect(
      verifyExecutionAuthority(authority, {
        executorIdentity: EXECUTOR,
        currentTime: "2024-05-01T10:02:00.000Z",
      }),
    ).toEqual({
      valid: true,
      reasons: [],
    });
  });

  it("treats expiresAt as exclusive: valid 1 ms before, expired at and 1 ms after", () => {
    const at = (currentTime: string) =>
      verifyExecutionAuthority(authority, { executorIdentity: EXECUTOR, currentTime });
    expect(at("2024-05-01T10:04:59.999Z").valid).toBe(true);
    expect(at(EXPIRES)).toEqual({ valid: false, reasons: [`authority expired at ${EXPIRES}`] });
    expect(at("2024-05-01T10:05:00.001Z")).toEqual({
      valid: false,
      reasons: [`authority expired at ${EXPIRES}`],
    });
  });

  it("treats issuedAt as inclusive: valid at issuedAt, not yet valid 1 ms before", () => {
    const at = (currentTime: string) =>
      verifyExecutionAuthority(authority, { executorIdentity: EXECUTOR, currentTime });
    expect(at(ISSUED).valid).toBe(true);
    expect(at("2024-05-01T09:59:59.999Z")).toEqual({
      valid: false,
      reasons: [`authority is not valid before ${ISSUED}`],
    });
  });

  it("compares instants, not strings (equivalent spellings of expiresAt)", () => {
    expect(
      verifyExecutionAuthority(authority, {
        executorIdentity: EXECUTOR,
        currentTime: "2024-05-01T10:05:00Z",
      }).valid,
    ).toBe(false);
    expect(
      verifyExecutionAuthority(authority, {
        executorIdentity: EXECUTOR,
        currentTime: "2024-05-01T10:04:59.9999Z",
      }).valid,
    ).toBe(true);
  });

  it("defaults currentTime to now", () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2024-05-01T10:01:00.000Z"));
      expect(verifyExecutionAuthority(authority, { executorIdentity: EXECUTOR }).valid).toBe(true);
      vi.setSystemTime(new Date(EXPIRES));
      expect(verifyExecutionAuthority(authority, { executorIdentity: EXECUTOR }).valid).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("binds the executor exactly", () => {
    for (const presenter of ["other-service", "Disbursement-service", "disbursement-service "]) {
      expect(
        verifyExecutionAuthority(authority, { executorIdentity: presenter, currentTime: ISSUED }),
      ).toEqual({
        valid: false,
        reasons: [
          `executor mismatch: authority is bound to "${EXECUTOR}", presented by ${JSON.stringify(presenter)}`,
        ],
      });
    }
  });

  const fields = Object.keys(authority) as (keyof ExecutionAuthority)[];
  it.each(fields)("detects tampering with %s", (field) => {
    const tampered = copy(authority) as unknown as Record<string, unknown>;
    tampered[field] = altered(tampered[field]);
    const result = verifyExecutionAuthority(tampered as unknown as ExecutionAuthority, {
      executorIdentity: String(tampered["executorIdentity"]),
      currentTime: "2024-05-01T10:01:00.000Z",
    });
    expect(result.valid).toBe(false);
    expect(result.reasons.some((reason) => /tampered|not after issuedAt/.test(reason))).toBe(true);
  });

  it("detects a forged authority whose hash was recomputed but whose nonce was not derived", () => {
    const forged = { ...authority, nonce: `sha256:${"0".repeat(64)}` };
    forged.authorityHash = hashExecutionAuthority(forged);
    const result = verifyExecutionAuthority(forged, {
      executorIdentity: EXECUTOR,
      currentTime: ISSUED,
    });
    expect(result).toEqual({
      valid: false,
      reasons: ["authority.nonce does not match the authority's fields (tampered)"],
    });
  });

  it("a fully re-derived authority with a longer expiry is a different authority (authorities are unsigned)", () => {
    // Integrity catches partial edits. Whoever re-derives every field with the public formulas
    // makes a new authority with a new authorityHash: authenticity must come from the channel
    // that delivers it (or a signature over it), not from the hash.
    const extended = createExecutionAuthority(input({ ttlSeconds: 3600 }));
    expect(extended.authorityHash).not.toBe(authority.authorityHash);
  });

  it("refuses extra fields", () => {
    const result = verifyExecutionAuthority({ ...authority, role: "admin" } as ExecutionAuthority, {
      executorIdentity: EXECUTOR,
      currentTime: ISSUED,
    });
    expect(result).toEqual({ valid: false, reasons: ["authority has unexpected field(s) role"] });
  });

  it("reports bad input instead of throwing", () => {
    expect(verifyExecutionAuthority(null as never, { executorIdentity: EXECUTOR }).reasons).toEqual(
      ["authority is null, not an execution authority object"],
    );
    expect(verifyExecutionAuthority(authority, null as never)).toEqual({
      valid: false,
      reasons: ["verification input must be a plain object, got null"],
    });
    expect(
      verifyExecutionAuthority(authority, { executorIdentity: EXECUTOR, currentTime: "yesterday" })
        .reasons,
    ).toEqual(["currentTime is not an ISO-8601 UTC timestamp"]);
    expect(verifyExecutionAuthority(authority, { currentTime: ISSUED } as never).reasons).toEqual([
      "executorIdentity of the presenting executor is missing",
    ]);
  });
});

describe("hashExecutionAuthority", () => {
  const authority = createExecutionAuthority(input());

  it("equals authorityHash for an intact authority, with or without the hash member", () => {
    const { authorityHash, ...rest } = authority;
    expect(hashExecutionAuthority(rest)).toBe(authorityHash);
    expect(hashExecutionAuthority(authority)).toBe(authorityHash);
  });

  it("differs from a plain canonical hash of the same fields (domain separated)", () => {
    const { authorityHash: _ignored, ...rest } = authority;
    expect(hashExecutionAuthority(rest)).not.toBe(canonicalHash(rest));
  });

  it.each([
    ["null", null],
    ["missing executionId", { ...authority, executionId: undefined }],
    ["malformed nonce", { ...authority, nonce: "abc" }],
    ["malformed expiresAt", { ...authority, expiresAt: "soon" }],
    ["lone surrogate", { ...authority, authorizedAction: "\udc00" }],
  ])("refuses %s with PROV-023", (_name, value) => {
    expectParmanaError(
      () => hashExecutionAuthority(value as never),
      "PROV-023",
      ProvenanceError,
      /hashExecutionAuthority: /,
    );
  });
});
