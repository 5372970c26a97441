// The Node runtime check only proves something if node:crypto really is unavailable under the
// preload: an import and a require of it must fail there, while the package still loads (ESM
// and CommonJS) and verifies.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIST_CJS, DIST_ESM, PACKAGE_DIR, run } from "../helpers/runtimes.js";
import { loadCorpus } from "../helpers/corpus.js";

const PRELOAD = pathToFileURL(join(PACKAGE_DIR, "test", "runtimes", "block-node-crypto.mjs")).href;

describe.skipIf(!existsSync(DIST_ESM))("node:crypto blocked", () => {
  it("refuses import and require of node:crypto", async () => {
    await expect(
      run(process.execPath, [
        "--import",
        PRELOAD,
        "--input-type=module",
        "-e",
        'await import("node:crypto")',
      ]),
    ).rejects.toThrow(/node:crypto is unavailable in this test/);
    await expect(
      run(process.execPath, ["--import", PRELOAD, "-e", 'require("crypto")']),
    ).rejects.toThrow(/node:crypto is unavailable in this test/);
  });

  it("still loads the CommonJS build and imports a key with WebCrypto", async () => {
    const pem = loadCorpus().keys["ed25519-a"]?.publicKeyPem as string;
    const out = await run(process.execPath, [
      "--import",
      PRELOAD,
      "-e",
      `const v = require(${JSON.stringify(DIST_CJS)});
       v.importPublicKey(${JSON.stringify(pem)}).then((k) => console.log(k.algorithm));`,
    ]);
    expect(out.trim()).toBe("ed25519");
  });
});
