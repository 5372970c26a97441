import { afterEach, beforeAll, expect, it } from "vitest";
import {
  attestationSigningInput,
  canonicalize,
  computeExecutionHashes,
  ParmanaError,
  type ExecutionAttestation,
} from "@parmanasystems/core";
import { claimSignals, claimsIssuer } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const METACHARACTERS = [
  "'; DROP TABLE audit_decisions; --",
  '" OR "1"="1',
  "\\'; SELECT pg_sleep(10); --",
  "$1 $$ $tag$ ::jsonb ->> '{}'",
  "/* */ UNION SELECT * FROM pg_shadow --",
  "line\nbreak\r\ttab",
  "ünïcødé ✓ 𝄞",
];

const issuer = claimsIssuer();
let base: ExecutionAttestation;
beforeAll(async () => {
  base = (await issuer.decide("hostile-base", claimSignals(11))).attestation;
});

/** Re-signs an edited attestation, so only the hostile strings differ from a genuine one. */
function resign(fields: Partial<ExecutionAttestation>): ExecutionAttestation {
  const { signature: _old, ...payload } = { ...base, ...fields };
  return {
    ...payload,
    signature: issuer.signer.sign(attestationSigningInput(payload)),
  } as ExecutionAttestation;
}

forEachEngine("hostile inputs", (engine) => {
  let opened: OpenedDb;
  afterEach(async () => {
    await opened?.dispose();
  });

  it("stores SQL metacharacters in every free string field and signal name as data, byte for byte", async () => {
    opened = await engine.open();
    for (const [i, text] of METACHARACTERS.entries()) {
      const signals = { [`s${i}_${text}`]: text, [text]: i, amount: 1 };
      const hashes = computeExecutionHashes(base.policyId, base.policyVersion, signals);
      const attestation = resign({
        executionId: `${text}#${i}`,
        decision: { action: text, requires_override: false, reason: text },
        signerKeyId: text,
        trustRootVersion: text,
        manifestSignature: text,
        signalsHash: hashes.signalsHash,
        execution_fingerprint: hashes.execution_fingerprint,
      });
      expect((await opened.db.recordDecision(attestation, { signals })).status).toBe("recorded");
      const row = await opened.db.getDecisionById(attestation.executionId);
      expect(canonicalize(row!.attestation)).toBe(canonicalize(attestation));
      expect(row!.signals).toEqual(signals);
      expect(row!.decision).toBe(text);
      const page = await opened.db.queryDecisions({ decision: text });
      expect(page.rows.map((r) => r.execution_id)).toEqual([attestation.executionId]);
      const timeline = await opened.db.getDecisionTimeline(10, { decision: text });
      expect(timeline).toHaveLength(1);
    }
    const report = await opened.db.verifyAll({ verifier: issuer.verifier });
    expect(report).toMatchObject({ checked: METACHARACTERS.length, invalid: 0 });
  });

  it("refuses NUL characters, huge records and wrong types with coded errors and writes nothing", async () => {
    opened = await engine.open();
    const huge = "x".repeat(1_100_000);
    const cases: [unknown, unknown, string][] = [
      [resign({ executionId: "nul\u0000id" }), undefined, "STORE-055"],
      [
        resign({ decision: { action: "a\u0000", requires_override: false, reason: "r" } }),
        undefined,
        "STORE-055",
      ],
      [resign({ manifestSignature: huge }), undefined, "STORE-055"],
      [base, { claim_amount: "\u0000" }, "STORE-053"],
      [{ ...base, executionId: 42 }, undefined, "STORE-052"],
      [
        { ...base, decision: { action: ["reject"], requires_override: false, reason: "" } },
        undefined,
        "STORE-052",
      ],
      [{ ...base, signature: null }, undefined, "STORE-052"],
      [{ ...base, issuedAt: "2026-13-45T99:99:99Z" }, undefined, "STORE-052"],
      [{ ...base, executionId: "a\uD800" }, undefined, "STORE-052"],
      [{ ...base, provenance: { toJSON: () => 1 } }, undefined, "STORE-052"],
      [base, "signals", "STORE-053"],
      [base, { claim_amount: 10n }, "STORE-053"],
      [base, { claim_amount: Number.NaN }, "STORE-053"],
    ];
    for (const [attestation, signals, code] of cases) {
      const error = await expectRejectsParmanaError(
        opened.db.recordDecision(
          attestation as never,
          signals === undefined ? {} : { signals: signals as never },
        ),
        code,
      );
      expect(error.message).toMatch(/nothing was written/);
    }
    await expectRejectsParmanaError(
      opened.db.recordDecision(base, { signal: {} } as never),
      "STORE-054",
    );
    await expectRejectsParmanaError(opened.db.recordDecisions("x" as never), "STORE-054");
    await expectRejectsParmanaError(
      opened.db.recordDecisions([{ attestation: base, extra: 1 }] as never),
      "STORE-054",
    );
    const nulSignals = { ...claimSignals(11), ["bad\u0000name"]: 1 };
    await expectRejectsParmanaError(
      opened.db.recordDecision(base, { signals: nulSignals }),
      "STORE-053",
    );
    expect((await opened.db.getStats()).total_decisions).toBe("0");
  });

  it("a getter that throws or a proxy never escapes as a TypeError", async () => {
    opened = await engine.open();
    const trap = new Proxy(
      { ...base },
      {
        ownKeys: () => {
          throw new Error("trap");
        },
      },
    );
    const getter = Object.defineProperty({ ...base }, "policyId", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    for (const hostile of [trap, getter]) {
      const error = await expectRejectsParmanaError(
        opened.db.recordDecision(hostile as never),
        "STORE-052",
      );
      expect(ParmanaError.isInstance(error)).toBe(true);
    }
    expect((await opened.db.getStats()).total_decisions).toBe("0");
  });
});
