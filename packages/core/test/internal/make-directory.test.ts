import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDirectory } from "../../src/internal/make-directory.js";

const root = mkdtempSync(join(tmpdir(), "parmana-mkdir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("makeDirectory", () => {
  it("creates every missing level and accepts an existing folder", () => {
    const nested = join(root, "a", "b", "c");
    makeDirectory(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
    expect(() => makeDirectory(nested)).not.toThrow();
  });

  it("fails with the errno of the level that cannot be created", () => {
    writeFileSync(join(root, "file"), "x");
    expect(() => makeDirectory(join(root, "file", "sub"))).toThrow(
      expect.objectContaining({ code: "ENOTDIR" }),
    );
  });

  it.skipIf(process.platform !== "linux")(
    "returns an error under /proc instead of looping like recursive mkdirSync",
    () => {
      expect(() => makeDirectory("/proc/parmana-cannot-create/x")).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^E[A-Z]+$/) }),
      );
      expect(existsSync("/proc/parmana-cannot-create")).toBe(false);
    },
  );
});
