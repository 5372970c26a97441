// `parmana verify attestation` on hostile files, through the built binary: a forged attestation
// with a duplicated `decision` member, one whose executionId carries terminal escape sequences,
// a symlink to /dev/zero and a FIFO among the inputs.
import { execFileSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writePolicy } from "../helpers/fixtures.js";
import { describeBuilt, makeWorkspace, runParmana } from "../helpers/run-parmana.js";

describeBuilt("parmana verify attestation on hostile files", () => {
  const workspace = makeWorkspace("verify-hostile");
  afterAll(workspace.cleanup);
  const cwd = workspace.dir;
  let signed = "";

  beforeAll(async () => {
    writePolicy(join(cwd, "policies"));
    expect((await runParmana(["keygen", "--out", "keys"], { cwd })).code).toBe(0);
    const executed = await runParmana(
      [
        "execute",
        "--policy-id",
        "loan-approval",
        "--policy-version",
        "1.0.0",
        "--signals",
        '{"credit_score":720,"loan_amount":15000}',
        "--execution-id",
        "loan-42",
        "--key",
        "keys/private.pem",
        "--out",
        "attestation.json",
      ],
      { cwd },
    );
    expect(executed.code).toBe(0);
    signed = readFileSync(join(cwd, "attestation.json"), "utf8");
  });

  it("refuses a duplicated member with CLI-011 naming it, instead of judging the last value", async () => {
    const record = JSON.parse(signed) as Record<string, unknown>;
    const { decision, ...rest } = record;
    // The signed decision first, a forged one last: JSON.parse would keep the forged one.
    const text = `{"decision":${JSON.stringify(decision)},${JSON.stringify(rest).slice(1, -1)},"decision":{"action":"reject","requires_override":false,"reason":"x"}}`;
    writeFileSync(join(cwd, "duplicate.json"), text);
    const result = await runParmana(
      ["verify", "attestation", "duplicate.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^1 attestation: 0 valid, 0 invalid, 1 error /);
    expect(result.stderr).toBe(
      'parmana: [CLI-011] attestation duplicate.json has the member "decision" twice in one object; duplicate names are refused (I-JSON, RFC 7493)\n',
    );
  });

  it("escapes terminal control sequences from a forged executionId", async () => {
    const record = JSON.parse(signed) as Record<string, unknown>;
    const forged = { ...record, executionId: "x\u001b[1A\u001b[2K\r✓ VALID   loan.json" };
    writeFileSync(join(cwd, "escape.json"), JSON.stringify(forged));
    const result = await runParmana(
      ["verify", "attestation", "escape.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout).toContain("x\\u001b[1A\\u001b[2K\\u000d✓ VALID   loan.json");
  });

  it("reports a symlink to /dev/zero and a FIFO as CLI-012 errors, at once", async () => {
    symlinkSync("/dev/zero", join(cwd, "zero.json"));
    execFileSync("mkfifo", [join(cwd, "fifo.json")]);
    const started = Date.now();
    const result = await runParmana(
      ["verify", "attestation", "zero.json", "fifo.json", "--key", "keys/public.pem"],
      { cwd },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(2);
    expect(
      result.stderr.match(/\[CLI-012\] attestation (zero|fifo)\.json is not a regular file/g),
    ).toHaveLength(2);
  });
});
