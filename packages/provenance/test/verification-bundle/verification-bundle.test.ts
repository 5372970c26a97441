import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProvenanceError, canonicalize } from "@parmanasystems/core";
import {
  accountAggregatorProvenance,
  buildAuditTimeline,
  buildProvenanceAttestationSummary,
  checkVerificationBundle,
  createExecutionReceipt,
  createVerificationBundle,
  hashVerificationBundle,
  reconcileExecution,
  verifyVerificationBundle,
  withProvenance,
} from "@parmanasystems/provenance";
import type { VerificationBundle } from "@parmanasystems/provenance";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";
import { copy, type Tamperable } from "../helpers/lifecycle-fixtures.js";
import {
  ATTESTATION_HASH,
  T0,
  T2,
  authorizedExecution,
  receiptInput,
} from "../helpers/execution-fixtures.js";

const provenance = buildProvenanceAttestationSummary({
  monthly_income: withProvenance(
    82000,
    accountAggregatorProvenance({ consentId: "c", fiuId: "f", fetchedAt: T0, rawData: "raw" }),
  ),
});
const receipt = createExecutionReceipt(receiptInput());
const reconciliation = reconcileExecution(authorizedExecution(), receipt);
const auditTimeline = buildAuditTimeline({ executionReceipt: receipt, reconciliation });

function fullBundle(): VerificationBundle {
  return createVerificationBundle({
    executionId: "loan-42",
    attestationHash: ATTESTATION_HASH,
    provenance,
    executionReceipt: receipt,
    reconciliation,
    auditTimeline,
    generatedAt: T2,
  });
}

/** Re-seals a tampered bundle so that only the internal consistency checks can catch it. */
function reseal(bundle: VerificationBundle): VerificationBundle {
  return { ...bundle, bundleHash: hashVerificationBundle(bundle) };
}

describe("createVerificationBundle", () => {
  it("packs the records with a hash over everything else", () => {
    const bundle = fullBundle();
    expect(bundle.schemaVersion).toBe("1.0.0");
    expect(bundle.generatedAt).toBe(T2);
    expect(bundle.executionReceipt).toEqual(receipt);
    expect(bundle.reconciliation).toEqual(reconciliation);
    expect(bundle.auditTimeline).toEqual(auditTimeline);
    expect(bundle.provenance).toEqual(provenance);
    const { bundleHash, ...content } = bundle;
    expect(bundleHash).toBe(
      `sha256:${createHash("sha256").update(canonicalize(content)).digest("hex")}`,
    );
    expect(hashVerificationBundle(bundle)).toBe(bundleHash);
    expect(verifyVerificationBundle(bundle)).toBe(true);
    expect(checkVerificationBundle(bundle)).toEqual({ valid: true, errors: [] });
  });

  it("is deterministic with an explicit generatedAt, and reads the injected clock otherwise", () => {
    expect(fullBundle()).toEqual(fullBundle());
    const minimal = createVerificationBundle(
      { executionId: "loan-42", attestationHash: ATTESTATION_HASH },
      { clock: () => new Date(T0) },
    );
    expect(minimal).toEqual({
      schemaVersion: "1.0.0",
      generatedAt: T0,
      executionId: "loan-42",
      attestationHash: ATTESTATION_HASH,
      bundleHash: hashVerificationBundle({
        schemaVersion: "1.0.0",
        generatedAt: T0,
        executionId: "loan-42",
        attestationHash: ATTESTATION_HASH,
      }),
    });
    expect(verifyVerificationBundle(minimal)).toBe(true);
  });

  it("refuses records of another execution or that disagree with each other (PROV-015)", () => {
    const base = { executionId: "loan-42", attestationHash: ATTESTATION_HASH, generatedAt: T2 };
    expectParmanaError(
      () =>
        createVerificationBundle({ ...base, executionId: "loan-43", executionReceipt: receipt }),
      "PROV-015",
      ProvenanceError,
      /executionReceipt.executionId belongs to another execution/,
    );
    expectParmanaError(
      () => createVerificationBundle({ ...base, attestationHash: "sha256:other", reconciliation }),
      "PROV-015",
      ProvenanceError,
    );
    const otherReceipt = createExecutionReceipt(receiptInput({ outcome: "partial" }));
    expectParmanaError(
      () => createVerificationBundle({ ...base, executionReceipt: otherReceipt, reconciliation }),
      "PROV-015",
      ProvenanceError,
      /is not the bundle's executionReceipt/,
    );
    expectParmanaError(
      () =>
        createVerificationBundle({
          ...base,
          reconciliation: { ...reconciliation, reconciliationHash: `sha256:${"0".repeat(64)}` },
        }),
      "PROV-015",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        createVerificationBundle({
          ...base,
          auditTimeline: { ...auditTimeline, timelineHash: `sha256:${"0".repeat(64)}` },
        }),
      "PROV-015",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        createVerificationBundle({ ...base, provenance: { ...provenance, verifiedSignals: 5 } }),
      "PROV-015",
      ProvenanceError,
    );
  });

  it("refuses malformed input", () => {
    expectParmanaError(() => createVerificationBundle(null as never), "PROV-015", ProvenanceError);
    expectParmanaError(
      () => createVerificationBundle({ executionId: "", attestationHash: ATTESTATION_HASH }),
      "PROV-015",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        createVerificationBundle({
          executionId: "x",
          attestationHash: ATTESTATION_HASH,
          generatedAt: "today",
        }),
      "PROV-015",
      ProvenanceError,
    );
    expectParmanaError(
      () =>
        createVerificationBundle(
          { executionId: "x", attestationHash: ATTESTATION_HASH },
          { clock: () => "now" as never },
        ),
      "PROV-016",
      ProvenanceError,
    );
  });
});

describe("verifyVerificationBundle tamper detection", () => {
  const bundle = fullBundle();

  // Every leaf of the bundle, changed one at a time: the bundle hash no longer matches.
  it("fails when any field anywhere changes", () => {
    const paths = leafPaths(bundle).filter((path) => path[0] !== "bundleHash");
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths) {
      const tampered = mutateAt(structuredClone(bundle), path);
      expect(verifyVerificationBundle(tampered), path.join(".")).toBe(false);
    }
  });

  it("fails when a record is changed and the bundle re-sealed (internal hashes catch it)", () => {
    const cases: [string, (b: Tamperable<VerificationBundle>) => void, RegExp][] = [
      [
        "receipt outcome",
        (b) => (b.executionReceipt!.outcome = "failure"),
        /reconciliation.executionReceipt is not the bundle's executionReceipt/,
      ],
      [
        "reconciled receipt",
        (b) => (b.reconciliation!.executionReceipt.executorIdentity = "rogue"),
        /reconciliationHash does not match/,
      ],
      [
        "reconciliation verdict",
        (b) => (b.reconciliation!.authorizedExecution.authorizedAction = "other"),
        /reconciliationHash does not match/,
      ],
      [
        "timeline event",
        (b) => (b.auditTimeline!.events[0]!.summary = "nothing happened"),
        /timelineHash does not match/,
      ],
      ["bundle execution id", (b) => (b.executionId = "loan-43"), /belongs to another execution/],
      [
        "provenance counts",
        (b) => (b.provenance!.verifiedSignals = 0),
        /verifiedSignals \+ unverifiedSignals/,
      ],
      [
        "unknown member",
        (b) => ((b as unknown as Record<string, unknown>)["extra"] = 1),
        /unknown member "extra"/,
      ],
      ["schema version", (b) => (b.schemaVersion = "2.0.0"), /schemaVersion/],
    ];
    for (const [label, change, message] of cases) {
      const tampered = copy(bundle);
      change(tampered);
      const check = checkVerificationBundle(reseal(tampered));
      expect(check.valid, label).toBe(false);
      expect(check.errors.join("\n"), label).toMatch(message);
    }
  });

  it("never throws on hostile bundles", () => {
    const cyclic = structuredClone(bundle) as unknown as Record<string, unknown>;
    cyclic["provenance"] = cyclic;
    const withGetter = Object.defineProperty({ ...bundle }, "executionId", {
      enumerable: true,
      get() {
        throw new TypeError("boom");
      },
    });
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      "bundle",
      [],
      new Map(),
      { ...bundle, bundleHash: 5 },
      { ...bundle, generatedAt: new Date(T2) },
      { ...bundle, executionReceipt: { ...bundle.executionReceipt, executedAt: Number.NaN } },
      cyclic,
      JSON.parse(`{"__proto__": {"valid": true}, "bundleHash": "${bundle.bundleHash}"}`),
      { ...bundle, auditTimeline: { ...bundle.auditTimeline, events: [] } },
    ];
    for (const candidate of hostile) {
      expect(verifyVerificationBundle(candidate as VerificationBundle)).toBe(false);
      expect(
        checkVerificationBundle(candidate as VerificationBundle).errors.length,
      ).toBeGreaterThan(0);
    }
    expect(verifyVerificationBundle(withGetter)).toBe(false);
    expect(checkVerificationBundle(withGetter).errors).toEqual(["unreadable bundle: TypeError"]);
  });
});

type Path = (string | number)[];

function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => leafPaths(item, [...prefix, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, member]) =>
      leafPaths(member, [...prefix, key]),
    );
  }
  return [prefix];
}

function mutateAt<T>(root: T, path: Path): T {
  let cursor = root as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const current = cursor[last];
  cursor[last] =
    typeof current === "string"
      ? `${current}x`
      : typeof current === "number"
        ? current + 1
        : typeof current === "boolean"
          ? !current
          : current === null
            ? "null"
            : 0;
  return root;
}
