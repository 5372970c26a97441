// Entry point for Node, Deno and Bun: runs the corpus against a build of the package and prints
// one JSON line. Arguments: the module URL of the build, the URL of corpus.json.
import { runCorpus } from "./run-corpus.mjs";

const args =
  globalThis.Deno !== undefined ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const [moduleUrl, corpusUrl] = args;
const verify = await import(moduleUrl);
const { default: corpus } = await import(corpusUrl, { with: { type: "json" } });
const runtime =
  globalThis.Deno !== undefined
    ? `deno ${globalThis.Deno.version.deno}`
    : globalThis.Bun !== undefined
      ? `bun ${globalThis.Bun.version}`
      : `node ${globalThis.process.version}`;
const results = {};
for (const keyForm of ["pem", "jwk", "raw"])
  results[keyForm] = await runCorpus(verify, corpus, { keyForm });
console.log(JSON.stringify({ runtime, cases: corpus.cases.length, results }));
