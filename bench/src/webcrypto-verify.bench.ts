// @parmanasystems/verify (WebCrypto, async) against core's verifyAttestation (node:crypto, sync)
// in the same Node process: 1,000 stored attestations verified per batch, the WebCrypto ones
// with Promise.all, the core ones in a loop; batches alternate and the ratio is of median batch
// times. Aim: WebCrypto <= 1.5x core. With Debian's chromium installed, the same batch is timed in
// Chromium too (reported against the Node core figure, for information).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  getRuntimeIdentity,
  LocalVerifier,
  verifyAttestation as coreVerifyAttestation,
} from "@parmanasystems/core";
import { importPublicKey, verifyAttestation } from "@parmanasystems/verify";
import { median } from "./lib/compare.js";
import { asStored, loanBench } from "./lib/loan-bench.js";
import { LOAN_SIGNALS } from "./lib/loan-signals.js";
import { recordRatio, recordTable } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

const AIM = 1.5;
// A smoke run: one batch of 50, in Node and (when installed) in Chromium.
const COUNT = SMOKE ? 50 : 1000;
const ROUNDS = SMOKE ? 1 : 11;

async function makeAttestations(): Promise<{
  stored: Record<string, unknown>[];
  publicKeyPem: string;
}> {
  const bench = loanBench();
  const stored: Record<string, unknown>[] = [];
  for (let index = 0; index < COUNT; index++) {
    const attestation = await bench.decide(`loan-app-${index}`, {
      ...LOAN_SIGNALS,
      credit_score: 600 + (index % 200),
    });
    stored.push(asStored(attestation));
  }
  return { stored, publicKeyPem: bench.keys.publicKeyPem };
}

/** Times batches of COUNT attestations in Chromium, if Debian's chromium and playwright-core are installed. */
async function chromiumBatchMs(
  stored: unknown[],
  publicKeyPem: string,
  runtime: unknown,
): Promise<number | undefined> {
  const chromiumPath = "/usr/bin/chromium";
  const dist = new URL("../../packages/verify/dist/index.js", import.meta.url);
  if (!existsSync(chromiumPath) || !existsSync(dist)) return undefined;
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    return undefined;
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    // A file:// page is a secure context, as the offline verification page is.
    const dir = mkdtempSync(join(tmpdir(), "parmana-bench-"));
    writeFileSync(join(dir, "bench.html"), "<!doctype html><title>bench</title>");
    await page.goto(pathToFileURL(join(dir, "bench.html")).href);
    rmSync(dir, { recursive: true, force: true });
    // Source text (not a function) so the transpiler adds nothing the page lacks.
    const times = (await page.evaluate(`(async () => {
      const verify = await import(URL.createObjectURL(new Blob([${JSON.stringify(readFileSync(dist, "utf8"))}], { type: "text/javascript" })));
      const stored = ${JSON.stringify(stored)};
      const options = { trustedRuntimes: [${JSON.stringify(runtime)}] };
      const key = await verify.importPublicKey(${JSON.stringify(publicKeyPem)});
      const times = [];
      for (let round = 0; round < ${ROUNDS}; round++) {
        const start = performance.now();
        const results = await Promise.all(stored.map((item) => verify.verifyAttestation(item, key, options)));
        times.push(performance.now() - start);
        if (!results.every((result) => result.valid)) throw new Error("an attestation did not verify in Chromium");
      }
      return times;
    })()`)) as number[];
    return median(times);
  } finally {
    await browser.close();
  }
}

/** Runs the comparison and prints the figures and ratio. */
export async function runBench(): Promise<void> {
  const { stored, publicKeyPem } = await makeAttestations();
  const verifier = new LocalVerifier(publicKeyPem);
  const key = await importPublicKey(publicKeyPem);
  const runtime = getRuntimeIdentity();
  // verify trusts released runtimes by default; this development build is named explicitly.
  const trust = {
    trustedRuntimes: [{ runtimeVersion: runtime.runtimeVersion, runtimeHash: runtime.runtimeHash }],
  };

  const coreTimes: number[] = [];
  const webTimes: number[] = [];
  // Core on its hot path: no options (it trusts its own running runtime, which signed).
  const coreBatch = (): void => {
    for (const item of stored)
      if (!coreVerifyAttestation(item, verifier).valid) throw new Error("core refused");
  };
  const webBatch = async (): Promise<void> => {
    const results = await Promise.all(stored.map((item) => verifyAttestation(item, key, trust)));
    if (!results.every((result) => result.valid)) throw new Error("verify refused");
  };
  coreBatch();
  await webBatch(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["core", "web"] : ["web", "core"];
    for (const which of order) {
      const start = performance.now();
      if (which === "core") coreBatch();
      else await webBatch();
      (which === "core" ? coreTimes : webTimes).push(performance.now() - start);
    }
  }
  const core = median(coreTimes);
  const web = median(webTimes);
  const title = `${COUNT.toLocaleString("en-US")} attestations per batch, median of ${ROUNDS} batches`;
  console.log(title);
  console.log(
    `  core verifyAttestation (node:crypto, sync loop)      ${core.toFixed(1)} ms  (${((core * 1000) / COUNT).toFixed(1)} µs each)`,
  );
  console.log(
    `  @parmanasystems/verify (WebCrypto, Promise.all)      ${web.toFixed(1)} ms  (${((web * 1000) / COUNT).toFixed(1)} µs each)`,
  );
  const ratio = web / core;
  const rows: Record<string, string>[] = [
    { case: "core verifyAttestation (node:crypto, sync loop)", "ms per batch": core.toFixed(1) },
    { case: "@parmanasystems/verify (WebCrypto, Promise.all)", "ms per batch": web.toFixed(1) },
  ];
  const webRatios = webTimes.map((value, round) => value / (coreTimes[round] as number));
  recordRatio({
    label: "@parmanasystems/verify (WebCrypto) / core verifyAttestation",
    basis: "time",
    median: ratio,
    min: Math.min(...webRatios),
    max: Math.max(...webRatios),
    aim: { op: "<=", value: AIM },
    note: "ratio of median batch times; min and max are per-round ratios",
  });
  console.log(
    `ratio WebCrypto / core time = ${ratio.toFixed(3)} (aim: <= ${AIM}) ${ratio <= AIM ? "MET" : "NOT MET"}`,
  );
  const chromium = await chromiumBatchMs(stored, publicKeyPem, trust.trustedRuntimes[0]);
  if (chromium === undefined)
    console.log("  Chromium: not measured (no /usr/bin/chromium, playwright-core or verify build)");
  else {
    console.log(
      `  Chromium (WebCrypto, Promise.all)                   ${chromium.toFixed(1)} ms; ratio Chromium / core in Node = ${(chromium / core).toFixed(3)}`,
    );
    rows.push({ case: "Chromium (WebCrypto, Promise.all)", "ms per batch": chromium.toFixed(1) });
    recordRatio({
      label: "Chromium / core verifyAttestation in Node",
      basis: "time",
      median: chromium / core,
    });
  }
  recordTable(title, rows);
}
