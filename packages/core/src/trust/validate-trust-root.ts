import { LocalVerifier } from "../crypto/local-verifier.js";
import { computeTrustRootHash } from "./trust-root-hash.js";
import { trustRootProblems, type TrustRootInspector } from "./internal/trust-root-problems.js";
import type { TrustRoot, TrustRootProblem } from "./trust-root.types.js";

const NODE_INSPECTOR: TrustRootInspector = {
  publicKeyAlgorithm: (pem) => new LocalVerifier(pem).algorithm,
  rootHash: (root) => computeTrustRootHash(root as unknown as TrustRoot),
};

/**
 * Every problem with a trust root, each with its `TRUST-` code, in document order; empty when
 * the root is valid. Public keys are parsed and checked against their declared algorithm.
 *
 * @param value - a parsed `trust-root.json`
 * @returns the problems (never throws for bad input)
 * @example
 * ```ts
 * validateTrustRoot({ trustRootVersion: "1", keys: [] })[0]?.code; // "TRUST-004"
 * ```
 */
export function validateTrustRoot(value: unknown): TrustRootProblem[] {
  try {
    return trustRootProblems(value, NODE_INSPECTOR);
  } catch {
    // A Proxy or throwing getter: reported, as documented, instead of thrown.
    return [
      {
        code: "TRUST-013",
        path: "$",
        message: "the trust root could not be read as plain JSON data",
      },
    ];
  }
}
