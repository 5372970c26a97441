import { describe, expect, it } from "vitest";
import type { AttestationChecker } from "../../src/verify/attestation-checker.js";
import { createProgressBar } from "../../src/verify/progress-bar.js";
import { formatOutcome, formatSummary } from "../../src/verify/format-outcome.js";
import type { VerificationJob, VerificationOutcome } from "../../src/verify/verification.types.js";
import { verifyMany } from "../../src/verify/verify-many.js";
import { styleFor } from "../../src/cli/style.js";
import { memoryIo } from "../helpers/memory-io.js";

// Inputs in batches of two, as stdin delivers them a chunk at a time.
async function* jobsFrom(texts: readonly string[]): AsyncGenerator<VerificationJob[]> {
  const jobs = texts.map((text, index) => ({ source: `in:${index}`, text }));
  for (let start = 0; start < jobs.length; start += 2) yield jobs.slice(start, start + 2);
}

// A checker standing in for verifyAttestation: valid when the record says so.
const checker: AttestationChecker = (attestation) => ({
  valid: attestation.ok === true,
  checks: {
    signature_verified: attestation.ok === true,
    runtime_verified: true,
    schema_compatible: true,
    governed: true,
  },
  errors: attestation.ok === true ? [] : ["[INV-VERIFY-002] nope"],
  warnings: [],
});

describe("verifyMany in-process", () => {
  it("reports every input once, in input order, and classifies read and parse failures", async () => {
    const texts = [
      '{"ok":true,"signature":"s"}',
      "not json",
      '{"ok":false,"signature":"s"}',
      "[1]",
      '{"ok":true}',
      '{"ok":true,"signature":"s","decision":{"action":"approve"}}',
    ];
    const seen: VerificationOutcome[] = [];
    const { usedWorkers } = await verifyMany(jobsFrom(texts), {
      config: { cwd: "." },
      checker,
      workers: 4,
      inProcessThreshold: 100,
      workerUrl: new URL("file:///nonexistent-worker.js"),
      onOutcome: (outcome) => seen.push(outcome),
    });
    expect(usedWorkers).toBe(0);
    expect(
      seen.map((outcome) => [
        outcome.source,
        outcome.status,
        outcome.status === "error" ? outcome.error.code : undefined,
      ]),
    ).toEqual([
      ["in:0", "valid", undefined],
      ["in:1", "error", "CLI-004"],
      ["in:2", "invalid", undefined],
      ["in:3", "error", "CLI-004"],
      ["in:4", "error", "CLI-004"],
      ["in:5", "valid", undefined],
    ]);
    const last = seen[5];
    expect(last?.status === "valid" ? last.identity.action : undefined).toBe("approve");
  });
});

describe("verifyMany without the identity of valid outcomes", () => {
  it("leaves a valid outcome's identity empty and still gives an invalid one's", async () => {
    const texts = [
      '{"ok":true,"signature":"s","executionId":"e-1","decision":{"action":"approve"}}',
      '{"ok":false,"signature":"s","executionId":"e-2","decision":{"action":"reject"}}',
    ];
    const seen: VerificationOutcome[] = [];
    await verifyMany(jobsFrom(texts), {
      config: { cwd: "." },
      checker,
      identityOfValid: false,
      workers: 0,
      inProcessThreshold: 0,
      workerUrl: new URL("file:///nonexistent-worker.js"),
      onOutcome: (outcome) => seen.push(outcome),
    });
    expect(
      seen.map((outcome) => (outcome.status === "error" ? undefined : outcome.identity)),
    ).toEqual([{}, { executionId: "e-2", action: "reject" }]);
  });
});

describe("formatting", () => {
  const style = styleFor(memoryIo(), { write: () => undefined });

  it("prints ✓/✗ per check in a fixed order and the errors", () => {
    const text = formatOutcome(
      {
        source: "a.json",
        status: "invalid",
        result: {
          valid: false,
          checks: {
            governed: true,
            signature_verified: false,
            runtime_verified: true,
            schema_compatible: true,
          },
          errors: ["[X] e"],
          warnings: ["w"],
        },
        identity: { executionId: "e1", policyId: "p", policyVersion: "1.0.0" },
      },
      style,
    );
    expect(text).toBe(
      [
        "✗ INVALID a.json",
        "    ✗ signature_verified",
        "    ✓ runtime_verified",
        "    ✓ schema_compatible",
        "    ✓ governed",
        "    executionId  e1",
        "    policy       p@1.0.0",
        "    action       -",
        "    signerKeyId  -",
        "    issuedAt     -",
        "    error: [X] e",
        "    warning: w",
        "",
      ].join("\n"),
    );
  });

  it("summarises counts, elapsed time and workers", () => {
    expect(formatSummary({ valid: 2, invalid: 1, errors: 1 }, 1234, 0)).toBe(
      "4 attestations: 2 valid, 1 invalid, 1 error (1.23s)\n",
    );
    expect(formatSummary({ valid: 1, invalid: 0, errors: 2 }, 12_345, 2)).toBe(
      "3 attestations: 1 valid, 0 invalid, 2 errors (12.3s, 2 workers)\n",
    );
  });
});

describe("progress bar", () => {
  it("draws on a TTY at most every 100 ms and clears itself", () => {
    let now = 0;
    let written = "";
    const bar = createProgressBar(
      { write: (text: string) => (written += text), isTTY: true, columns: 80 },
      4,
      () => now,
    );
    now = 100;
    bar.tick();
    now = 150;
    bar.tick();
    now = 1000;
    bar.tick();
    bar.done();
    const frames = written.split("\r\u001b[K").filter((frame) => frame !== "");
    expect(frames).toEqual([
      expect.stringMatching(/^\[#{10}-{30}\] 1\/4 25% 10\/s$/),
      expect.stringMatching(/^\[#{30}-{10}\] 3\/4 75% 3\/s$/),
    ]);
    expect(written.endsWith("\r\u001b[K")).toBe(true);
  });

  it("writes nothing when stderr is not a terminal", () => {
    let written = "";
    const bar = createProgressBar({ write: (text: string) => (written += text), isTTY: false }, 2);
    bar.tick();
    bar.done();
    expect(written).toBe("");
  });
});
