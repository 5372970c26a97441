// Transparency log: (1) inclusion-proof verification at 1,000,000 leaves against its floor, the
// same 20 raw SHA-256 node hashes; verifyInclusion (checkpoint signature + canonical leaf + proof)
// against a raw Ed25519 verify plus those hashes. (2) Proof serving from Postgres at a large log:
// AuditLog.getInclusionProof p50/p95 against one raw pg round trip reading the same node rows
// (the raw side is handed the proof's plan; the log finds the leaf, the size and the nodes in one
// query of its own).
//
// Scaled to the machine: the 1,000,000-leaf proof of (1) comes from a hash source that derives
// each complete subtree's hash from its position (verification cost depends only on the path
// length, 20 hashes, so the figure is that of a real 1,000,000-leaf log); (2) fills the log tables
// of a scratch schema directly in SQL (PARMANA_BENCH_LOG_LEAVES leaves, default 1,000,000) instead
// of recording a million signed decisions, which would take the shared machine tens of minutes.
// (2) needs Postgres at DATABASE_URL and is skipped, saying so, without it.
import { createHash, sign as rawSign, verify as rawVerify } from "node:crypto";
import pg from "pg";
import {
  LocalSigner,
  assembleMerkleProof,
  canonicalize,
  createNoteSigner,
  encodeBase64,
  generateKeyPair,
  hashMerkleLeaf,
  planInclusionProof,
  rootFromInclusionProof,
  signCheckpoint,
  verifyInclusion,
  verifyInclusionProof,
  type MerkleNodeId,
} from "@parmanasystems/core";
import { AuditDb, AuditLog } from "@parmanasystems/audit-db";
import { measure, printResults, resultOf, typicalMicros } from "./lib/compare.js";
import { printTable, recordFigure, recordRatio, skipOrFail } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

const LEAVES = 1_000_000;
const DATABASE_URL = process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
// A smoke run serves a few proofs from a 1,000-leaf log (the verification part stays at 1,000,000
// leaves: its proof is synthetic and costs no more to build).
const SERVED_LEAVES = SMOKE ? 1000 : Number(process.env["PARMANA_BENCH_LOG_LEAVES"] ?? 1_000_000);
const PROOFS_SERVED = SMOKE ? 40 : 2000;
const PROOFS_WARMUP = SMOKE ? 10 : 200;

function syntheticNode({ level, index }: MerkleNodeId): Uint8Array {
  return createHash("sha256").update(`node ${level} ${index}`).digest();
}

/** Runs both parts and prints their tables and ratios. */
export async function runBench(): Promise<void> {
  await verificationBench();
  await servingBench();
}

async function verificationBench(): Promise<void> {
  const attestation = {
    executionId: "claim-CLM-2024-00441",
    decision: { action: "approve" },
    signature: "x".repeat(88),
  };
  const leafBytes = canonicalize(attestation);
  const leaf = hashMerkleLeaf(leafBytes);
  const index = 765_432;
  const plan = planInclusionProof(index, LEAVES);
  const proof = assembleMerkleProof(plan, plan.nodes.map(syntheticNode));
  const root = rootFromInclusionProof(index, LEAVES, leaf, proof);
  if (root === undefined || proof.length !== 20) throw new Error("bad synthetic proof");

  const logKey = generateKeyPair();
  const origin = "bench.example.com/log";
  const note = await signCheckpoint(
    { origin, treeSize: LEAVES, rootHash: root },
    createNoteSigner(origin, new LocalSigner(logKey.privateKeyPem), logKey.publicKeyPem),
  );
  const proofJson = { leafIndex: index, treeSize: LEAVES, hashes: proof.map(encodeBase64) };
  if (!verifyInclusion(attestation, proofJson, note, logKey.publicKey).valid)
    throw new Error("verifyInclusion failed");
  const text = Buffer.from(note.slice(0, note.indexOf("\n\n") + 1), "utf8");
  const rawSignature = rawSign(null, text, logKey.privateKey);

  // The floor: the 20 node hashes of the path, with node:crypto directly.
  const rawPath = (): Buffer => {
    let r: Buffer = createHash("sha256").update(Uint8Array.of(0)).update(leafBytes).digest();
    let fn = index;
    for (const p of proof) {
      r =
        fn % 2 === 1
          ? createHash("sha256").update(Uint8Array.of(1)).update(p).update(r).digest()
          : createHash("sha256").update(Uint8Array.of(1)).update(r).update(p).digest();
      fn = Math.floor(fn / 2);
    }
    return r;
  };
  const results = measure([
    {
      name: "verifyInclusionProof (20 hashes)",
      fn: () => verifyInclusionProof(index, LEAVES, leaf, proof, root),
    },
    { name: "raw path hashes", fn: rawPath },
    {
      name: "verifyInclusion (checkpoint + leaf + proof)",
      fn: () => verifyInclusion(attestation, proofJson, note, logKey.publicKey),
    },
    {
      name: "raw Ed25519 verify + path hashes",
      fn: () => rawVerify(null, text, logKey.publicKey, rawSignature) && rawPath(),
    },
  ]);
  printResults(`Inclusion proof verification at ${LEAVES.toLocaleString("en-US")} leaves`, results);
  const primitive = resultOf(results, "verifyInclusionProof (20 hashes)");
  const full = resultOf(results, "verifyInclusion (checkpoint + leaf + proof)");
  const ratio1 = typicalMicros(primitive) / typicalMicros(resultOf(results, "raw path hashes"));
  const ratio2 =
    typicalMicros(full) / typicalMicros(resultOf(results, "raw Ed25519 verify + path hashes"));
  console.log(`ratio verifyInclusionProof / raw path hashes time = ${ratio1.toFixed(3)}`);
  recordRatio({ label: "verifyInclusionProof / raw path hashes", basis: "time", median: ratio1 });
  recordRatio({
    label: "verifyInclusion / (raw Ed25519 verify + path hashes)",
    basis: "time",
    median: ratio2,
  });
  recordFigure({
    label: "verifyInclusionProof median",
    value: typicalMicros(primitive),
    unit: "µs",
    aim: { op: "<=", value: 200 },
  });
  console.log(
    `ratio verifyInclusion / (raw Ed25519 verify + path hashes) time = ${ratio2.toFixed(3)}`,
  );
  console.log(
    `verifyInclusionProof median ${typicalMicros(primitive).toFixed(1)} µs (aim: <= 200 µs) ${typicalMicros(primitive) <= 200 ? "MET" : "NOT MET"}; ` +
      `verifyInclusion with the checkpoint signature median ${typicalMicros(full).toFixed(1)} µs`,
  );
}

async function servingBench(): Promise<void> {
  const admin = new pg.Pool({
    connectionString: DATABASE_URL,
    max: 2,
    connectionTimeoutMillis: 2000,
  });
  try {
    await admin.query("SELECT 1");
  } catch (error) {
    await admin.end().catch(() => undefined);
    skipOrFail(
      `proof serving: Postgres unreachable at ${DATABASE_URL} (${error instanceof Error ? error.message : String(error)})`,
    );
    return;
  }
  const schema = `bench_log_${Date.now().toString(36)}`;
  const db = new AuditDb(DATABASE_URL, { schema });
  try {
    await db.migrate();
    const started = performance.now();
    // Leaves and every complete subtree of a SERVED_LEAVES-leaf log, with position-derived hashes.
    await admin.query(
      `INSERT INTO "${schema}".audit_log_leaves (leaf_index, decision_id, execution_id)
       SELECT i, i + 1, 'bench-' || i FROM generate_series(0, $1::bigint - 1) AS i`,
      [SERVED_LEAVES],
    );
    await admin.query(
      `INSERT INTO "${schema}".audit_log_nodes (level, node_index, hash)
       SELECT l, i, sha256(convert_to('node ' || l || ' ' || i, 'UTF8'))
         FROM generate_series(0, 20) AS l,
              LATERAL generate_series(0, ($1::bigint >> l) - 1) AS i
        WHERE ($1::bigint >> l) > 0`,
      [SERVED_LEAVES],
    );
    // The migration's state row starts at 0; the log only grows, so this is an allowed update.
    await admin.query(
      `UPDATE "${schema}".audit_log_state SET tree_size = $1, pending_backfill = false`,
      [SERVED_LEAVES],
    );
    await admin.query(`ANALYZE "${schema}".audit_log_leaves; ANALYZE "${schema}".audit_log_nodes`);
    console.log(
      `\n(filled a ${SERVED_LEAVES.toLocaleString("en-US")}-leaf log in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );

    const log = new AuditLog(db, { origin: "bench.example.com/log" });
    const ids = Array.from(
      { length: PROOFS_SERVED },
      (_, k) => `bench-${(k * 7919 * 131) % SERVED_LEAVES}`,
    );
    for (const id of ids.slice(0, PROOFS_WARMUP)) await log.getInclusionProof(id); // warm-up
    const served: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await log.getInclusionProof(id);
      served.push(performance.now() - t);
    }
    // Baseline: the node rows of the same proofs in one raw query each, on a pool of our own.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    const raw: number[] = [];
    for (const [k, id] of ids.entries()) {
      const index = Number(id.slice(6));
      const plan = planInclusionProof(index, SERVED_LEAVES);
      const t = performance.now();
      await pool.query(
        `SELECT level, node_index, hash FROM "${schema}".audit_log_nodes
          WHERE (level, node_index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
        [plan.nodes.map((n) => n.level), plan.nodes.map((n) => n.index)],
      );
      if (k >= 0) raw.push(performance.now() - t);
    }
    await pool.end();
    const pct = (values: number[], p: number): number => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
    };
    // p95 of each quarter of the run: how much the shared machine moved it.
    const quarters = (values: number[]): string => {
      const q = [0, 1, 2, 3].map((k) =>
        pct(values.slice((k * values.length) / 4, ((k + 1) * values.length) / 4), 95),
      );
      return `${pct(q, 50).toFixed(3)} [${Math.min(...q).toFixed(3)}–${Math.max(...q).toFixed(3)}]`;
    };
    printTable(
      `Proof serving from Postgres at ${SERVED_LEAVES.toLocaleString("en-US")} leaves (${PROOFS_SERVED} proofs, one client)`,
      [
        {
          case: "AuditLog.getInclusionProof (one query)",
          "p50 ms": pct(served, 50).toFixed(3),
          "p95 ms": pct(served, 95).toFixed(3),
          "p95 per quarter [min–max]": quarters(served),
        },
        {
          case: "raw pg query of the node rows (plan known)",
          "p50 ms": pct(raw, 50).toFixed(3),
          "p95 ms": pct(raw, 95).toFixed(3),
          "p95 per quarter [min–max]": quarters(raw),
        },
      ],
    );
    recordRatio({
      label: "getInclusionProof / raw node query, p50",
      basis: "time",
      median: pct(served, 50) / pct(raw, 50),
    });
    recordFigure({
      label: "getInclusionProof p95",
      value: pct(served, 95),
      unit: "ms",
      aim: { op: "<=", value: 2 },
    });
    console.log(
      `ratio getInclusionProof / raw node query p50 = ${(pct(served, 50) / pct(raw, 50)).toFixed(3)}; ` +
        `p95 ${pct(served, 95).toFixed(3)} ms (aim: <= 2 ms) ${pct(served, 95) <= 2 ? "MET" : "NOT MET"}`,
    );
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}
