// The golden corpus (test/corpus/corpus.json) with its types, for the tests.
import { readFileSync } from "node:fs";

export interface CorpusKey {
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly jwk: Record<string, string>;
}

export interface CorpusCase {
  readonly id: string;
  readonly kind: "attestation" | "override" | "integrity" | "inclusion" | "consistency";
  readonly description: string;
  readonly key?: string;
  readonly trustRoot?: string;
  /** Trust roots by name: the one held, then the newer ones to walk to, oldest first. */
  readonly trustChain?: readonly string[];
  /** Name of a transparency log key in `logKeys` (inclusion and consistency cases). */
  readonly logKey?: string;
  readonly input: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

export interface Corpus {
  readonly corpusVersion: string;
  readonly keys: Record<string, CorpusKey>;
  readonly trustRoots: Record<string, unknown>;
  /** Transparency log keys (note verifier keys), by name. */
  readonly logKeys: Record<string, string>;
  readonly cases: readonly CorpusCase[];
}

export const CORPUS_PATH: URL = new URL("../corpus/corpus.json", import.meta.url);

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(CORPUS_PATH, "utf8")) as Corpus;
}
