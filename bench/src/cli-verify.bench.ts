// `parmana verify attestation` on N attestations (NDJSON on stdin) against core's
// verifyAttestation in this process, in interleaved rounds.
//
// Per-attestation cost of the CLI excludes process start: each round runs the CLI on N
// attestations and on 1, and the difference is divided by N - 1. CPU time is the child's user +
// system time (from /usr/bin/time, which counts every thread: workers included); wall time is
// beside it. The in-process side is JSON.parse + verifyAttestation per line (the CLI reads text
// too), and verifyAttestation alone is shown as well.
// Workers: `--workers 0` verifies in the CLI's own thread (1 is the same path), `--workers 2`
// starts two worker threads; wall time per attestation with 2 workers against 0 is the scaling,
// which is only near 2x when two cores are free.
// A fresh process doing only JSON.parse + verifyAttestation per line of the same stdin (a script
// on the same built core, timed like the CLI, N - 1 the same way) is shown as well: it pays what
// any new Node process pays that this warm process does not (compiling the hot code on the way),
// so CLI / fresh process is the CLI's own overhead.
// The CLI's steady-state cost is shown too (unjudged): a run on 2N attestations against one on N,
// the difference divided by N, which leaves out most of the new process's compiling as well.
// Aims: CLI per-attestation CPU <= 1.1x in-process verification; near-linear --workers scaling.
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import {
  executeFromSignals,
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  verifyAttestation,
  type PolicyDocument,
} from "@parmanasystems/core";
import { median } from "./lib/compare.js";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";
import { printTable, recordRatio, skipOrFail } from "./lib/report.js";

const SMOKE = process.env["BENCH_SMOKE"] === "1";
const COUNT = SMOKE ? 40 : Number(process.env["CLI_BENCH_ATTESTATIONS"] ?? 3000);
const ROUNDS = SMOKE ? 1 : 5;
const AIM = 1.1;
// CLI_BENCH_BIN times another build of the CLI (another checkout's dist/bin.js, for a before/after).
const CLI_BIN =
  process.env["CLI_BENCH_BIN"] ??
  fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));
const CORE_DIST = new URL("../../packages/core/dist/index.js", import.meta.url).href;
/** The fresh-process baseline: every stdin line parsed and verified, nothing else. */
const PLAIN_SCRIPT = `
import { readFileSync } from "node:fs";
import { LocalVerifier, verifyAttestation } from ${JSON.stringify(CORE_DIST)};
const verifier = new LocalVerifier(readFileSync(process.argv[2], "utf8"));
for (const line of readFileSync(0, "utf8").split("\\n")) {
  if (line !== "" && !verifyAttestation(JSON.parse(line), verifier).valid) process.exit(1);
}
`;
const TIME = "/usr/bin/time";

interface Run {
  readonly wallMicros: number;
  readonly cpuMicros: number;
}

/** Runs the comparison and prints per-attestation costs, ratios and the worker scaling. */
export async function runBench(): Promise<void> {
  if (!existsSync(CLI_BIN)) {
    skipOrFail(`${CLI_BIN} is missing (run pnpm build first)`);
    return;
  }
  if (!existsSync(TIME)) {
    skipOrFail(`${TIME} is missing (it measures the CLI's CPU time)`);
    return;
  }
  const policy = JSON.parse(
    readFileSync(new URL("../fixtures/loan-approval-policy.json", import.meta.url), "utf8"),
  ) as PolicyDocument;
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  const signer = new LocalSigner(privateKeyPem);
  const verifier = new LocalVerifier(publicKeyPem);
  const options = {
    replayStore: new MemoryReplayStore({ maxSize: 10_000_000, warnInProduction: false }),
    policies: new MemoryPolicyRegistry([policy]),
  };
  const lines: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const attestation = await executeFromSignals(
      {
        executionId: `cli-bench-${i}`,
        policyId: policy.policyId,
        policyVersion: policy.policyVersion,
        signals: LOAN_SIGNALS,
      },
      signer,
      verifier,
      options,
    );
    lines.push(JSON.stringify(attestation));
  }
  const dir = mkdtempSync(join(tmpdir(), "parmana-cli-bench-"));
  try {
    const keyFile = join(dir, "public.pem");
    const manyFile = join(dir, "many.ndjson");
    const oneFile = join(dir, "one.ndjson");
    const twiceFile = join(dir, "twice.ndjson");
    const plainFile = join(dir, "plain-verify.mjs");
    writeFileSync(plainFile, PLAIN_SCRIPT);
    writeFileSync(keyFile, publicKeyPem);
    writeFileSync(manyFile, `${lines.join("\n")}\n`);
    writeFileSync(oneFile, `${lines[0]}\n`);
    // The same attestations twice: a verifier keeps no memory of what it saw, so the second half
    // costs what any further attestations would.
    writeFileSync(twiceFile, `${lines.join("\n")}\n${lines.join("\n")}\n`);

    // The same checks in this process: every line parsed and verified.
    const parsed = lines.map((line) => JSON.parse(line) as unknown);
    const inProcess = (withParse: boolean): Run => {
      const cpuStart = process.cpuUsage();
      const wallStart = process.hrtime.bigint();
      for (let i = 0; i < lines.length; i++) {
        const record = withParse ? (JSON.parse(lines[i] as string) as unknown) : parsed[i];
        if (!verifyAttestation(record, verifier).valid) throw new Error("in-process: invalid");
      }
      const cpu = process.cpuUsage(cpuStart);
      return {
        wallMicros: Number(process.hrtime.bigint() - wallStart) / 1000 / lines.length,
        cpuMicros: (cpu.user + cpu.system) / lines.length,
      };
    };
    const cliArgs = (workers: number): string[] => [
      CLI_BIN,
      ...["verify", "attestation", "--key", keyFile, "--quiet", "--workers", String(workers)],
    ];
    /** The CLI's cost per attestation once warm: a run on 2N against a run on N. */
    const cliSteady = (): Run => {
      const twice = timeNode(twiceFile, cliArgs(0));
      const many = timeNode(manyFile, cliArgs(0));
      return {
        wallMicros: (twice.wallMicros - many.wallMicros) / COUNT,
        cpuMicros: (twice.cpuMicros - many.cpuMicros) / COUNT,
      };
    };
    const cli = (workers: number | "plain"): Run => {
      const args = (): string[] => (workers === "plain" ? [plainFile, keyFile] : cliArgs(workers));
      const many = timeNode(manyFile, args());
      const one = timeNode(oneFile, args());
      return {
        wallMicros: (many.wallMicros - one.wallMicros) / (COUNT - 1),
        cpuMicros: (many.cpuMicros - one.cpuMicros) / (COUNT - 1),
      };
    };
    inProcess(true); // warm-up
    timeNode(oneFile, [CLI_BIN, "verify", "attestation", "--key", keyFile, "--workers", "0"]);

    const sides = [
      "in-process parse + verify",
      "in-process verify",
      "CLI --workers 0",
      "CLI --workers 2",
      "fresh process parse + verify",
      "CLI --workers 0, steady state (2N - N)",
    ];
    const runs: Run[][] = sides.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < sides.length; step++) {
        const index = (round + step) % sides.length;
        const run =
          index === 0
            ? inProcess(true)
            : index === 1
              ? inProcess(false)
              : index === 5
                ? cliSteady()
                : cli(index === 2 ? 0 : index === 3 ? 2 : "plain");
        (runs[index] as Run[]).push(run);
      }
    }
    printTable(
      `parmana verify attestation, ${COUNT} attestations on stdin (NDJSON), ${ROUNDS} interleaved rounds; per attestation, process start excluded`,
      sides.map((side, index) => ({
        case: side,
        "CPU µs/attestation": median((runs[index] as Run[]).map((run) => run.cpuMicros)).toFixed(1),
        "wall µs/attestation": median((runs[index] as Run[]).map((run) => run.wallMicros)).toFixed(
          1,
        ),
      })),
    );
    const ratio = (a: number, b: number, kind: keyof Run, aim?: number) => {
      const perRound = (runs[a] as Run[]).map(
        (run, round) => run[kind] / ((runs[b] as Run[])[round] as Run)[kind],
      );
      recordRatio({
        label: `${sides[a]} / ${sides[b]}`,
        basis: kind === "cpuMicros" ? "cpu" : "wall",
        median: median(perRound),
        min: Math.min(...perRound),
        max: Math.max(...perRound),
        ...(aim === undefined ? {} : { aim: { op: "<=", value: aim } }),
      });
      return `${median(perRound).toFixed(3)} (per round ${Math.min(...perRound).toFixed(3)}–${Math.max(...perRound).toFixed(3)})`;
    };
    const cpuRatio = median(
      (runs[2] as Run[]).map(
        (run, round) => run.cpuMicros / ((runs[0] as Run[])[round] as Run).cpuMicros,
      ),
    );
    console.log(
      `ratio CLI --workers 0 / in-process parse + verify = ${ratio(2, 0, "cpuMicros", AIM)} CPU; wall ${ratio(2, 0, "wallMicros")}; aim <= ${AIM} ${cpuRatio <= AIM ? "MET" : "NOT MET"}`,
    );
    console.log(
      `ratio CLI --workers 0 / in-process verify alone = ${ratio(2, 1, "cpuMicros")} CPU`,
    );
    console.log(
      `ratio CLI --workers 0 / fresh process parse + verify = ${ratio(2, 4, "cpuMicros")} CPU; wall ${ratio(2, 4, "wallMicros")} (the CLI's own overhead: both pay a new process's warm-up)`,
    );
    console.log(
      `ratio fresh process parse + verify / in-process parse + verify = ${ratio(4, 0, "cpuMicros")} CPU (what a new Node process pays that this warm one does not)`,
    );
    console.log(
      `ratio CLI --workers 0 steady state / in-process parse + verify = ${ratio(5, 0, "cpuMicros")} CPU; wall ${ratio(5, 0, "wallMicros")} (attestations N+1 to 2N of one run: the CLI once its code is compiled)`,
    );
    console.log(
      `ratio CLI --workers 2 / --workers 0 = ${ratio(3, 2, "cpuMicros")} CPU; wall ${ratio(3, 2, "wallMicros")} (2 workers scale linearly at wall 0.5, when 2 cores are free)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One Node run (the CLI or the plain script) on an NDJSON file as stdin; wall and CPU time. */
function timeNode(input: string, args: readonly string[]): Run {
  const stdin = openSync(input, "r");
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(TIME, ["-f", "%U %S", process.execPath, ...args], {
      stdio: [stdin, "ignore", "pipe"],
      encoding: "utf8",
    });
    const wallMicros = Number(process.hrtime.bigint() - started) / 1000;
    if (result.status !== 0) {
      throw new Error(`${args[0]} exited ${result.status}: ${result.stderr.slice(-2000)}`);
    }
    const times = result.stderr.trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
    const [user, system] = times;
    if (user === undefined || system === undefined || Number.isNaN(user + system)) {
      throw new Error(`no CPU time in the CLI's stderr: ${result.stderr.slice(-500)}`);
    }
    return { wallMicros, cpuMicros: (user + system) * 1e6 };
  } finally {
    closeSync(stdin);
  }
}
