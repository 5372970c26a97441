// `parmana verify inclusion` and `parmana verify consistency`, run as the built binary on proof
// files and checkpoints made with core's log primitives: exit 0 for a sound proof, 1 for a
// refused one (with its TRUST- code), 2 for unusable input (CLI-040, CLI-041, key errors).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  LocalSigner,
  MerkleTree,
  canonicalize,
  createNoteSigner,
  encodeBase64,
  formatNoteVerifierKey,
  generateKeyPair,
  noteVerifierKey,
  signCheckpoint,
  type Ed25519KeyPair,
} from "@parmanasystems/core";
import { describeBuilt, makeWorkspace, runParmana } from "../helpers/run-parmana.js";

const ORIGIN = "audit.example.com/decisions";

describeBuilt("parmana verify inclusion | consistency", () => {
  const workspace = makeWorkspace("log-proofs");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  const attestations = Array.from({ length: 11 }, (_, i) => ({
    executionId: `claim-${i}`,
    decision: { action: i % 2 === 0 ? "approve" : "reject" },
    signature: `sig-${i}`,
  }));
  const tree = new MerkleTree();
  let logKey: Ed25519KeyPair;

  async function checkpoint(size: number, rootHash = tree.rootHash(size)): Promise<string> {
    const signer = createNoteSigner(
      ORIGIN,
      new LocalSigner(logKey.privateKeyPem),
      logKey.publicKeyPem,
    );
    return signCheckpoint({ origin: ORIGIN, treeSize: size, rootHash }, signer);
  }

  function write(name: string, content: unknown): string {
    writeFileSync(
      join(cwd, name),
      typeof content === "string" ? content : JSON.stringify(content, null, 2),
    );
    return name;
  }

  async function proofFile(
    name: string,
    index: number,
    size: number,
    attestation: unknown = attestations[index],
  ): Promise<string> {
    return write(name, {
      type: "parmana.inclusion-proof/v1",
      attestation,
      proof: {
        leafIndex: index,
        treeSize: size,
        hashes: tree.inclusionProof(index, size).map(encodeBase64),
      },
      checkpoint: await checkpoint(size),
    });
  }

  beforeAll(() => {
    logKey = generateKeyPair();
    for (const a of attestations) tree.append(canonicalize(a));
    write("log.pem", logKey.publicKeyPem);
    write("log.vkey", `${formatNoteVerifierKey(noteVerifierKey(ORIGIN, logKey.publicKeyPem))}\n`);
    write("other.pem", generateKeyPair().publicKeyPem);
    write("private.pem", logKey.privateKeyPem);
  });

  it("verifies an attestation's inclusion proof, exit 0, with a PEM key or a vkey", async () => {
    await proofFile("proof.json", 6, 11);
    const result = await runParmana(["verify", "inclusion", "proof.json", "--key", "log.pem"], {
      cwd,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "✓ VALID   proof.json: in the log",
        "    executionId  claim-6",
        "    leafIndex    6",
        `    log          ${ORIGIN}`,
        "    treeSize     11",
        `    rootHash     ${encodeBase64(tree.rootHash(11))}`,
        "",
      ].join("\n"),
    );
    const vkey = await runParmana(
      ["verify", "inclusion", "proof.json", "--key", "log.vkey", "--json"],
      { cwd },
    );
    expect(vkey.code).toBe(0);
    expect(JSON.parse(vkey.stdout)).toEqual({
      source: "proof.json",
      valid: true,
      executionId: "claim-6",
      leafIndex: 6,
      origin: ORIGIN,
      treeSize: 11,
      rootHash: encodeBase64(tree.rootHash(11)),
      errors: [],
    });
  });

  it("refuses a changed attestation (TRUST-084) and another log's key (TRUST-082), exit 1", async () => {
    await proofFile("changed.json", 6, 11, { ...attestations[6], decision: { action: "reject" } });
    const changed = await runParmana(["verify", "inclusion", "changed.json", "--key", "log.pem"], {
      cwd,
    });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^✗ INVALID changed\.json: not proven to be in the log\n/);
    expect(changed.stdout).toContain(
      "error: [TRUST-084] the inclusion proof does not lead from this attestation at index 6",
    );
    const other = await runParmana(["verify", "inclusion", "proof.json", "--key", "other.pem"], {
      cwd,
    });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(
      "error: [TRUST-082] the note carries no signature by a trusted key",
    );
  });

  it("checks the proof against a checkpoint the auditor saved (--checkpoint)", async () => {
    await proofFile("proof8.json", 2, 8);
    write("saved-8", await checkpoint(8));
    write("saved-11", await checkpoint(11));
    expect(
      (
        await runParmana(
          ["verify", "inclusion", "proof8.json", "--key", "log.pem", "--checkpoint", "saved-8"],
          { cwd },
        )
      ).code,
    ).toBe(0);
    const mismatch = await runParmana(
      ["verify", "inclusion", "proof8.json", "--key", "log.pem", "--checkpoint", "saved-11"],
      { cwd },
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain(
      "error: [TRUST-086] the proof is for tree size 8 but the checkpoint is for 11",
    );
  });

  it("exits 2 for a file that is not a proof (CLI-040), a private key or a missing file", async () => {
    write("not-proof.json", { hello: "world" });
    const notProof = await runParmana(
      ["verify", "inclusion", "not-proof.json", "--key", "log.pem"],
      { cwd },
    );
    expect(notProof.code).toBe(2);
    expect(notProof.stderr).toMatch(
      /^parmana: \[CLI-040\] not-proof\.json is not an inclusion proof file/,
    );
    const privateKey = await runParmana(
      ["verify", "inclusion", "proof.json", "--key", "private.pem"],
      { cwd },
    );
    expect(privateKey.code).toBe(2);
    expect(privateKey.stderr).toMatch(/\[SIG-003\] private\.pem: /);
    const missing = await runParmana(["verify", "inclusion", "nope.json", "--key", "log.pem"], {
      cwd,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\[CLI-002\] proof file not found: nope\.json/);
    const noKey = await runParmana(["verify", "inclusion", "proof.json"], { cwd });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/\[CLI-001\]/);
  });

  it("verifies that the log only grew between a saved and a current checkpoint, exit 0", async () => {
    write("cp-4", await checkpoint(4));
    write("cp-11", await checkpoint(11));
    write("p-4-11.json", {
      oldSize: 4,
      newSize: 11,
      hashes: tree.consistencyProof(4, 11).map(encodeBase64),
    });
    const result = await runParmana(
      ["verify", "consistency", "cp-4", "cp-11", "--proof", "p-4-11.json", "--key", "log.pem"],
      { cwd },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "✓ CONSISTENT   the log only grew: 4 -> 11 entries",
        `    log          ${ORIGIN}`,
        "    old          cp-4",
        "    new          cp-11",
        "",
      ].join("\n"),
    );
  });

  it("refuses a rewritten history (TRUST-085), exit 1, and a malformed proof file (CLI-041), exit 2", async () => {
    // The operator drops entry 1 and signs a checkpoint over the rest.
    const rewritten = new MerkleTree();
    attestations.forEach((a, i) => i !== 1 && rewritten.append(canonicalize(a)));
    write("cp-10-rewritten", await checkpoint(10, rewritten.rootHash()));
    write("p-rewritten.json", {
      oldSize: 4,
      newSize: 10,
      hashes: rewritten.consistencyProof(4, 10).map(encodeBase64),
    });
    const result = await runParmana(
      [
        "verify",
        "consistency",
        "cp-4",
        "cp-10-rewritten",
        "--proof",
        "p-rewritten.json",
        "--key",
        "log.pem",
        "--json",
      ],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      origin: ORIGIN,
      oldSize: 4,
      newSize: 10,
      errors: [
        "[TRUST-085] the tree of 4 leaves is not a prefix of the tree of 10: entries were changed or dropped",
      ],
    });
    write("bad-proof.json", [1, 2, 3]);
    const bad = await runParmana(
      ["verify", "consistency", "cp-4", "cp-11", "--proof", "bad-proof.json", "--key", "log.pem"],
      { cwd },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parmana: \[CLI-041\] bad-proof\.json is not a consistency proof/);
  });
});
