import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built core the `parmana` binary runs on; attestations for tests come from the same build. */
const CORE_DIST = new URL("../../../core/dist/index.js", import.meta.url).href;

/** Options of {@link makeAttestations}. */
export interface MakeAttestationsOptions {
  readonly cwd: string;
  /** Private key PEM file, relative to cwd. */
  readonly keyPath: string;
  /** Policy version folder, relative to cwd. */
  readonly policyDir: string;
  readonly count: number;
  /** Write one pretty file per attestation into this folder (relative to cwd)... */
  readonly outDir?: string;
  /** ...and/or all of them as NDJSON into this file. */
  readonly ndjsonPath?: string;
  /** signerKeyId to write, when not the derived one. */
  readonly keyId?: string;
}

/**
 * Makes many signed attestations quickly, in one child process running the BUILT core (the
 * same code, hence the same runtime identity, that the spawned `parmana` binary verifies with).
 * Spawning `parmana execute` 200 times would take a minute. Attestation i decides
 * `{ credit_score: 500 + i, loan_amount: 1000 }` with executionId `app-i`.
 *
 * @param options - key, policy, how many and where
 */
export function makeAttestations(options: MakeAttestationsOptions): void {
  const script = `
    import { executeFromSignals, LocalSigner, LocalVerifier, MemoryReplayStore, MemoryPolicyRegistry, compilePolicy } from ${JSON.stringify(CORE_DIST)};
    import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
    import { join } from "node:path";
    const o = JSON.parse(process.argv[1]);
    const signer = new LocalSigner(readFileSync(o.keyPath, "utf8"), o.keyId === undefined ? {} : { keyId: o.keyId });
    const verifier = new LocalVerifier(signer.publicKeyPem);
    const compiled = compilePolicy(o.policyDir);
    if (!compiled.valid) throw new Error(JSON.stringify(compiled.errors));
    const policies = new MemoryPolicyRegistry([compiled.policy]);
    const replayStore = new MemoryReplayStore({ warnInProduction: false });
    const lines = [];
    if (o.outDir !== undefined) mkdirSync(o.outDir, { recursive: true });
    for (let i = 0; i < o.count; i++) {
      const input = { executionId: "app-" + i, policyId: compiled.policy.policyId, policyVersion: compiled.policy.policyVersion, signals: { credit_score: 500 + i, loan_amount: 1000 } };
      const attestation = await executeFromSignals(input, signer, verifier, { replayStore, policies, signerKeyId: signer.keyId });
      lines.push(JSON.stringify(attestation));
      if (o.outDir !== undefined) writeFileSync(join(o.outDir, "attestation-" + String(i).padStart(4, "0") + ".json"), JSON.stringify(attestation, null, 2));
    }
    if (o.ndjsonPath !== undefined) writeFileSync(o.ndjsonPath, lines.join("\\n") + "\\n");
  `;
  const result = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", script, JSON.stringify(options)],
    {
      cwd: options.cwd,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`makeAttestations failed: ${result.stderr}`);
}

/** Path of the built core, for messages. */
export const CORE_DIST_PATH: string = fileURLToPath(CORE_DIST);
