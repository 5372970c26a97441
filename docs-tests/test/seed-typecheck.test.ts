// Proves that code written from the product's published documentation compiles unchanged against
// the built packages, under `tsc --strict` with Node's ESM resolution (NodeNext) and with a
// bundler's: the adapters guide's KMS, Vault, Redis and DynamoDB classes (the KMS ones declare
// `private keyId` and implement our Signer and Verifier), its usage, wiring and Lambda snippets,
// and the attestation pages' snippets, `ExecutionAttestation` interface and JSON example, which
// must be assignable to our `ExecutionAttestation`. The files under seeds/ are copied verbatim
// from those pages (see seeds/README.md); only seeds/attestation-pages/page-context.d.ts and
// the marked lines at the end of reference-interface.ts were added. The SDKs are the real ones
// (@aws-sdk/client-kms, @aws-sdk/client-dynamodb, ioredis), installed as devDependencies.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { describeBuilt, typecheck } from "./helpers/typecheck.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEEDS = join(ROOT, "seeds");

function filesOf(folder: string): string[] {
  return readdirSync(join(SEEDS, folder))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(SEEDS, folder, name));
}

const FILES = [...filesOf("adapters-guide"), ...filesOf("attestation-pages")];

// ioredis types its CommonJS default export so that, under Node's own ESM resolution, the
// guide's `import Redis from "ioredis"` is a namespace rather than the class (TypeScript then
// rejects `private client: Redis` and `new Redis(url)`). That is ioredis's declaration file, not
// ours, and `import { Redis } from "ioredis"` works everywhere; bundlers accept the default
// import. These two diagnostics, and no others, are expected under NodeNext.
const IOREDIS_NODENEXT = [
  /^seeds\/adapters-guide\/redis-store\.ts\(5,19\): TS2709 Cannot use namespace 'Redis' as a type\.$/,
  /^seeds\/adapters-guide\/redis-store\.ts\(8,23\): TS2351 This expression is not constructable\./,
];

describeBuilt("the documented adapter classes and attestation examples compile verbatim", () => {
  it("has every extracted file", () => {
    expect(FILES.map((file) => file.slice(SEEDS.length + 1)).sort()).toEqual([
      "adapters-guide/dynamo-store.ts",
      "adapters-guide/interfaces.ts",
      "adapters-guide/kms-usage.ts",
      "adapters-guide/kms.ts",
      "adapters-guide/lambda.ts",
      "adapters-guide/redis-store.ts",
      "adapters-guide/vault.ts",
      "adapters-guide/wiring.ts",
      "attestation-pages/attestations-override.ts",
      "attestation-pages/attestations-store.ts",
      "attestation-pages/attestations-verify.ts",
      "attestation-pages/authority-override.ts",
      "attestation-pages/authority-store.ts",
      "attestation-pages/authority-verify.ts",
      "attestation-pages/page-context.d.ts",
      "attestation-pages/reference-canonical-payload.ts",
      "attestation-pages/reference-interface.ts",
      "attestation-pages/reference-json-example.ts",
    ]);
  });

  it("compiles under --strict with a bundler's resolution (Bundler)", () => {
    expect(typecheck(FILES, "Bundler", ROOT)).toEqual([]);
  });

  it("compiles under --strict with Node's ESM resolution (NodeNext), but for ioredis's default export", () => {
    const diagnostics = typecheck(FILES, "NodeNext", ROOT);
    expect(diagnostics).toHaveLength(IOREDIS_NODENEXT.length);
    IOREDIS_NODENEXT.forEach((pattern, index) => expect(diagnostics[index]).toMatch(pattern));
  });

  it("accepts a consumer's interface-typed signals, sync store, narrowed results and error codes", () => {
    const file = join(ROOT, "test", "fixtures", "consumer-types.ts");
    expect(typecheck([file], "NodeNext", ROOT)).toEqual([]);
    expect(typecheck([file], "Bundler", ROOT)).toEqual([]);
  });

  it("would catch a documented class that no longer fits our interfaces", () => {
    // The same check, fed a class that breaks the Signer contract, must report it.
    const broken = join(ROOT, "test", "fixtures", "broken-signer.ts");
    const diagnostics = typecheck([broken], "NodeNext", ROOT);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/broken-signer\.ts\(\d+,\d+\): TS2416 /);
  });
});
