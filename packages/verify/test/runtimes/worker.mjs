// Cloudflare Worker (workerd) entry: runs the corpus against the package build on each request.
import * as verify from "./verify.js";
import corpus from "./corpus.json";
import { runCorpus } from "./run-corpus.mjs";

export default {
  async fetch() {
    const results = {};
    for (const keyForm of ["pem", "jwk", "raw"])
      results[keyForm] = await runCorpus(verify, corpus, { keyForm });
    return Response.json({ runtime: "workerd", cases: corpus.cases.length, results });
  },
};
